package dev.hyperlab.core.vm.libvirt;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;

/**
 * libvirt's metadata-change event ({@code VIR_DOMAIN_EVENT_ID_METADATA_CHANGE}), which libvirt-java
 * 0.5.2 does not offer: hyperlab saves a boot's timeline into the domain's {@code <metadata>} after
 * the boot's last lifecycle event, so a cached listing needs this event to know it is stale.
 * A {@link LibvirtConnection.Registration}: made again on every new connection. The callback runs
 * on libvirt's event-loop thread: it only reads the domain's name (a local accessor) and hands it on.
 */
final class MetadataEvents implements LibvirtConnection.Registration {
    private static final Logger LOG = Logger.getLogger(MetadataEvents.class.getName());

    /** Held here: libvirt keeps only a native pointer, and a collected callback would crash it. */
    private final LibvirtNative.MetadataChangeCallback callback;
    /** The callback id on the current connection; -1 when the driver has no such event. Worker thread only. */
    private int id = -1;

    /** @param listener told the name of a domain whose metadata changed (null: unknown); must not block */
    MetadataEvents(Consumer<String> listener) {
        this.callback = (conn, dom, type, nsuri, opaque) -> {
            try {
                listener.accept(dom == null ? null : LibvirtNative.Direct.virDomainGetName(dom));
            } catch (Throwable e) { // never let anything reach libvirt's loop (JNA would print it on the TUI)
                LOG.log(Level.WARNING, "metadata event", e);
            }
        };
    }

    @Override public void register(Connect c) {
        id = LibvirtNative.INSTANCE.virConnectDomainEventRegisterAny(Handles.of(c), null,
                LibvirtNative.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, callback, null, null);
        if (id < 0) {
            LOG.info("this libvirt driver sends no metadata-change events: listings refresh on lifecycle events");
        }
    }

    @Override public void unregister(Connect c) {
        if (id >= 0) {
            LibvirtNative.INSTANCE.virConnectDomainEventDeregisterAny(Handles.of(c), id);
            id = -1;
        }
    }
}
