import QSHCore

extension TuneJobsFile {
    /// The plan `--jobs-file` names: a file (relative to the working folder), or `-`, the plan
    /// on standard input (`cat jobs.jsonl | qsh tune run --jobs-file -`; the isolated jobs'
    /// children), shown as `-`. Standard input comes from the surface, which lends it only
    /// where it is not the script, the request or the prompt's terminal.
    static func read(_ argument: String, context: ServiceContext) throws -> TuneJobsFile {
        guard argument == "-" else { return try TuneJobsFile(path: context.resolve(argument)) }
        guard let standardInput = context.standardInput else {
            throw InvalidInputError("--jobs-file: '-' (standard input) cannot be read here: it is not this command's; give the file")
        }
        return try TuneJobsFile(path: "-", bytes: standardInput())
    }
}
