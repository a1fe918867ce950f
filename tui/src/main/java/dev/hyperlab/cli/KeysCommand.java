package dev.hyperlab.cli;

import dev.hyperlab.tui.keys.KeyMap;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Print the TUI's key bindings (the same table the ? screen shows).")
final class KeysCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print a Markdown table (for the README).")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(KeyMap.markdown());
        } else {
            for (String[] r : KeyMap.helpRows()) {
                out.printf("%-12s %-22s %s%n", r[0], r[1], r[2]);
            }
        }
        out.flush();
        return Cli.OK;
    }
}
