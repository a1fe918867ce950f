package dev.hyperlab.cli;

/**
 * The {@code hyperlab} program. With arguments it is the CLI. With none it opens the TUI when
 * stdin and stdout are a terminal, and otherwise runs the demo: the default image (built when
 * missing) boots as a VM and as a container side by side, and the result table is printed.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args.length == 0 ? defaultArgs(System.console() != null) : args));
    }

    static String[] defaultArgs(boolean onTerminal) {
        return new String[] {onTerminal ? "tui" : "demo"};
    }
}
