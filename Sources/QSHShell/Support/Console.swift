import Foundation

/// Where commands write: stdout for results, stderr for everything meant for people only.
/// A closed pipe (a reader that went away) must not kill the process mid-write, so writes use
/// the throwing API and failures are ignored (SIGPIPE is ignored in `main`).
public enum Console {
    public static func out(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
    }

    public static func err(_ text: String, newline: Bool = true) {
        try? FileHandle.standardError.write(contentsOf: Data((newline ? text + "\n" : text).utf8))
    }
}
