package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.VmMigrator;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.tui.data.GuestHost;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.VmMigrations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link VmMigrations} over {@link VmMigrator}, between the session's hosts: its own ({@code ownHost},
 * whose VMs have plain names) and the others (listed as {@code HOST:NAME}). Each migration opens its
 * own connections to both hosts, as {@code hyperlab vm migrate} does, and closes them after.
 */
public final class HostsVmMigrations implements VmMigrations {
    private final Wiring wiring;
    private final String ownHost;
    private final Map<String, String> uris;

    /** @param uris every host of the session by name, its own included */
    public HostsVmMigrations(Wiring wiring, String ownHost, Map<String, String> uris) {
        this.wiring = wiring;
        this.ownHost = ownHost;
        this.uris = Map.copyOf(uris);
    }

    private String hostOf(GuestKey key) { return GuestHost.hostOf(key.name()).orElse(ownHost); }

    @Override public List<String> targets(GuestKey key) {
        String from = hostOf(key);
        return uris.keySet().stream().filter(h -> !h.equals(from)).sorted().toList();
    }

    @Override public String migrate(GuestKey key, String target, Consumer<String> step) {
        if (key.kind() != GuestKind.VM) {
            throw HyperlabException.badInput("only VMs migrate; " + key.name() + " is a container", "select a VM");
        }
        String from = hostOf(key);
        String name = GuestHost.nameOf(key.name());
        String fromUri = uris.get(from);
        String toUri = uris.get(target);
        if (fromUri == null || toUri == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no host named '" + (fromUri == null ? from : target) + "' in this session",
                    "add it with 'hyperlab host add' and open the TUI again");
        }
        try (VmService source = wiring.forHost(fromUri).vms(); VmService dest = wiring.forHost(toUri).vms()) {
            boolean live = source.info(name).isRunning();
            VmMigrator.Migrated m = new VmMigrator(source, from, dest, target).migrate(name, live, true, new VmMigrator.Listener() {
                @Override public void step(String what) { step.accept(what); }

                @Override public void progress(dev.hyperlab.core.vm.MigrationJob job) { step.accept(VmMigrator.describe(job)); }
            }, Cancellation.NONE);
            return String.format(Locale.ROOT, "migrated %s from %s to %s in %.1f s: %s moved%s", name, from, target,
                    m.total().toMillis() / 1000.0, Sizes.human(m.job().dataProcessed()),
                    m.job().downtime().map(d -> ", downtime " + d.toMillis() + " ms").orElse(""));
        }
    }
}
