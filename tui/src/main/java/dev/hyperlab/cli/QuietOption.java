package dev.hyperlab.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -q/--quiet}: names only, one per line, as {@code podman ps -q} prints ids; for scripts and pipes. */
final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "Print only the names, one per line.")
    boolean quiet;

    /** Prints the names and returns true when -q was given; otherwise prints nothing. */
    boolean names(PrintWriter out, List<String> names) {
        if (!quiet) {
            return false;
        }
        names.forEach(out::println);
        out.flush();
        return true;
    }
}
