import Foundation

/// The folder names of an index's rows, as `.runs_index.stamp` keeps them: one name per line,
/// `\`, line break and tab escaped, held as bytes. A refresh checks every entry of a runs
/// folder against them, so they are compared as bytes through a hash of each line: at 5,000
/// runs a `Set<String>` of the names cost 2.5 ms a run, this about 0.5 ms.
struct IndexedNames: Equatable {
    /// Escaped names, each followed by `\n`.
    private(set) var lines: [UInt8] = []
    private(set) var count = 0

    init() {}

    init(_ names: some Sequence<String>) {
        for name in names { append(name) }
    }

    /// Lines read back from a stamp; nil when they are not `count` well-formed lines.
    init?(lines: ArraySlice<UInt8>, count: Int) {
        guard lines.isEmpty ? count == 0 : lines.last == UInt8(ascii: "\n"),
            lines.lazy.filter({ $0 == UInt8(ascii: "\n") }).count == count
        else { return nil }
        // Every escape is one of the three (no String is made for the names here).
        var escaping = false
        for byte in lines {
            if escaping {
                guard byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "n") || byte == UInt8(ascii: "t") else { return nil }
                escaping = false
            } else {
                escaping = byte == UInt8(ascii: "\\")
            }
        }
        self.lines = Array(lines)
        self.count = count
    }

    mutating func append(_ name: String) {
        var name = name
        name.withUTF8 { Self.escape($0, into: &lines) }
        lines.append(UInt8(ascii: "\n"))
        count += 1
    }

    mutating func append(contentsOf other: IndexedNames) {
        lines.append(contentsOf: other.lines)
        count += other.count
    }

    /// The names, unescaped; nil when a line holds a broken escape.
    var decoded: [String]? {
        var names: [String] = []
        for line in lines.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            guard let name = Self.unescaped(line) else { return nil }
            names.append(name)
        }
        return names
    }

    /// A field as `escape` wrote it, restored; nil for a broken escape.
    static func unescaped(_ field: ArraySlice<UInt8>) -> String? {
        guard field.contains(UInt8(ascii: "\\")) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        var escaping = false
        for byte in field {
            if escaping {
                switch byte {
                case UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                default: return nil
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return escaping ? nil : String(decoding: out, as: UTF8.self)
    }

    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
    }

    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard bytes.contains(where: needsEscaping) else {
            out.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            default: out.append(byte)
            }
        }
    }

    /// FNV-1a: enough to spread the names; every hit is confirmed byte for byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// A lookup of the names by their bytes; nil when two lines hash alike (a name twice, or a
    /// collision, either of which the caller treats as "cannot tell").
    func lookup() -> Lookup? { Lookup(lines) }

    struct Lookup {
        private let lines: [UInt8]
        /// Hash of a line -> where the line starts and ends (its `\n` excluded).
        private var table: [UInt64: Range<Int>] = [:]

        fileprivate init?(_ lines: [UInt8]) {
            self.lines = lines
            table.reserveCapacity(lines.count / 24)
            var unique = true
            lines.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count, unique {
                    let end = UnsafeRawPointer(memchr(all.baseAddress! + start, 0x0A, all.count - start)!)
                        - UnsafeRawPointer(all.baseAddress!)
                    let line = UnsafeBufferPointer(rebasing: all[start..<end])
                    unique = table.updateValue(start..<end, forKey: IndexedNames.hash(line)) == nil
                    start = end + 1
                }
            }
            guard unique else { return nil }
        }

        /// Whether `escapedName` (as `escape` writes it) is one of the lines.
        func contains(_ escapedName: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let range = table[IndexedNames.hash(escapedName)], range.count == escapedName.count else { return false }
            return lines.withUnsafeBufferPointer { all in
                range.isEmpty || memcmp(all.baseAddress! + range.lowerBound, escapedName.baseAddress!, range.count) == 0
            }
        }
    }
}
