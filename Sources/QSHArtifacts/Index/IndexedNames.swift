import Foundation

/// The folder names of an index's rows, as `.runs_index.stamp` keeps them: one name per line,
/// `\`, line break and tab escaped, held as bytes. A refresh checks every entry of a runs
/// folder against them, so they are compared as bytes through a hash of each line: at 5,000
/// runs a `Set<String>` of the names cost 2.5 ms a run, this about 0.3 ms.
struct IndexedNames: Equatable {
    /// Escaped names, each followed by `\n`.
    private(set) var lines: [UInt8] = []
    private(set) var count = 0

    init() {}

    init(_ names: some Sequence<String>) {
        for name in names { append(name) }
    }

    /// Lines read back from a stamp; nil when they are not `count` well-formed lines. With
    /// `memchr` over the bytes: a loop per byte cost 0.5 ms at 5,000 names.
    init?(lines: ArraySlice<UInt8>, count: Int) {
        let wellFormed = lines.withUnsafeBufferPointer { bytes -> Bool in
            guard let base = bytes.baseAddress else { return count == 0 }
            guard bytes.last == UInt8(ascii: "\n"),
                Self.occurrences(of: UInt8(ascii: "\n"), in: bytes, limit: count + 1) == count
            else { return false }
            // Every escape is one of the three (no String is made for the names here).
            var start = 0
            while let found = memchr(base + start, Int32(UInt8(ascii: "\\")), bytes.count - start) {
                let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                guard at + 1 < bytes.count, [UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t")].contains(bytes[at + 1])
                else { return false }
                start = at + 2
            }
            return true
        }
        guard wellFormed else { return nil }
        self.lines = Array(lines)
        self.count = count
    }

    /// How many times `byte` occurs in `bytes`, counting no further than `limit`.
    private static func occurrences(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        var found = 0
        var start = 0
        while found < limit, start < bytes.count, let hit = memchr(bytes.baseAddress! + start, Int32(byte), bytes.count - start) {
            found += 1
            start = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!) + 1
        }
        return found
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

    /// An open-addressing table of line hashes (a `Dictionary<UInt64, Range<Int>>` spent half
    /// its time in `Hasher`, re-hashing hashes).
    struct Lookup {
        private let lines: [UInt8]
        /// Per slot: the line's hash (0 = empty; a real 0 is stored as 1) and where the line
        /// starts and ends (its `\n` excluded).
        private var hashes: [UInt64]
        private var starts: [Int]
        private var ends: [Int]
        private let mask: Int

        fileprivate init?(_ lines: [UInt8]) {
            self.lines = lines
            let lineCount = lines.reduce(into: 0) { if $1 == UInt8(ascii: "\n") { $0 += 1 } }
            var capacity = 16
            while capacity < 2 * lineCount { capacity *= 2 }
            mask = capacity - 1
            hashes = [UInt64](repeating: 0, count: capacity)
            starts = [Int](repeating: 0, count: capacity)
            ends = [Int](repeating: 0, count: capacity)
            var unique = true
            lines.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count, unique {
                    let end = UnsafeRawPointer(memchr(all.baseAddress! + start, 0x0A, all.count - start)!)
                        - UnsafeRawPointer(all.baseAddress!)
                    let hash = Self.stored(IndexedNames.hash(UnsafeBufferPointer(rebasing: all[start..<end])))
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while hashes[slot] != 0 {
                        if hashes[slot] == hash { unique = false }  // a name twice, or a collision
                        slot = (slot + 1) & mask
                    }
                    (hashes[slot], starts[slot], ends[slot]) = (hash, start, end)
                    start = end + 1
                }
            }
            guard unique else { return nil }
        }

        private static func stored(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

        /// Whether `escapedName` (as `escape` writes it) is one of the lines.
        func contains(_ escapedName: UnsafeBufferPointer<UInt8>) -> Bool {
            let hash = Self.stored(IndexedNames.hash(escapedName))
            var slot = Int(truncatingIfNeeded: hash) & mask
            while hashes[slot] != 0 {
                if hashes[slot] == hash {
                    let (start, end) = (starts[slot], ends[slot])
                    return end - start == escapedName.count
                        && lines.withUnsafeBufferPointer { all in
                            start == end || memcmp(all.baseAddress! + start, escapedName.baseAddress!, end - start) == 0
                        }
                }
                slot = (slot + 1) & mask
            }
            return false
        }
    }
}
