package dev.hyperlab.tui.data.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;

/**
 * libvirt's metadata-change event ({@code VIR_DOMAIN_EVENT_ID_METADATA_CHANGE}), which
 * libvirt-java 0.5.2 does not offer: hyperlab saves a boot's timeline into the domain's
 * {@code <metadata>} after the boot's last lifecycle event, so the listing needs this event to
 * know that what it cached of the domain is stale. Callbacks run on libvirt's event-loop thread:
 * they only read the domain's name (a local accessor) and hand it on.
 */
final class MetadataEvents {
    private static final Logger LOG = Logger.getLogger(MetadataEvents.class.getName());
    /** virDomainEventID in libvirt.h (since libvirt 3.0). */
    static final int VIR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23;

    /** Told the name of a domain whose metadata changed; must not block or throw. */
    interface Listener {
        void changed(String domainName);
    }

    /** virConnectDomainEventMetadataChangeCallback. */
    interface MetadataChangeCallback extends Callback {
        void invoke(Pointer conn, Pointer dom, int type, String nsuri, Pointer opaque);
    }

    interface Native10 extends Library {
        int virConnectDomainEventRegisterAny(Pointer conn, Pointer dom, int eventID, Callback cb, Pointer opaque,
                                             Pointer freecb);

        int virConnectDomainEventDeregisterAny(Pointer conn, int callbackID);

        String virDomainGetName(Pointer dom);
    }

    private static volatile Native10 lib;

    private MetadataEvents() {}

    private static Native10 lib() {
        if (lib == null) {
            lib = Native.load("virt", Native10.class);
        }
        return lib;
    }

    /** One registration on one connection; {@link #close} on the thread that owns the connection. */
    static final class Registration implements AutoCloseable {
        private final Pointer conn;
        private final int id;
        /** Held here: libvirt keeps only a native pointer, and a collected callback would crash it. */
        @SuppressWarnings({"unused", "FieldCanBeLocal"})
        private final MetadataChangeCallback callback;

        private Registration(Pointer conn, int id, MetadataChangeCallback callback) {
            this.conn = conn;
            this.id = id;
            this.callback = callback;
        }

        boolean active() { return id >= 0; }

        @Override
        public void close() {
            if (id >= 0) {
                try {
                    lib().virConnectDomainEventDeregisterAny(conn, id);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.FINE, "deregistering the metadata event", e);
                }
            }
        }
    }

    /**
     * Registers {@code listener} for every domain of {@code conn}. A driver without the event gives
     * an inactive registration (the listing then refreshes metadata on lifecycle events only).
     */
    static Registration register(Connect conn, Listener listener) {
        MetadataChangeCallback cb = (c, dom, type, nsuri, opaque) -> {
            try {
                listener.changed(dom == null ? null : lib().virDomainGetName(dom));
            } catch (Throwable e) { // never let anything reach libvirt's loop (JNA would print it on the TUI)
                LOG.log(Level.WARNING, "metadata event", e);
            }
        };
        Pointer c = BulkDomainStats.pointerOf(conn);
        int id;
        try {
            id = lib().virConnectDomainEventRegisterAny(c, null, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, cb, null, null);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "no metadata-change events", e);
            id = -1;
        }
        if (id < 0) {
            LOG.info("this libvirt driver sends no metadata-change events: boot timelines refresh on lifecycle events");
        }
        return new Registration(c, id, cb);
    }
}
