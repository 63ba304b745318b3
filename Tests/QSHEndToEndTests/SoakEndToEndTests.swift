import Foundation
import Testing

/// `qsh soak` as a user runs it: the markers on stdout, the soak folder and its files, the
/// determinism of EDGE reports, the KPI gate, and `soak list|show`.
struct SoakEndToEndTests {
    /// Small and fast: 2 symbols, 10 simulated seconds per iteration.
    static let small = ["--top", "2", "--iteration-length", "10s"]

    static func soakFolders(_ scratch: Scratch, root: String = "outputs") -> [String] {
        scratch.list(root + "/soak").filter { !$0.hasPrefix(".") }.map { "\(root)/soak/\($0)" }
    }

    static func onlyFolder(_ scratch: Scratch, root: String = "outputs") throws -> String {
        let folders = soakFolders(scratch, root: root)
        try #require(folders.count == 1, "\(folders)")
        return folders[0]
    }

    static func lines(_ text: String, starting prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    @Test func autoTunedS1SoakWritesMarkersAndFiles() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["soak", "--iterations", "3", "--mock", "--auto-tune", "--profile", "S1"], in: scratch.path)
        #expect(result.status == 0 || result.status == 1, "stderr: \(result.stderr)")
        #expect(result.status == 0, "without --kpi-gate a failed verdict still exits 0: \(result.stderr)")
        let out = result.stdout.split(separator: "\n").map(String.init)
        #expect(out.first == "| profile_apply | OK | PROFILE=S1 |")
        #expect(out.dropFirst().first == "| runtime_overrides | SKIP | SOURCE=none |")
        #expect(Self.lines(result.stdout, starting: "| soak_iter | OK | ITERATION=").count == 3)
        let tunes = Self.lines(result.stdout, starting: "| soak_iter_tune |")
        #expect(tunes.count == 3, "one tuning step per iteration: \(result.stdout)")
        for line in tunes {
            let forms = [
                #"^\| soak_iter_tune \| OK \| ADJUSTMENTS=0 metrics_stable \|$"#,
                #"^\| soak_iter_tune \| OK \| ADJUSTMENTS=\d+ net_bps=-?\d+\.\d\d cancel=\d\.\d\d age_p95=\d+ lag_p95=\d+ \|$"#,
                #"^\| soak_iter_tune \| SKIP \| REASON=multi_fail_guard \|$"#,
            ]
            #expect(forms.contains { line.range(of: $0, options: .regularExpression) != nil }, "\(line)")
        }
        let adjusts = Self.lines(result.stdout, starting: "| runtime_adjust |")
        for line in adjusts {
            #expect(line.range(of: #"^\| runtime_adjust \| OK \| FIELD=[a-z_]+ FROM=[0-9.]+ TO=[0-9.]+ REASON=\S+ \|$"#, options: .regularExpression) != nil, "\(line)")
        }
        #expect(Self.lines(result.stdout, starting: "| kpi_gate |").count == 4, "three iterations and the soak")
        #expect(result.stdout.contains("  - ") == (tunes.contains { $0.contains("net_bps=") }), "reasons follow a tuning line")

