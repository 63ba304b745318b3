import QSHCore

/// Waiting between bars at `--pace`, in slices short enough that SIGINT and SIGTERM stop a
/// slow session at once.
enum PaperPace {
    static func sleep(_ pace: Duration, cancellation: CancellationToken) async throws {
        var left = pace
        let slice = Duration.milliseconds(50)
        while left > .zero {
            try cancellation.check()
            let step = min(left, slice)
            try? await Task.sleep(for: step)
            left -= step
        }
        try cancellation.check()
    }
}
