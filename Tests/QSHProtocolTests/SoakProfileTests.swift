import Foundation
import QSHArtifacts
import QSHCore
import Testing

@testable import QSHServices

/// Profiles, runtime overrides, KPI files and applied_profile.json.
struct SoakProfileTests {
    static let packageRoot = SoakRulesFileTests.packageRoot.path

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "qsh-soak-profile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/configs/profiles", withIntermediateDirectories: true)
        return path
    }

    static let s1Text = """
        market: default
        runtime:
          min_interval_ms: 100
          replace_rate_per_min: 200
          base_spread_bps_delta: 0.2
          impact_cap_ratio: 0.05
          tail_age_ms: 800
        """

    @Test func shippedS1IsTheBuiltInProfile() throws {
        let shipped = try SoakProfileSelection.resolve(explicit: "S1", environment: [:], workingDirectory: Self.packageRoot)
        #expect(shipped.source.hasSuffix("configs/profiles/S1.yaml"))
        #expect(shipped.base == SoakProfile.builtInS1.base)
        #expect(shipped.market == SoakProfile.builtInS1.market)
        #expect(shipped.description == SoakProfile.builtInS1.description)
    }

    @Test func selectionOrderIsFlagThenEnvironmentThenS1() throws {
        let root = try Self.folder()
        _ = FileManager.default.createFile(atPath: root + "/configs/profiles/X.yaml", contents: Data(Self.s1Text.utf8))
        let byDefault = try SoakProfileSelection.resolve(explicit: nil, environment: [:], workingDirectory: root)
        #expect(byDefault == SoakProfile.builtInS1, "S1 falls back to its built-in copy")
        let byEnvironment = try SoakProfileSelection.resolve(explicit: nil, environment: ["MM_PROFILE": "X"], workingDirectory: root)
        #expect(byEnvironment.name == "X" && byEnvironment.base.minIntervalMs == 100)
        let byFlag = try SoakProfileSelection.resolve(explicit: "S1", environment: ["MM_PROFILE": "X"], workingDirectory: root)
        #expect(byFlag.name == "S1")
        let byPath = try SoakProfileSelection.resolve(explicit: "configs/profiles/X.yaml", environment: [:], workingDirectory: root)
        #expect(byPath.name == "X" && byPath.base.tailAgeMs == 800)
        #expect(SoakProfileSelection.available(workingDirectory: root) == ["S1", "X"])
    }

    @Test func badProfilesNameTheFieldOrTheChoices() throws {
        let root = try Self.folder()
        let unknown = #expect(throws: InvalidInputError.self) {
            try SoakProfileSelection.resolve(explicit: nil, environment: ["MM_PROFILE": "S9"], workingDirectory: root)
        }
        #expect(unknown?.message == "MM_PROFILE: no profile 'S9' (known: S1; or give a .yaml file)")
        let outside = #expect(throws: InvalidInputError.self) {
            try SoakProfile.parse(Self.s1Text.replacingOccurrences(of: "tail_age_ms: 800", with: "tail_age_ms: 5000"), file: "p.yaml", name: "p", source: "p.yaml")
        }
        #expect(outside?.message.contains("p.yaml:7") == true && outside?.message.contains("runtime.tail_age_ms") == true, "\(outside?.message ?? "")")
        let missing = #expect(throws: InvalidInputError.self) {
            try SoakProfile.parse("market: default\nruntime:\n  min_interval_ms: 60\n", file: "p.yaml", name: "p", source: "p.yaml")
        }
        #expect(missing?.message.contains("replace_rate_per_min") == true, "\(missing?.message ?? "")")
        let market = #expect(throws: InvalidInputError.self) {
            try SoakProfile.parse(Self.s1Text.replacingOccurrences(of: "market: default", with: "market: moon"), file: "p.yaml", name: "p", source: "p.yaml")
        }
        #expect(market?.message.contains("unknown market 'moon'") == true, "\(market?.message ?? "")")
    }

    @Test func overridesAreClampedAndReported() throws {
        let overrides = try SoakRuntimeOverrides.parse(
            jsonText: #"{"min_interval_ms": 500, "base_spread_bps_delta": 0.1}"#, source: .env, shownAs: "MM_RUNTIME_OVERRIDES_JSON")
        #expect(overrides.values == [.minIntervalMs: 300, .baseSpreadBpsDelta: 0.1])
        #expect(overrides.clamped == [.init(field: .minIntervalMs, from: 500, to: 300)])
        let applied = overrides.applied(to: SoakProfile.builtInS1.base)
        #expect(applied.minIntervalMs == 300 && applied.baseSpreadBpsDelta == 0.1 && applied.tailAgeMs == 600)
        #expect(overrides.json.compact() == #"{"base_spread_bps_delta": 0.1, "min_interval_ms": 300}"#)
    }

    @Test func overrideMistakesNameTheSourceAndKey() {
        func message(_ text: String) -> String {
            let error = #expect(throws: InvalidInputError.self) {
                try SoakRuntimeOverrides.parse(jsonText: text, source: .file, shownAs: "o.json")
            }
            return error?.message ?? ""
        }
        #expect(message(#"{"min_interval": 60}"#).hasPrefix("o.json: unknown field 'min_interval'"))
        #expect(message(#"{"tail_age_ms": "long"}"#) == "o.json: 'tail_age_ms' must be a number, got string")
        #expect(message("[1]") == "o.json: expected a JSON object of runtime parameters, got array")
        #expect(message("{").hasPrefix("o.json: not valid JSON"))
    }

    @Test func overridesSelectionOrder() throws {
        let root = try Self.folder()
        _ = FileManager.default.createFile(atPath: root + "/o.json", contents: Data(#"{"tail_age_ms": 900}"#.utf8))
        _ = FileManager.default.createFile(atPath: root + "/runtime_overrides.json", contents: Data(#"{"tail_age_ms": 700}"#.utf8))
        let environment = ["MM_RUNTIME_OVERRIDES_JSON": #"{"tail_age_ms": 800}"#]
        let file = try SoakRuntimeOverridesSelection.resolve(file: "o.json", environment: environment, soakFolder: root, workingDirectory: root)
        #expect(file.source == .file && file.values[.tailAgeMs] == 900)
        let env = try SoakRuntimeOverridesSelection.resolve(file: nil, environment: environment, soakFolder: root, workingDirectory: root)
        #expect(env.source == .env && env.values[.tailAgeMs] == 800)
        let folder = try SoakRuntimeOverridesSelection.resolve(file: nil, environment: [:], soakFolder: root, workingDirectory: root)
        #expect(folder.source == .file && folder.values[.tailAgeMs] == 700)
        let none = try SoakRuntimeOverridesSelection.resolve(file: nil, environment: [:], soakFolder: nil, workingDirectory: root)
        #expect(none == .none)
    }

    @Test func appliedProfileRecordsAdjustmentsAndReadsBack() throws {
        let overrides = try SoakRuntimeOverrides.parse(jsonText: #"{"tail_age_ms": 650}"#, source: .file, shownAs: "o.json")
        var applied = SoakAppliedProfile(profile: .builtInS1, overrides: overrides)
        #expect(applied.applied.tailAgeMs == 650)
        let tuner = SoakAutoTuner()
        let metrics = SoakIterationMetrics(
            netBps: 3, cancelRatio: 0.6, makerShare: 0.9, adverseBpsP95: 1, slippageBpsP95: 1, orderAgeP95Ms: 100, wsLagP95Ms: 10)
        let decision = tuner.decide(current: applied.applied, metrics: metrics)
        applied.append(decision, at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(applied.adjustments.map(\.field) == [.minIntervalMs, .replaceRatePerMin])
        #expect(applied.applied.minIntervalMs == 80 && applied.applied.replaceRatePerMin == 210)
        let json = applied.json
        #expect(Set(json.objectValue.map { Array($0.keys) } ?? []).isSuperset(of: ["profile", "base", "overrides_runtime", "runtime_adjustments", "applied"]))
        #expect(json["runtime_adjustments"]?.arrayValue?.first?["ts"]?.stringValue == "2027-01-15T08:00:00+00:00")
        let back = try SoakAppliedProfile.read(try JSONValue.parse(json.formatted()), file: "applied_profile.json")
        #expect(back.adjustments == applied.adjustments && back.applied == applied.applied && back.overrides.values == overrides.values)
        #expect(back.json == json)
    }

    @Test func kpiFileOverridesSomeTargets() throws {
        let shipped = try SoakKPIFile.load(path: Self.packageRoot + "/configs/soak/kpi.yaml", shownAs: "kpi.yaml")
        #expect(shipped == .reference)
        let some = try SoakKPIFile.parse("net_bps_min: 3\nws_lag_p95_ms_max: 90\n", file: "k.yaml")
        #expect(some.netBpsMin == 3 && some.wsLagP95MsMax == 90 && some.cancelRatioMax == 0.55)
        let error = #expect(throws: InvalidInputError.self) { try SoakKPIFile.parse("net_bps: 3\n", file: "k.yaml") }
        #expect(error?.message.contains("net_bps") == true, "\(error?.message ?? "")")
    }

    @Test func setupAndGateMarkers() {
        #expect(SoakSetupMarkers.profileApply("S1") == "| profile_apply | OK | PROFILE=S1 |")
        #expect(SoakSetupMarkers.runtimeOverrides(source: "file") == "| runtime_overrides | OK | SOURCE=file |")
        #expect(SoakSetupMarkers.runtimeOverrides(source: "env") == "| runtime_overrides | OK | SOURCE=env |")
        #expect(SoakSetupMarkers.runtimeOverrides(source: "none") == "| runtime_overrides | SKIP | SOURCE=none |")
        let metrics = SoakIterationMetrics(
            netBps: 2, cancelRatio: 0.4, makerShare: 0.8, adverseBpsP95: 1, slippageBpsP95: 1, orderAgeP95Ms: 100, wsLagP95Ms: 10)
        let verdict = SoakKPIVerdict.evaluate(metrics, targets: .reference)
        #expect(SoakSetupMarkers.kpiGate(iteration: 2, verdict: verdict) == "| kpi_gate | FAIL | ITERATION=2 PASSED=4/6 FAILED=net_bps,maker_share |")
        let good = SoakKPIVerdict.evaluate(
            SoakIterationMetrics(netBps: 3, cancelRatio: 0.4, makerShare: 0.9, adverseBpsP95: 1, slippageBpsP95: 1, orderAgeP95Ms: 100, wsLagP95Ms: 10),
            targets: .reference)
        #expect(SoakSetupMarkers.kpiGate(iteration: nil, verdict: good) == "| kpi_gate | OK | SOAK PASSED=6/6 |")
    }
}
