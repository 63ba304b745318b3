import Foundation
import QSHCore

/// The plan `--jobs-file` names: a file (relative to the working folder), or `-`, the plan on
/// standard input (`qsh tune plan ... --output-jobs-file - | qsh tune run --jobs-file -`; the
/// isolated jobs' children), shown as `-`. A run reads each job's line again by its place in
/// the file, so standard input is first copied to a private temporary file, removed when the
/// run ends. Standard input comes from the surface, which lends it only where it is not the
/// script, the request or the prompt's terminal.
struct TuneJobsFileSource: Sendable {
    /// The file read.
    let path: String
    /// How the summary names it.
    let shown: String
    let isTemporary: Bool

    static func resolve(_ argument: String, context: ServiceContext) throws -> TuneJobsFileSource {
        guard argument == "-" else {
            let path = context.resolve(argument)
            return TuneJobsFileSource(path: path, shown: path, isTemporary: false)
        }
        guard let standardInput = context.standardInput else {
            throw InvalidInputError("--jobs-file: '-' (standard input) cannot be read here: it is not this command's; give the file")
        }
        let folder = context.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = (folder as NSString).appendingPathComponent("qsh-jobs-\(UUID().uuidString).jsonl")
        guard FileManager.default.createFile(atPath: path, contents: Data(standardInput()), attributes: [.posixPermissions: 0o600])
        else {
            throw InvalidInputError("--jobs-file: '-': standard input cannot be kept in '\(folder)' (TMPDIR) to be read again")
        }
        return TuneJobsFileSource(path: path, shown: "-", isTemporary: true)
    }

    func remove() {
        if isTemporary { try? FileManager.default.removeItem(atPath: path) }
    }
}
