package dev.hyperlab.cli;

import dev.hyperlab.core.config.HyperlabConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root of the command tree. Each area adds one subcommand class here; the subcommands hold
 * no logic beyond parsing and printing: they call the services in {@code dev.hyperlab.core.lab}.
 */
@Command(name = "hyperlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Manage local VMs and containers side by side, and measure what isolation costs.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DoctorCommand.class,
                ImageCommand.class,
                CloudInitCommand.class,
                VmCommand.class,
                ContainerCommand.class,
                ListCommand.class,
                HostCommand.class,
                LabCommands.Up.class,
                LabCommands.Down.class,
                LabCommands.Status.class,
                LabCommands.Labs.class,
                SshCommand.class,
                GcCommand.class,
                CompareCommand.class,
                DemoCommand.class,
                TuiCommand.class,
                KeysCommand.class,
                ConfigCommand.class,
                VersionCommand.class,
                CompletionCommand.class,
                GenDocsCommand.class,
        })
public final class HyperlabCommand implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where config.yaml is read and written; tests give their own. */
    final HyperlabConfig.Locations locations;

    HyperlabCommand() {
        this(HyperlabConfig.Locations.current());
    }

    HyperlabCommand(HyperlabConfig.Locations locations) {
        this.locations = locations;
    }

    @Override
    public void run() {
        // No subcommand: Main opens the TUI on a terminal; reaching here means no terminal, so print usage.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
