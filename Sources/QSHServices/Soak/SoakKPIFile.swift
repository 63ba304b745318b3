import Foundation
import QSHCore

/// Reads KPI gate targets (`configs/soak/kpi.yaml`): six optional keys, reference defaults.
public enum SoakKPIFile {
    static var keys: [(String, WritableKeyPath<SoakKPITargets, Double>)] {
        [
        ("net_bps_min", \.netBpsMin), ("cancel_ratio_max", \.cancelRatioMax),
        ("order_age_p95_ms_max", \.orderAgeP95MsMax), ("maker_share_min", \.makerShareMin),
        ("adverse_bps_p95_max", \.adverseBpsP95Max), ("ws_lag_p95_ms_max", \.wsLagP95MsMax),
        ]
    }

    public static func load(path: String, shownAs file: String) throws -> SoakKPITargets {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("--kpi: cannot read '\(file)' (missing or not a readable file)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InvalidInputError("\(file): not UTF-8 text") }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> SoakKPITargets {
        let root = try SessionNode.parse(text, file: file, what: "KPI file")
        let map = try SessionMap(root, file: file, path: "")
        try map.requireKeys(in: keys.map(\.0))
        var targets = SoakKPITargets.reference
        for (key, path) in keys {
            guard let value = try map.number(key) else { continue }
            targets[keyPath: path] = value
        }
        return targets
    }
}
