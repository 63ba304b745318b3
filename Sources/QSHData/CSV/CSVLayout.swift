import QSHCore

/// Which column of a CSV file holds which bar field, read from its header line.
struct CSVLayout {
    enum Role: Int, CaseIterable {
        case time, open, high, low, close, adjClose, volume

        /// Accepted header spellings, compared after trimming and lowercasing.
        var spellings: [String] {
            switch self {
            case .time: ["date", "timestamp", "time", "datetime"]
            case .open: ["open"]
            case .high: ["high"]
            case .low: ["low"]
            case .close: ["close"]
            case .adjClose: ["adj_close", "adj close", "adjclose"]
            case .volume: ["volume"]
            }
        }
    }

    /// Header cells as written (trimmed), for error messages.
    let names: [String]
    /// Column index per role (indexed by `Role.rawValue`), -1 when absent.
    private(set) var columns: [Int]

    var fieldCount: Int { names.count }

    func column(_ role: Role) -> Int? {
        let index = columns[role.rawValue]
        return index >= 0 ? index : nil
    }

    /// High and low are used only as a pair; a lone one is ignored.
    var hasHighLow: Bool { column(.high) != nil && column(.low) != nil }

    init(headerLine line: UnsafeBufferPointer<UInt8>, sourceName: String, lineNumber: Int) throws(DataError) {
        var names: [String] = []
        var start = 0
        for index in 0...line.count where index == line.count || line[index] == UInt8(ascii: ",") {
            let cell = CSVCell.trimmed(UnsafeBufferPointer(rebasing: line[start..<index]))
            names.append(String(decoding: cell, as: UTF8.self))
            start = index + 1
        }
        self.names = names
        columns = Array(repeating: -1, count: Role.allCases.count)
        let header = String(decoding: line, as: UTF8.self)
        let location = "\(sourceName):\(lineNumber)"
        for (index, name) in names.enumerated() {
            let key = name.lowercased()
            guard let role = Role.allCases.first(where: { $0.spellings.contains(key) }) else { continue }
            // Two columns for one field (close,close or date,timestamp): which one is meant
            // cannot be guessed, and taking the first would be silently wrong half the time.
            let earlier = columns[role.rawValue]
            guard earlier < 0 else {
                throw DataError(
                    "\(location): header has two \(role.spellings[0]) columns, '\(Excerpt.of(names[earlier], limit: 20))' "
                        + "(column \(earlier + 1)) and '\(Excerpt.of(name, limit: 20))' (column \(index + 1)); keep one")
            }
            columns[role.rawValue] = index
        }
        if column(.time) == nil {
            if names.count == 1, let separator = [";", "\t", "|"].first(where: { header.contains($0) }) {
                throw DataError(
                    "\(location): header '\(Excerpt.of(header))' is separated by '\(Excerpt.of(separator))': "
                        + "qsh reads comma-separated files")
            }
            throw DataError(
                "\(location): header '\(Excerpt.of(header))' has no time column (expected one of date, timestamp, time, datetime)")
        }
        if column(.close) == nil {
            throw DataError("\(location): header '\(Excerpt.of(header))' has no 'close' column")
        }
    }
}

/// Helpers for one cell of a CSV line.
enum CSVCell {
    @inline(__always)
    static func isPadding(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\"")
    }

    /// The cell without surrounding spaces, tabs and double quotes.
    static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0
        var hi = cell.count
        while lo < hi, isPadding(cell[lo]) { lo += 1 }
        while hi > lo, isPadding(cell[hi - 1]) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: cell[lo..<hi])
    }

    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
