import Foundation
import QSHArtifacts

/// The last fills of a session's `trades.csv`, read from the end of the file so that watching a
/// session with a hundred thousand fills reads a few kilobytes, not the file.
enum PaperTradesTail {
    /// Up to `count` rows, oldest first, keyed by the file's own header (numbers as numbers).
    static func read(_ path: String, count: Int) -> [JSONValue] {
        guard count > 0, let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let headerBytes = try? handle.read(upToCount: 1024),
              let headerEnd = headerBytes.firstIndex(of: 0x0A) else { return [] }
        let header = String(decoding: headerBytes[..<headerEnd], as: UTF8.self).split(separator: ",").map(String.init)
        guard let size = try? handle.seekToEnd() else { return [] }
        let window = min(UInt64(16_384), size - UInt64(headerEnd + 1))
        guard (try? handle.seek(toOffset: size - window)) != nil, let tail = try? handle.read(upToCount: Int(window)) else {
            return []
        }
        // Complete lines only: the first may be cut by the window, the last may be mid-append.
        var lines = tail.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        if window < size - UInt64(headerEnd + 1) { lines = lines.dropFirst() }
        return lines.suffix(count).map { line in
            let cells = String(decoding: line, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            var row: [String: JSONValue] = [:]
            for (key, cell) in zip(header, cells) {
                row[key] = Double(cell).map { key == "fill_id" ? .int(Int64($0)) : .double($0) } ?? .string(String(cell))
            }
            return .object(row)
        }
    }
}
