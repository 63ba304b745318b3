import Foundation
import QSHCore

/// Everything a service may know about the world it runs in. The surfaces build it (the shell
/// reads the process's working folder, environment and clock once); services read only this.
public struct ServiceContext: Sendable {
    public let events: any ServiceEventSink
    public let clock: @Sendable () -> Date
    public let cancellation: CancellationToken
    public let environment: [String: String]
    /// Absolute; relative paths in requests resolve against it.
    public let workingDirectory: String
    /// Absolute artifact root (`outputs/` by default) that services write under.
    public let artifactRoot: String
    /// The public command (`run`, `tune`, ...), recorded in artifacts.
    public let command: String
    /// The caller's identifier, recorded in artifacts and signals.
    public let requestID: String?
    /// The running `qsh` executable (absolute), for services that start `qsh` children
    /// (`tune run --isolate`); nil where the surface cannot tell.
    public let executablePath: String?
    /// Reads the process's standard input to its end (`--jobs-file -`); nil where it is not the
    /// command's to read (the prompt's terminal, a script or request read from it).
    public let standardInput: (@Sendable () -> [UInt8])?

    public init(
        events: any ServiceEventSink = DiscardingEventSink(), clock: @escaping @Sendable () -> Date = { Date() },
        cancellation: CancellationToken = CancellationToken(), environment: [String: String] = [:],
        workingDirectory: String, artifactRoot: String? = nil, command: String, requestID: String? = nil,
        executablePath: String? = nil, standardInput: (@Sendable () -> [UInt8])? = nil
    ) {
        self.events = events
        self.clock = clock
        self.cancellation = cancellation
        self.environment = environment
        self.workingDirectory = Paths.standardized(workingDirectory)
        self.artifactRoot = Paths.absolute(artifactRoot ?? "outputs", in: self.workingDirectory)
        self.command = command
        self.requestID = requestID
        self.executablePath = executablePath
        self.standardInput = standardInput
    }

    /// `path` made absolute against the working folder (`~` is left alone: the shell expands it).
    public func resolve(_ path: String) -> String { Paths.absolute(path, in: workingDirectory) }

    /// Throws `CancelledError` with the token's reason when the work should stop.
    public func checkCancellation() throws(CancelledError) { try cancellation.check() }

    public func emit(_ event: any ServiceEvent) { events.emit(event) }
}

/// Path arithmetic without the process's working folder.
public enum Paths {
    public static func absolute(_ path: String, in base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return standardized(joined)
    }

    public static func standardized(_ path: String) -> String { (path as NSString).standardizingPath }

    /// `path` relative to `base` when it lies below it (for people), else as it is.
    public static func display(_ path: String, relativeTo base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
