package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.vm.DomainChange;
import dev.hyperlab.core.vm.LifecycleEvent;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;

/**
 * The event half of {@link LibvirtHypervisor}: lifecycle and metadata-change subscriptions,
 * registered on every connection the adapter makes so that they survive reconnects, and handed to
 * the listener off the event-loop thread.
 */
final class LibvirtEvents {
    private final LibvirtConnection connection;

    LibvirtEvents(LibvirtConnection connection) { this.connection = connection; }

    /** Registered on every connection the adapter makes, so it survives a reconnect. */
    AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) {
        LifecycleListener l = (domain, event) -> {
            // runs on the event-loop thread: copy what we need and leave at once
            String name;
            try {
                name = domain.getName(); // a local accessor: no round trip to the daemon
            } catch (LibvirtException e) {
                name = "?";
            }
            LifecycleEvent ev = new LifecycleEvent(name, String.valueOf(event.getType()),
                    String.valueOf(event.getDetail()), System.nanoTime());
            connection.dispatch(() -> listener.accept(ev));
            return 0;
        };
        return connection.register("subscribing to lifecycle events", new LibvirtConnection.Registration() {
            @Override public void register(Connect c) throws LibvirtException { c.addLifecycleListener(l); }

            @Override public void unregister(Connect c) throws LibvirtException { c.removeLifecycleListener(l); }
        });
    }

    /**
     * Lifecycle and metadata-change events, and the connection's ups and downs (after a reconnect
     * every domain may have changed: events were missed meanwhile). All survive reconnects.
     */
    AutoCloseable onChange(Consumer<DomainChange> listener) {
        AutoCloseable lifecycle = onLifecycle(e -> listener.accept(DomainChange.of(
                e.domain().equals("?") ? null : e.domain(), DomainChange.Kind.LIFECYCLE)));
        AutoCloseable metadata = connection.register("subscribing to metadata-change events", new MetadataEvents(
                name -> connection.dispatch(() -> listener.accept(DomainChange.of(name, DomainChange.Kind.METADATA)))));
        AutoCloseable status = connection.onStatus(s -> listener.accept(DomainChange.of(null, DomainChange.Kind.CONNECTION)));
        return () -> {
            status.close();
            metadata.close();
            lifecycle.close();
        };
    }
}
