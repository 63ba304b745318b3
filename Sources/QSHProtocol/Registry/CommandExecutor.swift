import QSHCore
import QSHServices

/// What a registered command does with its parsed values: build the typed request, let the
/// service check it, and hand back something the session runner can run and present.
public protocol CommandExecutor: Sendable {
    /// Builds and checks the request; throws for anything wrong with it (no work done yet).
    func prepare(_ values: ParameterValues, context: ServiceContext) throws -> any PreparedCommand
}

/// A request that passed every check, bound to its service.
public protocol PreparedCommand: Sendable {
    func run(context: ServiceContext) async throws -> any ServiceOutcome
    /// What people see on stdout when it succeeded (nil: nothing).
    func render(_ outcome: any ServiceOutcome, context: ServiceContext) -> String?
}

/// The one way a service becomes a command: a request builder, the service, and a renderer
/// for people. New services register one of these with their declaration.
public struct ServiceCommand<S: Service>: CommandExecutor {
    public typealias RequestBuilder = @Sendable (ParameterValues) throws -> S.Request
    public typealias Renderer = @Sendable (S.Outcome, ParameterValues, ServiceContext) -> String?

    let service: S
    let request: RequestBuilder
    let render: Renderer

    public init(_ service: S, request: @escaping RequestBuilder, render: @escaping Renderer) {
        self.service = service
        self.request = request
        self.render = render
    }

    public func prepare(_ values: ParameterValues, context: ServiceContext) throws -> any PreparedCommand {
        let plan = try service.prepare(try request(values), context: context)
        return Prepared(service: service, plan: plan, values: values, render: render)
    }

    struct Prepared: PreparedCommand {
        let service: S
        let plan: S.Plan
        let values: ParameterValues
        let render: Renderer

        func run(context: ServiceContext) async throws -> any ServiceOutcome {
            try await service.run(plan, context: context)
        }

        func render(_ outcome: any ServiceOutcome, context: ServiceContext) -> String? {
            guard let typed = outcome as? S.Outcome else { return nil }
            return render(typed, values, context)
        }
    }
}

/// A command declared (so requests for it are validated) but not built yet; the session
/// runner answers it before this is reached (see `CommandDeclaration.available`).
public struct UnavailableCommand: CommandExecutor {
    public init() {}
    public func prepare(_ values: ParameterValues, context: ServiceContext) throws -> any PreparedCommand {
        throw InvalidInputError("command '\(context.command)' is not available in \(QSHVersion.string) yet")
    }
}
