package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.VolumeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;

/**
 * The storage half of {@link LibvirtHypervisor}: a directory pool, qcow2 overlays, volumes listed,
 * resized and deleted; a volume's bytes moved through streams are {@link VolumeTransfers}'. Every
 * call goes through the one {@link LibvirtConnection}.
 */
final class LibvirtStorage {
    private final LibvirtConnection connection;

    LibvirtStorage(LibvirtConnection connection) { this.connection = connection; }

    private <T> T read(String what, LibvirtConnection.Op<T> op) { return connection.call(what, true, op); }

    private <T> T write(String what, LibvirtConnection.Op<T> op) { return connection.call(what, false, op); }

    private <T> T took(T handle) { return connection.took(handle); }

    private void free(Object handle) { connection.free(handle); }

    private static int check(int rc, String fn) { return LibvirtErrors.check(rc, fn); }

    private static boolean isNotFound(LibvirtException e) { return LibvirtErrors.isNotFound(e); }

    void ensurePool(String name, String dir) {
        read("preparing storage pool " + name, c -> {
            StoragePool pool = lookupPool(c, name);
            if (pool == null) {
                String xml = "<pool type='dir'><name>" + Xml.esc(name) + "</name><target><path>"
                        + Xml.esc(dir) + "</path></target></pool>";
                pool = c.storagePoolDefineXML(xml, 0);
                try {
                    pool.build(0);
                } catch (LibvirtException e) {
                    // build fails only when the directory cannot be made; create() reports it clearly
                }
                pool.setAutostart(1);
            }
            try {
                if (pool.isActive() == 0) {
                    try {
                        // A defined pool whose directory is gone (a fresh host given a copied /etc/libvirt,
                        // a cleaned disk) does not start; building it makes the directory again.
                        pool.build(0);
                    } catch (LibvirtException e) {
                        // the directory exists, or cannot be made: create() says which clearly
                    }
                    pool.create(0);
                }
            } finally {
                pool.free();
            }
            return null;
        });
    }

