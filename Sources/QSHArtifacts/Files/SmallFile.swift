import Foundation

/// A whole small file read with plain POSIX calls. Scanning ten thousand session folders reads
/// thirty thousand of them: `FileManager.contents(atPath:)` with its existence checks and the
/// copy out of `Data` was a third of `paper list` (measured with perf).
public enum SmallFile {
    public enum Outcome {
        case bytes([UInt8])
        /// No such file (or a path through something that is not a folder).
        case missing
        /// There, but it cannot be read (permissions, a folder, an I/O error).
        case unreadable
    }

    public static func read(_ path: String) -> Outcome {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .unreadable }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            // Read until end of file: the file may have grown since fstat.
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return .bytes(bytes)
    }
}
