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

/// `--pace` values: a positive number of `ms` or `s` (`250ms`, `1s`, `1.5s`), at most an hour.
enum PaceText {
    static func seconds(_ text: String) throws -> Double {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 0.001) : text.hasSuffix("s") ? (text.dropLast(1), 1) : ("", 0)
        guard let value = Double(number), value.isFinite, value > 0, value * scale <= 3_600 else {
            throw InvalidInputError(
                "--pace: '\(Excerpt.of(text, limit: 20))' is not a pace (expected a positive duration such as 250ms or 1s)")
        }
        return value * scale
    }
}
