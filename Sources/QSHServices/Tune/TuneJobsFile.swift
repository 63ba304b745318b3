import Foundation
import QSHArtifacts
import QSHCore

/// A `jobs.jsonl` plan read for `tune run`: every line is a job or, when it cannot be one, a
/// skip with its reason (`line 12: 'ordinal' is missing ...`). Only an unreadable or empty file,
/// or one that mixes plans, is an error of the whole plan (exit 2).
///
/// The file is read a chunk at a time and each job handed on as it is read, with its place in
/// the file, instead of being kept: a plan of 100,000 jobs is 40 MB of text and more as parsed
/// configs. What is kept per job is its job_id (to find a second line with the same one).
public struct TuneJobsFile: Sendable {
    public struct Skipped: Sendable, Equatable {
        public let line: Int
        public let jobID: String?
        public let reason: String
    }

    /// Where a line is in the file, to read it again (`TuneJobReader`).
    struct Place: Sendable {
        let offset: Int
        let length: Int
    }

    public let path: String
    /// The lines that are jobs (the first line of each job_id).
    public let jobs: Int
    public let skipped: [Skipped]
    /// The session of the first job.
    public let session: String?

    /// Reads `path`, handing each job (the first line of its job_id) to `job` in file order.
    /// The plan-wide checks (no job, two plan_ids) come once the whole file is read, so `job`
    /// must not act on what it is given before `init` returns.
    /// `shownAs` names the plan in errors (`-` for standard input).
    init(path: String, shownAs shown: String? = nil, job: (TuneJob, Place) throws -> Void) throws {
        self.path = path
        let shown = shown ?? path
        var jobs = 0
        var skipped: [Skipped] = []
        var seen = Set<String>()
        var plans = Set<String>()
        var session: String?
        let readable = try TuneLineReader.forEachLine(path: path) { raw, index, place in
            let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { return }
            let parsed: TuneJob
            do {
                parsed = try TuneJob(line: line)
            } catch {
                let message = (error as? InvalidInputError)?.message ?? "\(error)"
                skipped.append(Skipped(line: index + 1, jobID: nil, reason: message))
                return
            }
            guard seen.insert(parsed.jobID).inserted else {
                skipped.append(Skipped(line: index + 1, jobID: parsed.jobID, reason: "job_id '\(parsed.jobID)' appears twice"))
                return
            }
            jobs += 1
            session = session ?? parsed.session
            plans.insert(parsed.planID)
            try job(parsed, place)
        }
        guard readable else {
            throw InvalidInputError("--jobs-file: '\(Excerpt.of(shown, limit: 120))' cannot be read")
        }
        guard jobs > 0 || !skipped.isEmpty else {
            throw InvalidInputError("--jobs-file: '\(Excerpt.of(shown, limit: 120))' holds no jobs")
        }
        guard plans.count <= 1 else {
            throw InvalidInputError(
                "--jobs-file: '\(Excerpt.of(shown, limit: 120))' mixes \(plans.count) plans (plan_id "
                    + plans.sorted().prefix(2).map { String($0.prefix(7)) }.joined(separator: ", ") + ", ...)")
        }
        self.jobs = jobs
        self.skipped = skipped
        self.session = session
    }

    /// The job on the line at `place` of the open file, read again; nil when it no longer reads
    /// as one (the file was changed while the plan ran).
    static func job(at place: Place, in descriptor: Int32) -> TuneJob? {
        var bytes = [UInt8](repeating: 0, count: place.length)
        var done = 0
        while done < place.length {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, place.length - done, off_t(place.offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return try? TuneJob(line: String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }
}

/// The lines of a file, read in chunks of a megabyte: memory is one chunk and the longest line,
/// whatever the size of the file.
enum TuneLineReader {
    static let chunk = 1 << 20

    /// Calls `body` with each line's bytes (without its `\n`), its 0-based index and its place,
    /// the last line included when the file does not end in `\n`. False when the file cannot
    /// be opened or read.
    static func forEachLine(
        path: String, _ body: (ArraySlice<UInt8>, Int, TuneJobsFile.Place) throws -> Void
    ) throws -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var pending: [UInt8] = []
        /// The file offset of `pending[0]`.
        var start = 0
        var index = 0
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunk) }
            if got < 0 {
                if errno == EINTR { continue }
                return false
            }
            if got == 0 { break }
            pending.append(contentsOf: buffer[0..<got])
            var lineStart = 0
            while let newline = pending[lineStart...].firstIndex(of: 0x0A) {
                try body(pending[lineStart..<newline], index, .init(offset: start + lineStart, length: newline - lineStart))
                index += 1
                lineStart = newline + 1
            }
            pending.removeFirst(lineStart)
            start += lineStart
        }
        // The last line, without a newline; an empty remainder is the end of a file ending in
        // `\n` (the split of the whole file gave it an empty last line too, which is skipped).
        if !pending.isEmpty { try body(pending[...], index, .init(offset: start, length: pending.count)) }
        return true
    }
}
