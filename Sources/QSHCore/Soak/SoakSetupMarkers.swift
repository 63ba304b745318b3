/// The stdout marker lines a soak prints before its first iteration and after each KPI check.
public enum SoakSetupMarkers {
    public static func profileApply(_ name: String) -> String { "| profile_apply | OK | PROFILE=\(name) |" }

    /// `source` is file, env or none; no overrides is a SKIP.
    public static func runtimeOverrides(source: String) -> String {
        source == "none" ? "| runtime_overrides | SKIP | SOURCE=none |" : "| runtime_overrides | OK | SOURCE=\(source) |"
    }

    /// An override outside its limits, and the value used instead.
    public static func runtimeClamp(_ field: SoakRuntimeField, from: Double, to: Double) -> String {
        "| runtime_overrides | WARN | FIELD=\(field.rawValue) FROM=\(field.text(from)) TO=\(field.text(to)) REASON=clamped |"
    }

    /// `| kpi_gate | OK | ITERATION=3 PASSED=6/6 |` or `... | FAIL | ... FAILED=net_bps,maker_share |`;
    /// iteration nil is the soak's final verdict (`SOAK`).
    public static func kpiGate(iteration: Int?, verdict: SoakKPIVerdict) -> String {
        let scope = iteration.map { "ITERATION=\($0)" } ?? "SOAK"
        let passed = "PASSED=\(verdict.passCount)/\(verdict.checks.count)"
        if verdict.passed { return "| kpi_gate | OK | \(scope) \(passed) |" }
        return "| kpi_gate | FAIL | \(scope) \(passed) FAILED=\(verdict.failed.map(\.metric.rawValue).joined(separator: ",")) |"
    }
}