    static StoragePool lookupPool(Connect c, String name) throws LibvirtException {
        try {
            return c.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    /** The pool, or NOT_FOUND; the caller frees it. */
    static StoragePool pool(Connect c, String name) throws LibvirtException {
        StoragePool p = lookupPool(c, name);
        if (p == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "storage pool '" + name + "' not found",
                    "try 'hyperlab vm create' which makes it");
        }
        return p;
    }

    /** A sparse raw volume QEMU, running as {@code owner}, may map as guest RAM (0600: it is the guest's memory). */
    VolumeRef createMemoryVolume(String poolName, String volName, long capacity, QemuUser owner) {
        String xml = "<volume type='file'><name>" + Xml.esc(volName) + "</name>"
                + "<capacity unit='bytes'>" + capacity + "</capacity><allocation unit='bytes'>0</allocation>"
                + "<target><format type='raw'/><permissions><mode>0600</mode>"
                + owner.permissionsXml() + "</permissions></target></volume>";
        return createFromXml(poolName, "creating memory file " + volName, xml);
    }

    VolumeRef createOverlay(String poolName, String volName, String basePath, long capacity) {
        String xml = "<volume type='file'><name>" + Xml.esc(volName) + "</name>"
                + "<capacity unit='bytes'>" + capacity + "</capacity>"
                // compat 1.1 (qcow2 v3): libvirt 9.0 writes v2 without it, and qemu-img cannot resize a v2
                // image that holds internal snapshots ('vm resize --disk' after 'vm snapshot' failed so)
                + "<target><format type='qcow2'/><compat>1.1</compat><permissions><mode>0600</mode></permissions></target>"
                + "<backingStore><path>" + Xml.esc(basePath) + "</path><format type='qcow2'/></backingStore>"
                + "</volume>";
        return createFromXml(poolName, "creating overlay " + volName, xml);
    }

    private VolumeRef createFromXml(String poolName, String what, String volumeXml) {
        return write(what, c -> {
            StoragePool pool = pool(c, poolName);
            try {
                StorageVol vol = took(pool.storageVolCreateXML(volumeXml, 0));
                try {
                    return ref(poolName, vol);
                } finally {
                    free(vol);
                }
            } finally {
                pool.free();
            }
        });
    }

    /** Grows a volume's virtual size; the caller refuses shrinking (libvirt would need a flag for it). */
    void resizeVolume(String poolName, String volName, long capacity) {
        write("resizing volume " + volName, c -> {
            StoragePool pool = pool(c, poolName);
            try {
                StorageVol vol = took(pool.storageVolLookupByName(volName));
                try {
                    vol.resize(capacity, 0);
                } finally {
                    free(vol);
                }
            } finally {
                pool.free();
            }
            return null;
        });
    }

    void deleteVolume(String poolName, String volName) {
        read("deleting volume " + volName, c -> {
            StoragePool pool = lookupPool(c, poolName);
            if (pool == null) {
                return null;
            }
            try {
                refresh(pool);
                StorageVol vol;
                try {
                    vol = took(pool.storageVolLookupByName(volName));
                } catch (LibvirtException e) {
                    if (isNotFound(e)) {
                        return null;
                    }
                    throw e;
                }
                try {
                    vol.delete(0);
                } finally {
                    free(vol);
                }
            } finally {
                pool.free();
            }
            return null;
        });
    }

    List<VolumeRef> listVolumes(String poolName) {
        return read("listing volumes of " + poolName, c -> {
            StoragePool pool = lookupPool(c, poolName);
            if (pool == null) {
                return List.of();
            }
            try {
                if (pool.isActive() == 0) {
                    // Defined but not started (its directory was missing at boot, say): no volume can be
                    // seen, so none exists for a check; ensurePool starts it before anything is made.
                    return List.of();
                }
                refresh(pool);
                List<VolumeRef> out = new ArrayList<>();
                for (String n : pool.listVolumes()) {
                    StorageVol v;
                    try {
                        v = took(pool.storageVolLookupByName(n));
                    } catch (LibvirtException e) {
                        if (isNotFound(e)) {
                            continue; // deleted by another client since the listing
                        }
                        throw e;
                    }
                    try {
                        out.add(ref(poolName, v));
                    } catch (LibvirtException e) {
                        if (!isNotFound(e)) {
                            throw e;
                        }
                    } finally {
                        free(v);
                    }
                }
                return out;
            } finally {
                pool.free();
            }
        });
    }

    /** The path of the image a volume is an overlay on, if any. */
    Optional<String> backingPath(String poolName, String volName) {
        return read("reading volume " + volName, c -> {
            StoragePool pool = pool(c, poolName);
            try {
                StorageVol v;
                try {
                    v = took(pool.storageVolLookupByName(volName));
                } catch (LibvirtException e) {
                    if (isNotFound(e)) {
                        throw new HyperlabException(ErrorCode.NOT_FOUND, "no volume " + poolName + "/" + volName, null);
                    }
                    throw e;
                }
                try {
                    org.w3c.dom.Element backing = Xml.first(Xml.parse(v.getXMLDesc(0)), null, "backingStore");
                    return Optional.ofNullable(backing == null ? null : Xml.text(backing, null, "path"))
                            .filter(p -> !p.isBlank());
                } finally {
                    free(v);
                }
            } finally {
                free(pool);
            }
        });
    }

    /** Makes libvirt look at the pool's directory again: a file libvirt wrote outside the pool API becomes a volume. */
    void refresh(String poolName) {
        write("refreshing storage pool " + poolName, c -> {
            StoragePool pool = pool(c, poolName);
            try {
                refresh(pool);
            } finally {
                free(pool);
            }
            return null;
        });
    }

    /**
     * Rescans the pool's directory, unless another client is creating a volume in it: libvirt then
     * refuses ("has asynchronous jobs running"), and the list it has is current for every volume
     * made through libvirt, which is all hyperlab looks for. Without this, one create made every
     * concurrent create, rm and gc on the host fail.
     */
    static void refresh(StoragePool pool) throws LibvirtException {
        try {
            pool.refresh(0);
        } catch (LibvirtException e) {
            if (e.getMessage() == null || !e.getMessage().contains("asynchronous jobs running")) {
                throw e;
            }
        }
    }

    static VolumeRef ref(String pool, StorageVol v) throws LibvirtException {
        StorageVolInfo i = v.getInfo();
        return new VolumeRef(pool, v.getName(), v.getPath(), i.allocation, i.capacity);
    }
}
