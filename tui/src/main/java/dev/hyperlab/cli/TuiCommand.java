package dev.hyperlab.cli;

import dev.hyperlab.tui.TuiApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tui", mixinStandardHelpOptions = true,
        description = {"Open the terminal UI: VMs and containers in one live table (press ? for keys).",
                "This is what 'hyperlab' with no arguments runs on a terminal."})
final class TuiCommand implements Callable<Integer> {

    @Mixin
    ConnectOption connect;

    @Override
    public Integer call() throws Exception {
        if (System.console() == null) {
            throw new IllegalArgumentException("the TUI needs a terminal; stdin/stdout are redirected. "
                    + "Run it in a terminal, or use the CLI commands (hyperlab --help)");
        }
        return TuiApp.run(connect.wiring());
    }
}
