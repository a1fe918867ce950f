package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the guest views (create wizard, console, log, snapshots, migrate) call, by kind. The TUI wires
 * it over the {@code core.lab} services; tests wire test:///default and test doubles.
 *
 * @param defaults what the wizard proposes (config.yaml's defaults)
 */
public record GuestServices(Map<GuestKind, GuestMaker> makers, Map<GuestKind, GuestConsoles> consoles,
                            Optional<VmSnapshots> snapshots, GuestDefaults defaults, Optional<VmMigrations> migrations) {
    public GuestServices {
        makers = Map.copyOf(makers);
        consoles = Map.copyOf(consoles);
    }

    /** Without migration (a session of one host). */
    public GuestServices(Map<GuestKind, GuestMaker> makers, Map<GuestKind, GuestConsoles> consoles,
                         Optional<VmSnapshots> snapshots, GuestDefaults defaults) {
        this(makers, consoles, snapshots, defaults, Optional.empty());
    }

    /** With the built-in sizes, this image and these key files proposed. */
    public GuestServices(Map<GuestKind, GuestMaker> makers, Map<GuestKind, GuestConsoles> consoles,
                         Optional<VmSnapshots> snapshots, String defaultImage, List<Path> defaultSshKeys) {
        this(makers, consoles, snapshots, GuestDefaults.builtIn(defaultImage, defaultSshKeys));
    }

    public String defaultImage() { return defaults.image(); }

    public List<Path> defaultSshKeys() { return defaults.sshKeys(); }
}
