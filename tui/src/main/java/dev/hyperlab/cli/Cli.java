package dev.hyperlab.cli;

import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.error.HyperlabException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the configured picocli {@link CommandLine}: exit codes 0 ok, 1 failure, 2 usage, and one
 * clear line per error (the stack trace only with {@code --debug}).
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {}

    public static CommandLine create() {
        return create(HyperlabConfig.Locations.current());
    }

    /** The CLI with option defaults from config.yaml at {@code locations} (flags still win). */
    public static CommandLine create(HyperlabConfig.Locations locations) {
        CommandLine cl = new CommandLine(new HyperlabCommand(locations));
        cl.setDefaultValueProvider(new ConfigDefaults(locations));
        cl.setExitCodeExceptionMapper(Cli::exitCodeOf);
        cl.setExecutionExceptionHandler(Cli::handleExecutionException);
        cl.setParameterExceptionHandler(Cli::handleParameterException);
        return cl;
    }

    /**
     * The command model as documentation sees it: built-in defaults only, so that generated man
     * pages and completion scripts do not carry the settings of the machine that made them.
     */
    public static CommandLine createForDocs() {
        CommandLine cl = new CommandLine(new HyperlabCommand());
        cl.getCommandSpec().removeSubcommand("gen-docs");
        return cl;
    }

    public static int run(String... args) {
        return create().execute(args);
    }

    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("list", "ls", "info", "log", "logs", "doctor",
            "version", "completion", "config", "help", "keys", "gen-docs", "--help", "-h", "--version", "-V");

    /** Whether a command may have made or removed guests, images or snapshots: then the completion cache is stale. */
    static boolean mayChangeNames(String... args) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (READ_ONLY.contains(a)) {
                return false;
            }
        }
        return args.length > 0;
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (t instanceof HyperlabException he && he.isUsageError()) {
            return USAGE;
        }
        if (t instanceof IllegalArgumentException && isOurs(t)) {
            return USAGE;
        }
        return FAILURE;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText("error: " + messageOf(ex)));
        if (debugRequested(parseResult)) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof HyperlabException) && !(ex instanceof IllegalArgumentException)) {
            err.println("(run again with --debug for details)");
        }
        err.flush();
        return exitCodeOf(ex);
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof HyperlabException he) {
                // e.g. a bad line in config.yaml, found while picocli asked for an option's default
                err.println(cl.getColorScheme().errorText("error: " + he.userMessage()));
                err.flush();
                return USAGE;
            }
        }
        err.println(cl.getColorScheme().errorText("error: " + ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    /** The one line shown to the user; every module's exception carries its hint in the message. */
    static String messageOf(Throwable t) {
        if (t instanceof HyperlabException he) {
            return he.userMessage();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static boolean isOurs(Throwable t) {
        String pkg = t.getStackTrace().length == 0 ? "" : t.getStackTrace()[0].getClassName();
        return pkg.startsWith("dev.hyperlab.");
    }

    private static boolean debugRequested(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult r = pr; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
