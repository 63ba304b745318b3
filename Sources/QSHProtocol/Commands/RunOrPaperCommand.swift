import QSHCore
import QSHServices

/// `run` is a backtest, or with `--paper` (JSON `paper: true`) a paper session: one command
/// declaration, two services.
struct RunOrPaperCommand: CommandExecutor {
    let run: ServiceCommand<RunService>
    let paper: ServiceCommand<PaperSessionService>

    func prepare(_ values: ParameterValues, context: ServiceContext) throws -> any PreparedCommand {
        values.flag("paper") ? try paper.prepare(values, context: context) : try run.prepare(values, context: context)
    }
}

/// Durations of paper sessions (`--pace`, `--idle-timeout`): a positive number of `ms`, `s`
/// or `m` (`250ms`, `1s`, `1.5s`, `10m`), at most a day.
enum DurationText {
    static func seconds(_ text: String, flag: String) throws -> Double {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 0.001)
            : text.hasSuffix("s") ? (text.dropLast(1), 1) : text.hasSuffix("m") ? (text.dropLast(1), 60) : ("", 0)
        guard let value = Double(number), value.isFinite, value > 0, value * scale <= 86_400 else {
            throw InvalidInputError(
                "\(flag): '\(Excerpt.of(text, limit: 20))' is not a duration (expected a positive duration such as 250ms, 1s or 10m)")
        }
        return value * scale
    }
}
