package dev.hyperlab.cli;

/**
 * The {@code hyperlab} program. With arguments it is the CLI. With none it opens the TUI when
 * stdin and stdout are a terminal, and otherwise runs the host check ({@code doctor}), which is
 * useful in scripts and CI logs.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args.length == 0 ? defaultArgs(System.console() != null) : args));
    }

    static String[] defaultArgs(boolean onTerminal) {
        return new String[] {onTerminal ? "tui" : "doctor"};
    }
}
