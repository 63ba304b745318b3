/// A partial line split for completion with the prompt's word rules (whitespace separates
/// words; quotes and backslashes keep characters together): the finished words, unquoted,
/// and the word under the cursor. Never fails: an open quote just means the current word
/// started with one.
struct CompletionWords {
    var words: [String] = []
    /// The word being completed, unquoted (empty right after a space).
    var current = ""
    /// The quote the current word is still inside, if any.
    var openQuote: Character?

    init(_ text: String) {
        var inWord = false
        var escaped = false
        var quote: Character?
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                escaped = true
                inWord = true
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        openQuote = quote
    }

    /// Byte offset in `bytes` (UTF-8) where the word under the cursor starts, by the same
    /// rules: after the last whitespace that is outside quotes and not escaped.
    static func wordStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        var escaped = false
        var quote: UInt8?
        for (index, byte) in bytes.enumerated() {
            if escaped {
                escaped = false
            } else if let open = quote {
                if byte == open {
                    quote = nil
                } else if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                    escaped = true
                }
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                start = index + 1
            }
        }
        return start
    }

    /// `value` as it must be typed: inside the open quote if there is one, else with the
    /// shell's special characters backslash-escaped.
    static func escape(_ value: String, openQuote: Character?) -> String {
        var result = ""
        if let quote = openQuote {
            result.append(quote)
            for character in value {
                if quote == "\"" && "\"\\$`".contains(character) { result.append("\\") }
                result.append(character)
            }
            return result
        }
        for character in value {
            if " \t\n\\'\"$`;&|<>()*?".contains(character) || (result.isEmpty && character == "#") {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }
}
