package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the guest views (create wizard, console, log, snapshots) call, by kind. The TUI wires
 * it over the {@code core.lab} services; tests wire test:///default and test doubles.
 *
 * @param defaultImage      the image the wizard proposes
 * @param defaultSshKeys    the key files the wizard proposes (the user's ~/.ssh/*.pub)
 */
public record GuestServices(Map<GuestKind, GuestMaker> makers, Map<GuestKind, GuestConsoles> consoles,
                            Optional<VmSnapshots> snapshots, String defaultImage, List<Path> defaultSshKeys) {
    public GuestServices {
        makers = Map.copyOf(makers);
        consoles = Map.copyOf(consoles);
        defaultSshKeys = List.copyOf(defaultSshKeys);
    }
}
