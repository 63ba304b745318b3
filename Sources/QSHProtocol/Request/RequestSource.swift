import Foundation
import QSHCore
import QSHServices

/// Where `--json-request` takes its envelope from: the argument itself, `@file`, or `-` for
/// standard input. At most 1 MiB (plus one byte, to tell an oversize request) is read.
public enum RequestSource {
    /// A relative `@file` is read from `workingDirectory`.
    public static func read(_ argument: String, workingDirectory: String) throws(InvalidInputError) -> [UInt8] {
        let limit = RequestEnvelope.maximumBytes + 1
        if argument == "-" {
            return readLimited(FileHandle.standardInput, limit: limit)
        }
        if argument.hasPrefix("@") {
            let given = String(argument.dropFirst())
            let path = Paths.absolute(given, in: workingDirectory)
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw InvalidInputError("--json-request: cannot read request file '\(given)'")
            }
            defer { try? handle.close() }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw InvalidInputError("--json-request: '\(given)' is a directory, not a request file")
            }
            return readLimited(handle, limit: limit)
        }
        return Array(argument.utf8)
    }

    private static func readLimited(_ handle: FileHandle, limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < limit {
            guard let chunk = try? handle.read(upToCount: min(65_536, limit - bytes.count)), !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
