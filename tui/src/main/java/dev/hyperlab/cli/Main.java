package dev.hyperlab.cli;

/** The {@code hyperlab} program: the CLI, or the TUI when started with no arguments on a terminal. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
