#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import QSHCore

/// Whole-file access with POSIX calls: one read loop into a buffer sized from fstat. Only
/// regular files and FIFOs are read: `/dev/zero` or a terminal would never end.
enum FileBytes {
    /// No bar file has lines this long; a stream without line ends stops here instead of
    /// filling memory.
    static let maximumLineBytes = 1 << 20

    /// Calls `body` with the file's bytes, valid only during the call.
    static func withContents<R>(
        path: String, _ body: (UnsafeRawBufferPointer) throws(DataError) -> R
    ) throws(DataError) -> R {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path, errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw DataError("\(path): is a folder, not a CSV file")
        case let kind: throw DataError("\(path): is \(describe(kind)), not a regular file")
        }
        let size = Int(info.st_size)
        // Read, not mmap: a file truncated by another process while mapped would kill us with
        // SIGBUS, and bad input must never crash. The copy costs ~10% of a 1M-row parse.
        let bytes: [UInt8]
        if info.st_mode & S_IFMT == S_IFREG, size >= parallelReadBytes, let whole = readInTwo(fd, size: size) {
            bytes = whole
        } else {
            bytes = try readToEnd(fd, path: path, sizeHint: size)
        }
        let result: Result<R, DataError> = bytes.withUnsafeBytes { raw in
            Result { () throws(DataError) in try body(raw) }
        }
        return try result.get()
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Regular files this large are read by `readInTwo`.
    static let parallelReadBytes = 8 << 20

    /// A regular file of `size` bytes read by two threads at once (one `pread` loop per half)
    /// into memory advised for huge pages. Why: one thread reading a 50 MB file took about a
    /// sixth of a 1M-bar paper replay, most of it page faults on the fresh buffer. Nil when
    /// anything is unexpected (a read error, the file shorter or longer than `size`, no line
    /// end in the last MiB): `readToEnd` then reads it again and reports what it finds.
    private static func readInTwo(_ fd: Int32, size: Int) -> [UInt8]? {
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 4_096) { buffer, count in
            count = 0
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            HugePages.advise(base, byteCount: buffer.count)
            let middle = size / 2
            var secondOK = false
            let second = SecondThread(name: "qsh file reader") {
                secondOK = readFully(fd, base + middle, count: size - middle, offset: middle)
            }
            let firstOK = readFully(fd, base, count: middle, offset: 0)
            second.wait()
            // Exactly `size` bytes: a file that grew since fstat goes to `readToEnd`.
            guard firstOK, secondOK, systemPread(fd, base + size, 1, size) == 0 else { return }
            count = size
            complete = true
        }
        guard complete else { return nil }
        if !bytes.suffix(maximumLineBytes).contains(0x0A) { return nil }
        return bytes
    }

    /// `pread` until `count` bytes are in; false on an error or an early end of file.
    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, count: Int, offset: Int) -> Bool {
        var done = 0
        while done < count {
            let got = systemPread(fd, buffer + done, count - done, offset + done)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return false }
            done += got
        }
        return true
    }

    /// For pipes and special files, whose reported size is only a hint.
    private static func readToEnd(_ fd: Int32, path: String, sizeHint: Int) throws(DataError) -> [UInt8] {
        var capacity = max(sizeHint, 0) + 4_096
        var bytes: [UInt8] = []
        while true {
            var error: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < capacity {
                    let got = systemRead(fd, buffer.baseAddress! + count, capacity - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        error = errno
                        return
                    }
                    if got == 0 { return }
                    count += got
                }
            }
            if error != 0 { throw failure(path, error) }
            if chunk.count > maximumLineBytes, !chunk.suffix(maximumLineBytes).contains(0x0A) {
                throw DataError("\(path): no line end in \(maximumLineBytes / 1_048_576) MiB: this is not a CSV bar file")
            }
            // The usual case, a regular file read in one go: no second copy.
            if bytes.isEmpty && chunk.count < capacity { return chunk }
            bytes.append(contentsOf: chunk)
            if chunk.count < capacity { return bytes }  // end of file
            capacity *= 2
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> DataError {
        if code == ENOENT { return DataError("\(path): no such file") }
        let reason = String(cString: strerror(code))
        return DataError("\(path): cannot read file (\(reason))")
    }
}

/// `read(2)`, named apart so the call is unambiguous inside `FileBytes`.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.read(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(fd, buffer, count)
    #else
    return Glibc.read(fd, buffer, count)
    #endif
}

/// `pread(2)`, named apart like `systemRead`.
@inline(__always)
private func systemPread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.pread(fd, buffer, count, off_t(offset))
    #elseif canImport(Musl)
    return Musl.pread(fd, buffer, count, off_t(offset))
    #else
    return Glibc.pread(fd, buffer, count, off_t(offset))
    #endif
}
