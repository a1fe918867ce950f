package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Looks a domain up by name on the worker thread; the handle is counted and must be freed by the caller. */
final class DomainLookup {
    private DomainLookup() {}

    /** @return the domain, or null when there is none of that name */
    static Domain find(LibvirtConnection connection, Connect c, String name) throws LibvirtException {
        try {
            return connection.took(c.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    static Domain require(LibvirtConnection connection, Connect c, String name) throws LibvirtException {
        Domain d = find(connection, c, name);
        if (d == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no VM named '" + name + "'", "try 'hyperlab vm list'");
        }
        return d;
    }

    /** What is done with a looked-up domain, on the worker thread. */
    interface DomainFn<T> { T apply(Domain d) throws LibvirtException; }

    /** Runs {@code fn} on the domain {@code name} (NOT_FOUND when there is none) and frees its handle after. */
    static <T> T with(LibvirtConnection connection, Connect c, String name, DomainFn<T> fn) throws LibvirtException {
        Domain d = require(connection, c, name);
        try {
            return fn.apply(d);
        } finally {
            connection.free(d);
        }
    }
}
