package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.UserInput;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.HostMemory;
import java.util.List;
import java.util.Optional;

/**
 * Checks of a VM request against the libvirt host, before anything is written: both would
 * otherwise only fail at start, after the domain was defined.
 */
final class HostChecks {
    private HostChecks() {}

    /**
     * Refuses more memory than the host has; more than it has free is a warning (returned), since
     * the page cache and other guests' memory come and go.
     */
    static List<String> memory(long requested, Optional<HostMemory> host) {
        if (host.isEmpty() || host.get().totalBytes() <= 0) {
            return List.of();
        }
        HostMemory m = host.get();
        if (requested > m.totalBytes()) {
            throw HyperlabException.badInput("bad --memory " + Sizes.human(requested) + ": the host has only "
                    + Sizes.human(m.totalBytes()) + " in all", "try --memory " + Sizes.compact(suggestion(m)) + " or less");
        }
        if (m.freeBytes() > 0 && requested > m.freeBytes()) {
            return List.of("--memory " + Sizes.human(requested) + " is more than the host has free ("
                    + Sizes.human(m.freeBytes()) + "): the guest may be slow to start, or be killed when memory runs out");
        }
        return List.of();
    }

    /** Half the host, in whole GiB (whole MiB on a small host): a size the hint can offer that surely fits. */
    private static long suggestion(HostMemory m) {
        long half = m.totalBytes() / 2;
        return half >= (1L << 30) ? half >> 30 << 30 : Math.max(128L << 20, half >> 20 << 20);
    }

    /** A named network must exist on the libvirt host; the error lists the ones there are. */
    static void network(String name, Optional<List<String>> known) {
        if (known.isEmpty() || known.get().contains(name)) {
            return;
        }
        List<String> there = known.get();
        throw HyperlabException.badInput("bad --network '" + UserInput.show(name) + "': the libvirt host has no network of that name"
                + (there.isEmpty() ? " (it has none)" : " (it has: " + String.join(", ", there) + ")"),
                "try --network none, --network user" + (there.isEmpty() ? "" : " or --network " + there.get(0)));
    }
}
