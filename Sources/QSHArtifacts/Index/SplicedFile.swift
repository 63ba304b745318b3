import Foundation

/// A file to write made of new bytes and byte ranges of an older file, so that an index update
/// copies the rows it keeps file to file in the kernel (`FileBytes.copy`: no buffer, no page
/// faults) instead of reading them into memory and writing them out again. Adjacent ranges of
/// the old file are one copy.
struct SplicedFile {
    enum Piece {
        case bytes([UInt8])
        case copy(Range<Int>)
    }

    private(set) var pieces: [Piece] = []
    /// The length of the file so far.
    private(set) var count = 0

    mutating func append(_ bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if case .bytes(var last) = pieces.last {
            pieces.removeLast()
            last.append(contentsOf: bytes)
            pieces.append(.bytes(last))
        } else {
            pieces.append(.bytes(Array(bytes)))
        }
    }

    /// `range` of the old file, after `lead`; when the previous piece is a copy ending just
    /// before the same `lead` in the old file (`leadIsThere`: the caller knows the old file's
    /// layout), the copy is extended instead.
    mutating func append(copying range: Range<Int>, after lead: [UInt8] = [], leadIsThere: Bool = false) {
        count += lead.count + range.count
        if case .copy(let last) = pieces.last, last.upperBound + lead.count == range.lowerBound, lead.isEmpty || leadIsThere {
            pieces[pieces.count - 1] = .copy(last.lowerBound..<range.upperBound)
            return
        }
        if !lead.isEmpty {
            count -= lead.count
            append(lead)
        }
        pieces.append(.copy(range))
    }

    /// Writes the pieces to `path` atomically (`AtomicFile`), copies from the file open at `old`.
    func write(to path: String, old: Int32?) throws {
        try AtomicFile.write(to: path) { descriptor in
            for piece in pieces {
                let failure: Int32
                switch piece {
                case .bytes(let bytes): failure = FileBytes.writeAll(bytes, to: descriptor)
                case .copy(let range):
                    guard let old else { return EBADF }
                    failure = FileBytes.copy(from: old, range: range, to: descriptor)
                }
                if failure != 0 { return failure }
            }
            return 0
        }
    }
}
