package dev.hyperlab.cli;

/**
 * The {@code hyperlab} program. With arguments it is the CLI. With none it runs the main job:
 * the host check ({@code doctor}) until the TUI and the demo exist.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args.length == 0 ? defaultArgs() : args));
    }

    static String[] defaultArgs() {
        return new String[] {"doctor"};
    }
}
