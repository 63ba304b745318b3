import QSHCore

/// What a `tune run` (or `tune session`) that did not succeed says in the response line and
/// `SESSION_FAILED`: the counts, and where the details are.
extension TuneRunOutcome {
    public var problem: OutcomeProblem? {
        switch exitCode {
        case 0: return nil
        case _ where signal != nil:
            return OutcomeProblem(
                errorType: CancelledError.errorType,
                message: "\(exitMeaning): \(success) of \(total) jobs succeeded, \(notStarted) not started")
        default:
            return OutcomeProblem(
                errorType: OutcomeProblem.jobsFailed,
                message: "\(errors.count) of \(attempted) jobs run failed or timed out, \(skipped.count) skipped "
                    + "(reasons in the run summary's error_list and skipped_list)")
        }
    }
}

extension TuneSessionOutcome {
    public var problem: OutcomeProblem? { run.problem }
}
