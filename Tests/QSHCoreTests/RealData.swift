import Foundation
import QSHCore

/// Locates `../shared/data/real` (or `QSH_REAL_DATA_DIR`) and reads its fixed-layout daily files
/// without the Data layer, so Core parity is checked independently of the CSV reader.
enum RealData {
    static let directory: String = {
        if let override = ProcessInfo.processInfo.environment["QSH_REAL_DATA_DIR"] { return override }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real").path
    }()

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: directory + "/ETH-USD_1d.csv") }

    /// Rows of `file` with `start <= date < end`, adjusted as the reference does.
    static func load(_ file: String, start: String? = nil, end: String? = nil) throws -> BarSeries {
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        var t: [Int64] = [], o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = [], v: [Double] = []
        for (index, line) in text.split(separator: "\n").enumerated() where index > 0 {
            let f = line.split(separator: ",").map(String.init)
            let date = String(f[0].prefix(10))
            if let start, date < start { continue }
            if let end, date >= end { continue }
            let close = Double(f[4])!, adj = Double(f[5])!
            let k = adj / close
            t.append(Int64(t.count) * 86_400_000)
            o.append(Double(f[1])! * k); h.append(Double(f[2])! * k); l.append(Double(f[3])! * k)
            c.append(adj); v.append(Double(f[6])!)
        }
        return BarSeries(timestamps: t, open: o, high: h, low: l, close: c, volume: v)
    }
}
