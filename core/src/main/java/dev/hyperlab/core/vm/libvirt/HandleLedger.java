package dev.hyperlab.core.vm.libvirt;

import java.util.concurrent.atomic.AtomicInteger;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * The libvirt handles a connection handed out, counted when taken and when freed: a leak test
 * compares the two, so every Domain/StorageVol/Stream/DomainSnapshot/Network goes through here.
 */
final class HandleLedger {
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger freed = new AtomicInteger();

    int taken() { return taken.get(); }

    int freed() { return freed.get(); }

    <T> T took(T handle) {
        taken.incrementAndGet();
        return handle;
    }

    void free(Object handle) {
        if (handle == null) {
            return;
        }
        try {
            if (handle instanceof Domain d) {
                d.free();
            } else if (handle instanceof StorageVol v) {
                v.free();
            } else if (handle instanceof Stream s) {
                s.free();
            } else if (handle instanceof DomainSnapshot s) {
                s.free();
            } else if (handle instanceof Network n) {
                n.free();
            }
            freed.incrementAndGet();
        } catch (LibvirtException ignored) {
            // freeing can only fail for an invalid handle, which there is nothing left to do about
        }
    }
}
