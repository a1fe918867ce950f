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
        // Every host of the hosts file is listed; the one this command was given (or the default)
        // keeps plain names and is where the wizard creates.
        var target = connect.target();
        java.util.Map<String, String> others = new java.util.LinkedHashMap<>();
        ConnectOption.hosts(ConnectOption.locations(connect.mixee)).all().stream()
                .filter(h -> !h.name().equals(target.name()) && !h.uri().equals(target.uri()))
                .forEach(h -> others.put(h.name(), h.uri()));
        return TuiApp.run(connect.wiring(), target.name(), others);
    }
}
