import Foundation
import QSHServices
import Synchronization
import Testing

/// A run's tables are written as they are produced, with progress events (which the session
/// runner draws as the progress line) while the bytes go to disk.
@Suite struct RunWritingProgressTests {
    /// Twenty days of synthetic minute bars: 28,701 frame bars, a 2.9 MB equity.csv.
    static func request(equity: EquityTable? = nil) -> RunRequest {
        var request = RunRequest(ticker: "SYN-ETH")
        request.interval = "1m"
        request.start = "2023-03-01"
        request.end = "2023-03-21"
        request.equity = equity
        return request
    }

    /// Size of the staged `file` of the run being built under `root`, if any.
    static func stagedSize(_ file: String, under root: String) -> Int? {
        let runs = (root as NSString).appendingPathComponent("runs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []
        for name in names where name.hasPrefix(".staging-") {
            let path = "\(runs)/\(name)/\(file)"
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int { return size }
        }
        return nil
    }

    @Test func equityRowsReachTheDiskWhileProgressIsReported() async throws {
        let folder = NSTemporaryDirectory() + "qsh-progress-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/outputs"
        // (label, done, total, bytes of the staged file at that moment)
        let seen = Mutex<[(String, Int, Int?, Int?)]>([])
        let sink = ClosureEventSink { event in
            guard let progress = event as? ProgressEvent, progress.label.hasPrefix("writing ") else { return }
            let file = String(progress.label.dropFirst("writing ".count))
            let size = Self.stagedSize(file, under: root)
            seen.withLock { $0.append((progress.label, progress.done, progress.total, size)) }
        }
        let context = ServiceContext(events: sink, workingDirectory: folder, command: "run")
        let service = RunService()
        let outcome = try await service.run(try service.prepare(Self.request(), context: context), context: context)
        #expect(outcome.equityTable == .full)
        let events = seen.withLock { $0 }
        let equity = events.filter { $0.0 == "writing equity.csv" }
        #expect(equity.map(\.1) == [0, 8_192, 16_384, 24_576])
        #expect(equity.allSatisfy { $0.2 == 28_701 })
        // Past the first 1 MB chunk (about 10,000 rows), rows are on disk before the table ends.
        let late = try #require(equity.last)
        #expect((late.3 ?? 0) >= 1 << 20, "staged equity.csv had \(late.3 ?? -1) bytes at row \(late.1)")
        #expect(events.contains { $0.0 == "writing trades.csv" })
    }

    @Test func noEquityTableMeansNoEquityProgress() async throws {
        let folder = NSTemporaryDirectory() + "qsh-progress-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let labels = Mutex<Set<String>>([])
        let sink = ClosureEventSink { event in
            if let progress = event as? ProgressEvent { _ = labels.withLock { $0.insert(progress.label) } }
        }
        let context = ServiceContext(events: sink, workingDirectory: folder, command: "run")
        let service = RunService()
        let outcome = try await service.run(try service.prepare(Self.request(equity: .omitted), context: context), context: context)
        #expect(outcome.equityTable == .omitted)
        #expect(!outcome.files.contains("equity.csv"))
        #expect(labels.withLock { $0 }.contains("writing trades.csv"))
        #expect(!labels.withLock { $0 }.contains("writing equity.csv"))
    }

    @Test func theDefaultDependsOnTheFrameSize() {
        #expect(EquityTable.resolved(nil, frameBars: 631) == .full)
        #expect(EquityTable.resolved(nil, frameBars: EquityTable.fullByDefaultUpTo) == .full)
        #expect(EquityTable.resolved(nil, frameBars: EquityTable.fullByDefaultUpTo + 1) == .daily)
        for table in EquityTable.allCases {
            #expect(EquityTable.resolved(table, frameBars: 10_000_000) == table)
            #expect(EquityTable.resolved(table, frameBars: 150) == table)
        }
    }
}
