#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `rename(2)` that never replaces an existing target.
///
/// Plain `rename` of a directory fails onto a non-empty directory (EEXIST / ENOTEMPTY) but
/// silently replaces an *empty* one, and replaces files outright. Where the kernel offers an
/// exclusive rename it is used (`renameat2(RENAME_NOREPLACE)` on Linux, looked up at run time
/// because Glibc's Swift overlay does not declare it; `renamex_np(RENAME_EXCL)` on Apple
/// platforms); otherwise the fallback is an existence check followed by plain `rename`, whose
/// only remaining window is two empty directories racing for one name.
enum ExclusiveRename {
    enum Outcome: Equatable {
        case renamed
        /// The target name exists; nothing was changed.
        case taken
        case failed(errno: Int32)
    }

    static func rename(_ source: String, to target: String) -> Outcome {
        if let result = native(source, target) {
            if result == 0 { return .renamed }
            let code = errno
            if code == EEXIST || code == ENOTEMPTY { return .taken }
            if !unsupported(code) { return .failed(errno: code) }
        }
        return fallback(source, target)
    }

    private static func fallback(_ source: String, _ target: String) -> Outcome {
        var status = stat()
        if lstat(target, &status) == 0 { return .taken }
        if systemRename(source, target) == 0 { return .renamed }
        let code = errno
        return code == EEXIST || code == ENOTEMPTY ? .taken : .failed(errno: code)
    }

    private static func systemRename(_ source: String, _ target: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.rename(source, target)
        #elseif canImport(Musl)
        Musl.rename(source, target)
        #else
        Darwin.rename(source, target)
        #endif
    }

    /// Errors meaning "this file system or kernel cannot do an exclusive rename".
    private static func unsupported(_ code: Int32) -> Bool {
        #if canImport(Darwin)
        code == ENOTSUP || code == EINVAL
        #else
        code == EINVAL || code == ENOSYS || code == EOPNOTSUPP
        #endif
    }

    #if canImport(Darwin)
    private static func native(_ source: String, _ target: String) -> Int32? {
        renamex_np(source, target, UInt32(RENAME_EXCL))
    }
    #elseif canImport(Glibc) || canImport(Musl)
    private typealias Renameat2 = @convention(c) (
        Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32
    ) -> Int32

    private static let renameat2: Renameat2? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    private static func native(_ source: String, _ target: String) -> Int32? {
        guard let call = renameat2 else { return nil }
        let renameNoReplace: UInt32 = 1  // RENAME_NOREPLACE in <linux/fs.h>
        return call(AT_FDCWD, source, AT_FDCWD, target, renameNoReplace)
    }
    #else
    private static func native(_ source: String, _ target: String) -> Int32? { nil }
    #endif
}
