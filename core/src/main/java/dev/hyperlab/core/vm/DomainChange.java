package dev.hyperlab.core.vm;

import java.util.Optional;

/**
 * Something about the hypervisor's domains changed: what a listing that caches must forget.
 *
 * @param domain the domain named by the event; empty when every domain may have changed (the
 *               connection came back and events were missed meanwhile, or the connection went down)
 * @param kind   what happened
 */
public record DomainChange(Optional<String> domain, Kind kind) {
    public enum Kind {
        /** Defined, started, stopped, undefined, ... */
        LIFECYCLE,
        /** The domain's {@code <metadata>} changed (hyperlab saved a boot timeline). */
        METADATA,
        /** The connection went down or came back ({@link Hypervisor#connectionStatus()} says which). */
        CONNECTION
    }

    public static DomainChange of(String domain, Kind kind) { return new DomainChange(Optional.ofNullable(domain), kind); }

    /** Whether what is cached about {@code name} is stale after this change. */
    public boolean concerns(String name) { return domain.map(name::equals).orElse(true); }
}
