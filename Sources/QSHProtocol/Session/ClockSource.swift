import Foundation
import QSHCore

/// The wall clock, or a fixed instant from `QSH_FIXED_NOW` (Unix seconds) for reproducible
/// artifacts: identical runs then produce byte-identical files and the same ids.
public enum ClockSource {
    public static let variable = "QSH_FIXED_NOW"

    public static func make(environment: [String: String]) throws -> @Sendable () -> Date {
        guard let raw = environment[variable], !raw.isEmpty else { return { Date() } }
        guard let seconds = Double(raw), seconds.isFinite else {
            throw InvalidInputError("\(variable): '\(Excerpt.of(raw))' is not a Unix time in seconds")
        }
        return { Date(timeIntervalSince1970: seconds) }
    }
}
