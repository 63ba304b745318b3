import QSHArtifacts

extension RunRecord {
    /// What is wrong with the run folder, one phrase each ("metrics.json is missing"); empty for
    /// an intact run. Besides the files that are missing or unreadable, a `metrics.json` without
    /// its `metrics` object.
    public var damage: [String] {
        var found = problems.map(\.description)
        if let metrics, metrics["metrics"]?.objectValue == nil {
            found.append("metrics.json has no \"metrics\" object")
        }
        return found
    }

    /// The run's metrics object, when `metrics.json` holds one.
    var metricsObject: [String: JSONValue]? { metrics?["metrics"]?.objectValue }
}

/// How damaged run folders are reported by the commands that read them.
enum RunDamage {
    /// One warning per run folder that could not be read, then one per damaged run.
    static func warnings(_ scan: RunsScan) -> [String] {
        scan.unreadable.map(unreadable) + scan.records.compactMap { record in
            record.damage.isEmpty ? nil : damaged(record)
        }
    }

    /// `cannot read run folder PATH: metadata.json is not valid JSON (...)`.
    static func unreadable(_ folder: UnreadableRunFolder) -> String {
        "cannot read run folder \(folder.path): \(folder.problem)"
    }

    /// `run ID is damaged: config.json is missing; ...`.
    static func damaged(_ record: RunRecord) -> String {
        "run \(record.runID) is damaged: \(record.damage.joined(separator: "; "))"
    }

    /// Emits `warnings(scan)`.
    static func report(_ scan: RunsScan, context: ServiceContext) {
        for warning in warnings(scan) { context.emit(WarningEvent(warning)) }
    }
}
