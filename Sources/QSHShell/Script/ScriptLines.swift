import Foundation
import QSHCore

/// The one way script text becomes lines, whatever it came from (a file, `source`, `-c`,
/// standard input, a shebang script): lines end at LF, and a CR just before the LF belongs to
/// the line end (CRLF files), so no `\r` ever reaches a word or a path. A line holding a NUL
/// byte or invalid UTF-8 means the input is not a script at all; the reader stops there
/// instead of echoing raw bytes. Other control characters are refused by `WordSplitter`.
struct ScriptLines {
    struct NotText: Error, CustomStringConvertible {
        let lineNumber: Int
        let reason: String
        var description: String { "\(reason): this looks like a binary file, not a qsh script" }
    }

    private let readBytes: () -> [UInt8]?
    private(set) var lineNumber = 0

    /// Lines of text held in memory (a file's contents or a `-c` string).
    init(bytes: [UInt8]) {
        var start = 0
        let count = bytes.count
        self.readBytes = {
            guard start < count else { return nil }
            let end = bytes[start...].firstIndex(of: 0x0A) ?? count
            defer { start = end + 1 }
            return Array(bytes[start..<end])
        }
    }

    /// Lines read as they arrive on file descriptor 0 (an orchestrator may pipe them slowly).
    static func standardInput() -> ScriptLines {
        let input = DescriptorLines(descriptor: STDIN_FILENO)
        return ScriptLines(reader: { input.next() })
    }

    private init(reader: @escaping () -> [UInt8]?) { readBytes = reader }

    /// The next line without its line end, or nil at the end of input.
    mutating func next() throws(NotText) -> String? {
        guard var bytes = readBytes() else { return nil }
        lineNumber += 1
        if bytes.last == 0x0D { bytes.removeLast() }
        if let nul = bytes.firstIndex(of: 0) {
            throw NotText(lineNumber: lineNumber, reason: "NUL byte at column \(nul + 1)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw NotText(lineNumber: lineNumber, reason: "invalid UTF-8")
        }
        return text
    }
}

/// Buffered LF-separated reads from a file descriptor; a read returns what is available, so a
/// line runs as soon as it has arrived.
private final class DescriptorLines {
    let descriptor: Int32
    var buffer: [UInt8] = []
    var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    func next() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return buffer
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true } else { buffer += chunk[..<count] }
        }
    }
}

extension WordSplitter {
    /// A control character other than tab (and the newline of a joined line) in a line: a
    /// stray CR from a CRLF editor, an escape sequence pasted in. It would otherwise end up
    /// inside a word, a ticker or a folder name.
    static func controlCharacter(in line: String) -> String? {
        for scalar in line.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if scalar == "\t" || scalar == "\n" { continue }
            return "control character U+" + String(format: "%04X", scalar.value) + " in the line (only tab is allowed)"
        }
        return nil
    }
}
