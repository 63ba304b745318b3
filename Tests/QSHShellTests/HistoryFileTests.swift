import Foundation
@testable import QSHShell
import Testing

/// The prompt's history file: append-only, capped, escaped multi-line entries, two writers.
struct HistoryFileTests {
    final class Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "qsh-history-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var file: String { path + "/hist" }
        func lines() throws -> [String] {
            try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    @Test func pathFromEnvironment() {
        #expect(HistoryFile.defaultPath(environment: ["QSH_HISTORY": "/tmp/h", "HOME": "/home/u"]) == "/tmp/h")
        #expect(HistoryFile.defaultPath(environment: ["QSH_HISTORY": "", "HOME": "/home/u"]) == "/home/u/.qsh_history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.qsh_history")
    }

    @Test func appendsAndLoadsInOrder() throws {
        let folder = try Folder()
        let history = HistoryFile(path: folder.file)
        #expect(history.load().isEmpty)
        history.append("run --ticker SYN-ETH")
        history.append("echo naïve é")
        history.append("runs list")
        #expect(history.load() == ["run --ticker SYN-ETH", "echo naïve é", "runs list"])
        #expect(try folder.lines() == ["run --ticker SYN-ETH", "echo naïve é", "runs list"])
        var status = stat()
        #expect(stat(folder.file, &status) == 0 && status.st_mode & 0o777 == 0o600)
    }

    @Test func multiLineEntriesAreEscaped() throws {
        let folder = try Folder()
        let history = HistoryFile(path: folder.file)
        let entry = "echo 'one\ntwo' back\\slash \\n literal"
        history.append(entry)
        #expect(try folder.lines().count == 1)
        #expect(history.load() == [entry])
        for text in ["", "\\", "a\\nb", "\n\n", "tab\there", "\r\n"] {
            #expect(HistoryFile.decode(HistoryFile.encode(text)) == text)
        }
    }

    @Test func loadsTheNewestAndTrimsTheFileToTheLimit() throws {
        let folder = try Folder()
        let history = HistoryFile(path: folder.file, limit: 5)
        for index in 1...5 { history.append("cmd \(index)") }
        #expect(history.load() == (1...5).map { "cmd \($0)" })
        #expect(try folder.lines().count == 5)
        for index in 6...10 { history.append("cmd \(index)") }
        #expect(try folder.lines().count == 10, "a session appends without rewriting")
        #expect(history.load() == (6...10).map { "cmd \($0)" })
        #expect(try folder.lines() == (6...10).map { "cmd \($0)" }, "the next start trims to the limit")
        history.append("cmd 11")
        #expect(history.load() == (7...11).map { "cmd \($0)" })
        #expect(try folder.lines() == (7...11).map { "cmd \($0)" })
        history.append("cmd 12")
        #expect(try folder.lines().last == "cmd 12")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["hist"])
    }

    @Test func twoShellsAppendingLoseNothing() async throws {
        let folder = try Folder()
        let path = folder.file
        let perWriter = 300
        // Two "shells" append while a third keeps loading (below the compaction threshold).
        await withTaskGroup(of: Void.self) { group in
            for writer in ["a", "b"] {
                group.addTask {
                    let history = HistoryFile(path: path, limit: 1000)
                    for index in 0..<perWriter { history.append("\(writer) \(index)") }
                }
            }
            group.addTask {
                let history = HistoryFile(path: path, limit: 1000)
                for _ in 0..<20 { _ = history.load() }
            }
        }
        let lines = try folder.lines()
        #expect(lines.count == 2 * perWriter)
        #expect(Set(lines).count == 2 * perWriter)
        for writer in ["a", "b"] {
            #expect(lines.filter { $0.hasPrefix(writer + " ") } == (0..<perWriter).map { "\(writer) \($0)" })
        }
    }

    @Test func concurrentCompactionKeepsEveryNewLine() async throws {
        let folder = try Folder()
        let path = folder.file
        let seed = HistoryFile(path: path, limit: 10)
        for index in 0..<25 { seed.append("old \(index)") }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let history = HistoryFile(path: path, limit: 10)
                for index in 0..<200 { history.append("new \(index)") }
            }
            group.addTask {
                let history = HistoryFile(path: path, limit: 10)
                for _ in 0..<50 { _ = history.load() }
            }
        }
        // Compaction may drop old lines but never a line appended after the newest kept one.
        let lines = try folder.lines()
        let newLines = lines.filter { $0.hasPrefix("new ") }
        guard let firstNew = newLines.first, let firstIndex = Int(firstNew.dropFirst(4)) else {
            Issue.record("no new lines survived")
            return
        }
        #expect(newLines == (firstIndex..<200).map { "new \($0)" })
        #expect(newLines.last == "new 199")
    }
}
