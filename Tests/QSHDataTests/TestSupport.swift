import Foundation
import QSHCore
@testable import QSHData

/// Parses CSV text as if it were the file `name`.
func parseCSV(_ text: String, name: String = "data/x.csv", adjust: Bool? = nil) throws(DataError) -> CSVBarFile {
    try CSVBarReader.parse(bytes: Array(text.utf8), sourceName: name, adjust: adjust)
}

/// The message of the DataError the text raises, or nil when it parses.
func csvError(_ text: String, name: String = "data/x.csv") -> String? {
    do {
        _ = try parseCSV(text, name: name)
        return nil
    } catch {
        return error.message
    }
}

/// The reader's decimal parser over a Swift string.
func parseDecimal(_ text: String) -> Double? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { DecimalParser.parse(UnsafeBufferPointer($0)) }
}

/// A fresh empty folder under the system temporary directory, removed by `cleanup`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "qshdata-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// `../shared/data/real` relative to the package root (or `QSH_REAL_DATA_DIR`).
enum RealDataFolder {
    static let path: String = {
        if let override = ProcessInfo.processInfo.environment["QSH_REAL_DATA_DIR"], !override.isEmpty {
            return override
        }
        // <root>/Tests/QSHDataTests/TestSupport.swift -> <root>/../shared/data/real
        let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real").path
    }()

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: path + "/ETH-USD_1d.csv") }

    static func file(_ name: String) -> String { path + "/" + name }
}
