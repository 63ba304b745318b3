import Foundation
import QSHCore

/// The wall clock, or a fixed instant from `QSH_FIXED_NOW` (Unix seconds) for reproducible
/// artifacts: identical runs then produce byte-identical files and the same ids.
enum ClockSource {
    static func fromEnvironment() throws -> @Sendable () -> Date {
        guard let raw = ProcessInfo.processInfo.environment["QSH_FIXED_NOW"], !raw.isEmpty else {
            return { Date() }
        }
        guard let seconds = Double(raw), seconds.isFinite else {
            throw InvalidInputError("QSH_FIXED_NOW: '\(raw)' is not a Unix time in seconds")
        }
        return { Date(timeIntervalSince1970: seconds) }
    }
}
