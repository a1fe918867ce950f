package dev.hyperlab.core.vm.libvirt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The event callbacks a {@link LibvirtConnection} keeps across reconnects. Events are tied to one
 * libvirt connection, so each new connection gets every registration again, and a dead one has
 * them dropped; a client that forgot this would go deaf after the first daemon restart.
 */
final class CallbackRegistry {
    private static final Logger LOG = Logger.getLogger(CallbackRegistry.class.getName());

    private final String uri;
    private final List<LibvirtConnection.Registration> registrations = new CopyOnWriteArrayList<>();

    CallbackRegistry(String uri) { this.uri = uri; }

    void add(LibvirtConnection.Registration r) { registrations.add(r); }

    /** @return whether {@code r} was still kept */
    boolean remove(LibvirtConnection.Registration r) { return registrations.remove(r); }

    /** Makes every registration on a new connection; one that fails is logged, the others still made. */
    void registerAll(Connect c) {
        for (LibvirtConnection.Registration r : registrations) {
            try {
                r.register(c);
            } catch (LibvirtException | RuntimeException e) {
                LOG.log(Level.WARNING, "registering an event callback on " + uri + " failed: "
                        + LibvirtErrors.message(e));
            }
        }
    }

    /** Drops every registration from a dead connection; it may refuse, being dead. */
    void unregisterAll(Connect c) {
        for (LibvirtConnection.Registration r : registrations) {
            try {
                r.unregister(c);
            } catch (LibvirtException | RuntimeException e) {
                LOG.log(Level.FINE, "dropping a callback of a dead connection", e);
            }
        }
    }
}
