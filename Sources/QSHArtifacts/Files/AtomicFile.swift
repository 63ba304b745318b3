import Foundation
import QSHCore

/// Whole-file writes that readers can never see half done: the bytes go to a temporary file in
/// the same folder (`.<name>.tmp-<pid>-<random>`), are flushed to disk, and the temporary file
/// is renamed over the target. A reader sees the old file or the new one, never a mix; on any
/// failure the temporary file is removed and an `InvalidInputError` names the path.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, durable: true)
    }

    /// `durable: false` renames without flushing: readers never see a torn file, but the bytes
    /// reach the disk later, with the next `syncAll()` (many small records written in a batch).
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        try write(to: path, durable: durable) { FileBytes.writeAll(bytes, to: $0) }
    }

    /// The same, with `fill` writing the bytes to the temporary file's descriptor (returning 0
    /// or an errno), for contents assembled from pieces of other files (`FileBytes.copy`).
    /// `durable: false` skips the flushes, for files derived from others that are rebuilt when
    /// damaged (the runs index): readers still see the old file or the new one, never a mix, but
    /// a machine crash may leave the old one (or, on some file systems, an empty one).
    public static func write(to path: String, durable: Bool = true, filling fill: (_ descriptor: Int32) -> Int32) throws {
        let name = (path as NSString).lastPathComponent
        guard !path.isEmpty, !path.hasSuffix("/"), name != ".", name != ".." else {
            throw InvalidInputError("cannot write '\(path)': not a file path")
        }
        let directory = (path as NSString).deletingLastPathComponent
        try Folders.create(directory.isEmpty ? "." : directory)
        let temporary = (directory.isEmpty ? "" : directory + "/")
            + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InvalidInputError("cannot write '\(path)': \(FileBytes.reason(errno))")
        }
        var failure = fill(descriptor)
        if failure == 0 && durable && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw InvalidInputError("cannot write '\(path)': \(FileBytes.reason(failure))")
        }
        if durable { FileBytes.flushFolder(directory.isEmpty ? "." : directory) }
    }
}

extension AtomicFile {
    /// Makes every write so far durable, for a batch of `durable: false` writes in `folder`:
    /// one `sync` for the batch instead of two flushes per file.
    public static func syncBatch(in folder: String) {
        sync()
        FileBytes.flushFolder(folder)
    }
}

/// Small POSIX helpers shared by the writers.
public enum FileBytes {
    /// Writes every byte (retrying short writes and EINTR); returns 0 or the errno.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        guard let base = buffer.baseAddress else { return 0 }
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Copies `range` of the file open at `source` to the end of `target`; returns 0 or an
    /// errno (EIO when the source ends early). On Linux in the kernel (`sendfile`, file to file
    /// since 2.6.33): no buffer, no page faults, which is most of the cost of appending a run
    /// to a 4 MB index. Elsewhere, or where sendfile refuses, through a buffer.
    static func copy(from source: Int32, range: Range<Int>, to target: Int32) -> Int32 {
        var offset = range.lowerBound
        #if os(Linux)
            var kernelOffset = off_t(offset)
            while offset < range.upperBound {
                let sent = sendfile(target, source, &kernelOffset, range.upperBound - offset)
                if sent < 0 {
                    if errno == EINTR { continue }
                    if errno == EINVAL || errno == ENOSYS { break }
                    return errno
                }
                if sent == 0 { return EIO }
                offset += sent
                kernelOffset = off_t(offset)
            }
        #endif
        var buffer = [UInt8](repeating: 0, count: min(1 << 20, max(range.upperBound - offset, 1)))
        while offset < range.upperBound {
            let got = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, min($0.count, range.upperBound - offset), off_t(offset)) }
            if got < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if got == 0 { return EIO }
            let failure = writeAll(Array(buffer[0..<got]), to: target)
            if failure != 0 { return failure }
            offset += got
        }
        return 0
    }

    /// fsync of a folder makes the names created or renamed inside it durable. Best effort.
    static func flushFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Folder creation with errors that name the path.
public enum Folders {
    public static func create(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw InvalidInputError("cannot create folder '\(path)': a file with that name exists")
            }
            return
        }
        if let blocker = firstNonFolderAncestor(of: path) {
            throw InvalidInputError("cannot create folder '\(path)': '\(blocker)' is a file, not a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // Another process may have made it in the meantime.
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
            throw InvalidInputError("cannot create folder '\(path)': \(Folders.reason(error))")
        }
    }

    /// The nearest existing ancestor of `path` when it is not a folder (a regular file or
    /// `/dev/null` given as `--outdir`).
    static func firstNonFolderAncestor(of path: String) -> String? {
        var current = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        while !current.isEmpty && current != "/" {
            if FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? nil : current
            }
            current = (current as NSString).deletingLastPathComponent
        }
        return nil
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
