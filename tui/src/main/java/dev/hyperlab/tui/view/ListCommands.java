package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.keys.Action;
import java.util.Locale;
import java.util.Optional;

/** The main list's {@code :} commands: each name and what it runs on the {@link MainWindow}. */
final class ListCommands {
    static final String SUMMARY = "vm ct all lab NAME host NAME labs images compare q";

    private ListCommands() {}

    static void run(MainWindow w, String line) {
        String cmd = line.startsWith(":") ? line.substring(1).trim() : line;
        if (cmd.startsWith("console ")) {
            w.consoleByName(cmd.substring("console ".length()).trim());
            return;
        }
        if (cmd.startsWith("host ")) {
            w.showHost(cmd.substring("host ".length()).trim());
            return;
        }
        if (cmd.startsWith("lab ")) {
            w.showLab(cmd.substring("lab ".length()).trim());
            return;
        }
        switch (cmd.toLowerCase(Locale.ROOT)) {
            case "" -> { }
            case "q", "quit" -> w.run(Action.QUIT);
            case "vm", "vms" -> w.showKind(Optional.of(GuestKind.VM));
            case "ct", "cts", "container", "containers" -> w.showKind(Optional.of(GuestKind.CONTAINER));
            case "all", "guests" -> w.showKind(Optional.empty());
            case "help" -> w.run(Action.HELP);
            case "images" -> w.run(Action.OPEN_IMAGES);
            case "compare" -> w.run(Action.OPEN_COMPARE);
            case "labs" -> w.run(Action.OPEN_LABS);
            case "lab" -> w.showError("which lab? try :lab NAME, or :labs for the list");
            case "group" -> w.run(Action.GROUP_BY_LAB);
            case "create", "new" -> w.run(Action.CREATE);
            case "console" -> w.run(Action.CONSOLE);
            default -> w.showError("unknown command ':" + cmd + "'; try :vm :ct :all :lab NAME :host NAME :labs :images :compare :q");
        }
    }
}
