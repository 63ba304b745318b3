import Foundation
import QSHCore

/// A file that only grows (a paper session's `trades.csv`): each append is one `write` on an
/// `O_APPEND` descriptor, synced when asked, so a reader or a crash sees whole rows up to the
/// last sync and never a rewritten file.
public final class AppendOnlyFile: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InvalidInputError("cannot open '\(path)' for appending: \(String(cString: strerror(errno)))")
        }
    }

    public func append(_ bytes: [UInt8], sync: Bool) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw InvalidInputError("cannot append to '\(path)': \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        if sync && fsync(descriptor) != 0 {
            throw InvalidInputError("cannot sync '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    public func close() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
