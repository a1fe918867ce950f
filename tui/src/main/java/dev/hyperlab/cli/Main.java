package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.Complete;

/**
 * The {@code hyperlab} program. With arguments it is the CLI. With none it opens the TUI when
 * stdin and stdout are a terminal, and otherwise runs the demo: the default image (built when
 * missing) boots as a VM and as a container side by side, and the result table is printed.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(Complete.COMMAND)) {
            // A TAB: answer before picocli builds the whole command model (docs/benchmarks.md).
            System.exit(Complete.run(args, System.out));
        }
        if (args.length > 0 && args[0].equals(dev.hyperlab.core.labrun.LabForwards.SUBCOMMAND)) {
            // A lab's port forwarder: long-lived and small, so it never builds the command model.
            System.exit(ForwardCommand.run(args, System.out));
        }
        String[] effective = args.length == 0 ? defaultArgs(System.console() != null) : args;
        int rc = Cli.run(effective);
        if (Cli.mayChangeNames(effective)) {
            Complete.namesChanged();
        }
        System.exit(rc);
    }

    static String[] defaultArgs(boolean onTerminal) {
        return new String[] {onTerminal ? "tui" : "demo"};
    }
}