        let folder = try Self.onlyFolder(scratch)
        #expect(Set(scratch.list(folder)).isSuperset(of: [
            "applied_profile.json", "config.json", "iterations", "iterations.jsonl", "runtime_overrides.json", "soak_report.json",
            "soak_status.json",
        ]))
        #expect(scratch.list(folder + "/iterations") == ["1", "2", "3"])
        let applied = try scratch.json(folder + "/applied_profile.json")
        #expect(applied["profile"] as? String == "S1")
        #expect(Set(applied.keys).isSuperset(of: ["profile", "base", "overrides_runtime", "runtime_adjustments", "applied"]))
        let adjustments = try #require(applied["runtime_adjustments"] as? [[String: Any]])
        #expect(adjustments.count == adjusts.count)
        for entry in adjustments { #expect(Set(entry.keys) == ["ts", "field", "from", "to", "reason"]) }
        let overrides = try scratch.json(folder + "/runtime_overrides.json")
        #expect(NSDictionary(dictionary: overrides).isEqual(to: applied["applied"] as? [String: Any] ?? [:]))

        let edge = try scratch.json(folder + "/iterations/1/EDGE_REPORT.json")
        let total = try #require(edge["total"] as? [String: Any])
        for key in ["net_bps", "cancel_ratio", "maker_share", "adverse_bps_p95", "slippage_bps_p95", "order_age_p95_ms", "ws_lag_p95_ms", "fills", "notional", "pnl"] {
            #expect(total[key] != nil, "total.\(key)")
        }
        #expect(total["ws_lag_network_p95_ms"] != nil && total["ws_lag_queue_p95_ms"] != nil)
        let symbols = try #require(edge["symbols"] as? [String: Any])
        #expect(symbols.count == 5, "the default is the top 5 symbols")
        let one = try #require(symbols.values.first as? [String: Any])
        #expect(one["inventory"] != nil && one["seeds"] is [String: Any])
        #expect(!(try scratch.read(folder + "/iterations/1/EDGE_REPORT.json")).contains("2026-"), "no wall-clock values")

        let report = try scratch.json(folder + "/soak_report.json")
        #expect((report["machine_contract"] as? [String: Any])?["contract_type"] as? String == "quantlab.soak.result")
        #expect(report["artifact_type"] as? String == "soak_report" && report["status"] as? String == "success")
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["iterations_completed"] as? Int == 3 && summary["aborted"] as? Bool == false)
        let results = try #require(report["results"] as? [String: Any])
        let steady = try #require(results["steady_state"] as? [String: Any])
        for key in ["rss_first_bytes", "rss_max_bytes", "rss_slope_bytes_per_iteration", "iteration_wall_seconds", "steps_per_second", "open_files_max"] {
            #expect(steady[key] != nil, "steady_state.\(key)")
        }
        let tuner = try #require(results["tuner"] as? [String: Any])
        #expect(!tuner.isEmpty)
        let status = try scratch.json(folder + "/soak_status.json")
        #expect(status["status"] as? String == "success" && status["iterations_completed"] as? Int == 3)
        #expect(try scratch.read(folder + "/iterations.jsonl").split(separator: "\n").count == 3)
    }

    @Test func withoutAutoTuneNothingIsAdjusted() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["soak", "--iterations", "3", "--seed", "4"] + Self.small, in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stdout.contains("runtime_adjust") && !result.stdout.contains("soak_iter_tune"))
        let folder = try Self.onlyFolder(scratch)
        let applied = try scratch.json(folder + "/applied_profile.json")
        #expect((applied["runtime_adjustments"] as? [Any])?.isEmpty == true)
        let overrides = try scratch.json(folder + "/runtime_overrides.json")
        #expect(overrides["min_interval_ms"] as? Int == 60 && overrides["replace_rate_per_min"] as? Int == 240)
        #expect(overrides["base_spread_bps_delta"] as? Double == 0 && overrides["tail_age_ms"] as? Int == 600)
        for line in try scratch.read(folder + "/iterations.jsonl").split(separator: "\n") {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let parameters = NSDictionary(dictionary: record?["parameters"] as? [String: Any] ?? [:])
            #expect(parameters.isEqual(to: overrides))
        }
    }

    @Test func sameSeedSameEdgeReportsByteForByte() throws {
        let scratch = try Scratch()
        for root in ["a", "b"] {
            let result = try QSHProcess.run(["soak", "--iterations", "2", "--auto-tune", "--seed", "11", "--out-dir", root] + Self.small, in: scratch.path)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        let other = try QSHProcess.run(["soak", "--iterations", "1", "--seed", "12", "--out-dir", "c"] + Self.small, in: scratch.path)
        #expect(other.status == 0)
        let a = try Self.onlyFolder(scratch, root: "a"), b = try Self.onlyFolder(scratch, root: "b"), c = try Self.onlyFolder(scratch, root: "c")
        for n in 1...2 {
            #expect(try scratch.read("\(a)/iterations/\(n)/EDGE_REPORT.json") == scratch.read("\(b)/iterations/\(n)/EDGE_REPORT.json"))
        }
        #expect(try scratch.read("\(a)/iterations/1/EDGE_REPORT.json") != scratch.read("\(c)/iterations/1/EDGE_REPORT.json"))
    }

    @Test func jsonFlagKeepsStdoutOneDocument() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["soak", "--iterations", "2", "--auto-tune", "--json"] + Self.small, in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(summary?["iterations_completed"] as? Int == 2, "\(result.stdout)")
        #expect(result.stderr.contains("| profile_apply | OK | PROFILE=S1 |"), "markers move to stderr")
    }

    @Test func kpiGateExitsOneOnAFailedFinalVerdict() throws {
        let scratch = try Scratch()
        _ = try scratch.file("strict.yaml", "net_bps_min: 100\n")
        let gated = try QSHProcess.run(["soak", "--iterations", "1", "--kpi", "strict.yaml", "--kpi-gate"] + Self.small, in: scratch.path)
        #expect(gated.status == 1, "stderr: \(gated.stderr)")
        let verdict = try #require(Self.lines(gated.stdout, starting: "| kpi_gate | FAIL | SOAK ").first, "\(gated.stdout)")
        #expect(verdict.contains("FAILED=net_bps"), "\(verdict)")
        #expect(gated.stdout.contains("KPI gate failed: net_bps (--kpi-gate: exit 1)"), "\(gated.stdout)")
        let ungated = try QSHProcess.run(["soak", "--iterations", "1", "--kpi", "strict.yaml"] + Self.small, in: scratch.path)
        #expect(ungated.status == 0, "stderr: \(ungated.stderr)")
        let lenient = try QSHProcess.run(
            ["soak", "--iterations", "1", "--kpi", "lenient.yaml", "--kpi-gate"] + Self.small, in: scratch.path)
        #expect(lenient.status == 2 && lenient.stderr.contains("--kpi: cannot read 'lenient.yaml'"), "\(lenient.stderr)")
    }

    @Test func jsonRequestRunsTheSoakWithSignals() throws {
        let scratch = try Scratch()
        let request = try JSONRequest.envelope(
            "soak", ["iterations": 2, "symbols": "BTCUSDT,ETHUSDT", "iteration_length": "5s", "auto_tune": true, "seed": 3, "kpi_gate": false],
            requestID: "soak-1")
        let answer = try JSONRequest.send(request, in: scratch)
        #expect(answer.status == 0, "\(answer.result.stdout) \(answer.result.stderr)")
        #expect(answer.response["command"] as? String == "soak" && answer.response["soak_id"] is String)
        #expect(answer.events == ["SESSION_STARTED", "ITERATION_COMPLETED", "ITERATION_COMPLETED", "SESSION_COMPLETED"], "\(answer.events)")
        let iteration = answer.signals[1]
        #expect(iteration["iteration"] as? Int == 1 && iteration["request_id"] as? String == "soak-1" && iteration["metrics"] is [String: Any])
        #expect(answer.result.stderr.contains("| profile_apply | OK | PROFILE=S1 |"), "markers go to stderr for a JSON request")
        let folder = try Self.onlyFolder(scratch)
        let edge = try scratch.json(folder + "/iterations/2/EDGE_REPORT.json")
        #expect(Set((edge["symbols"] as? [String: Any])?.keys.map { $0 } ?? []) == ["BTCUSDT", "ETHUSDT"])
    }

    @Test func listAndShowReadTheSoaks() throws {
        let scratch = try Scratch()
        let run = try QSHProcess.run(["soak", "--iterations", "1"] + Self.small, in: scratch.path)
        #expect(run.status == 0)
        let folder = try Self.onlyFolder(scratch)
        let id = (folder as NSString).lastPathComponent
        let list = try QSHProcess.run(["soak", "list"], in: scratch.path)
        #expect(list.status == 0 && list.stdout.contains(id) && list.stdout.contains("success"), "\(list.stdout)")
        let listJSON = try QSHProcess.run(["soak", "list", "--json"], in: scratch.path)
        let rows = try JSONSerialization.jsonObject(with: Data(listJSON.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.first?["soak_id"] as? String == id && rows?.first?["iterations_completed"] as? Int == 1)
        let show = try QSHProcess.run(["soak", "show", String(id.prefix(20))], in: scratch.path)
        #expect(show.status == 0 && show.stdout.contains("soak \(id): success"), "\(show.stdout) \(show.stderr)")
        let showJSON = try QSHProcess.run(["soak", "show", folder, "--json"], in: scratch.path)
        let document = try JSONSerialization.jsonObject(with: Data(showJSON.stdout.utf8)) as? [String: Any]
        #expect((document?["summary"] as? [String: Any])?["iterations_completed"] as? Int == 1)
        let request = try JSONRequest.send(try JSONRequest.envelope("soak_list", [:]), in: scratch)
        #expect(((request.response["result"] as? [[String: Any]])?.first)?["soak_id"] as? String == id, "\(request.response)")
        let missing = try QSHProcess.run(["soak", "show", "nope"], in: scratch.path)
        #expect(missing.status == 2 && missing.stderr.contains("soak 'nope'"), "\(missing.stderr)")
    }
}
