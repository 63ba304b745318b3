import Foundation

/// The prompt's history on disk: `$QSH_HISTORY`, else `~/.qsh_history`.
///
/// The file is append-only: each entered line is one `write` on an `O_APPEND` descriptor, so
/// two shells open at once interleave whole lines and never overwrite each other (libedit's
/// `H_SAVE` rewrites the whole file and loses the other shell's lines). At start the last
/// `limit` entries are loaded, and a file holding more than `limit` lines is rewritten with
/// the newest `limit` (temporary file in the same folder, then rename), so the file holds at
/// most `limit` lines plus those of the sessions since. Both
/// appends and the rewrite hold an exclusive `flock` on the file, and an append that finds
/// the path pointing at a newer file (renamed in by the other shell) reopens it, so no line
/// is lost to a concurrent rewrite.
///
/// One entry per line; a multi-line entry (a continued command) is stored escaped: `\n` for
/// a newline and `\\` for a backslash.
struct HistoryFile {
    static let defaultLimit = 1000

    let path: String
    let limit: Int

    init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// `QSH_HISTORY` when set and not empty, else `$HOME/.qsh_history` (nil without a home).
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["QSH_HISTORY"], !explicit.isEmpty { return explicit }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        guard !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".qsh_history")
    }

    // MARK: Reading

    /// The newest `limit` entries, oldest first. Trims the file to them when it holds more. A
    /// missing or unreadable file is an empty history.
    func load() -> [String] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        _ = flock(descriptor, LOCK_EX)
        guard let bytes = Self.readAll(descriptor) else { return [] }
        let lines = Self.lines(in: bytes)
        if lines.count > limit {
            compact(keeping: lines.suffix(limit))
        }
        return lines.suffix(limit).map { Self.decode(String(decoding: $0, as: UTF8.self)) }
    }

    /// Rewrites the file with `lines` only (caller holds the lock on the current file).
    private func compact(keeping lines: ArraySlice<ArraySlice<UInt8>>) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { return }
        var contents: [UInt8] = []
        for line in lines {
            contents += line
            contents.append(UInt8(ascii: "\n"))
        }
        let written = Self.writeAll(output, contents)
        let synced = fsync(output) == 0
        close(output)
        if written && synced && rename(temporary, path) == 0 { return }
        unlink(temporary)
    }

    // MARK: Writing

    /// Appends one entry (a single `write`). Failures are ignored: history is a convenience.
    func append(_ entry: String) {
        let record = Array((Self.encode(entry) + "\n").utf8)
        for _ in 0..<3 {
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return }
            _ = flock(descriptor, LOCK_EX)
            // A rewrite by another shell may have renamed a new file over the path while we
            // waited for the lock: writing to the old one would lose the line.
            guard Self.isCurrent(descriptor, path: path) else {
                close(descriptor)
                continue
            }
            _ = Self.writeAll(descriptor, record)
            close(descriptor)
            return
        }
    }

    // MARK: Encoding

    static func encode(_ entry: String) -> String {
        var result = ""
        result.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func decode(_ line: String) -> String {
        var result = ""
        var escaped = false
        for scalar in line.unicodeScalars {
            if escaped {
                switch scalar {
                case "n": result += "\n"
                case "r": result += "\r"
                default: result.unicodeScalars.append(scalar)
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if escaped { result += "\\" }
        return result
    }

    // MARK: Low level

    /// Non-empty lines of `bytes` (a final line without a newline counts).
    static func lines(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return result }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            result += chunk[0..<count]
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    private static func isCurrent(_ descriptor: Int32, path: String) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }
}
