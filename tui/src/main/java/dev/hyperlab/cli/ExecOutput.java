package dev.hyperlab.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code vm exec} and {@code ct exec} print of a command run in a guest: its stdout, then its
 * stderr. (Strings, not a result type: the engine port and the guest-exec port each have their own.)
 */
final class ExecOutput {
    private ExecOutput() {}

    static void print(CommandSpec spec, String stdout, String stderr) {
        spec.commandLine().getOut().print(stdout);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(stderr);
        spec.commandLine().getErr().flush();
    }
}
