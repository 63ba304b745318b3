extension CommandRegistry {
    /// Every command of this version. A new service registers its command here.
    public static let standard = CommandRegistry(
        commands: [
            RunCommandDefinition.command,
            RunsCommandDefinitions.list, RunsCommandDefinitions.show, RunsCommandDefinitions.best,
            RunsCommandDefinitions.index,
            StrategiesCommandDefinition.command,
        ] + PlannedCommands.all + PaperCommandDefinitions.all + [TuneRunCommandDefinition.command],
        groups: [RunsCommandDefinitions.group, PaperCommandDefinitions.group, TuneRunCommandDefinition.group])
}
