import Foundation
import QSHArtifacts

/// Appends signal events to a JSONL file that several processes may share: each line goes out
/// in one `write(2)` on an `O_APPEND` descriptor while holding an exclusive `flock`, so lines
/// never interleave or get lost. A failure to write warns and never changes the outcome.
public struct SignalWriter: Sendable {
    public let path: String
    /// How warnings name the file (as the user gave it).
    let name: String
    let warn: @Sendable (String) -> Void
    let clock: @Sendable () -> Date

    public init(
        path: String, name: String? = nil, clock: @escaping @Sendable () -> Date = { Date() },
        warn: @escaping @Sendable (String) -> Void
    ) {
        self.path = path
        self.name = name ?? path
        self.clock = clock
        self.warn = warn
    }

    public func append(_ event: SignalEvent) {
        if let problem = write(Array((event.json(at: clock()).line() + "\n").utf8)) {
            warn("could not write \(event.name) to signal file '\(name)': \(problem)")
        }
    }

    /// nil on success, else why not.
    private func write(_ line: [UInt8]) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try Folders.create(folder)
            } catch {
                return "\(error)"
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { return String(cString: strerror(errno)) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return line.withUnsafeBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }
}
