extension CommandRegistry {
    /// Every command of this version. A new service registers its command here.
    public static let standard = CommandRegistry(
        commands: [
            RunCommandDefinition.command,
            RunsCommandDefinitions.list, RunsCommandDefinitions.show, RunsCommandDefinitions.best,
            RunsCommandDefinitions.index,
            StrategiesCommandDefinition.command,
            // The contract's machine commands in its order: run, sweep, tune, soak.
            SweepCommandDefinition.command, TuneRequestCommandDefinition.command,
        ] + SoakCommandDefinitions.all + PaperCommandDefinitions.all + TuneCommandDefinitions.all,
        groups: [
            RunsCommandDefinitions.group, PaperCommandDefinitions.group, TuneCommandDefinitions.group,
            SoakCommandDefinitions.group,
        ])
}
