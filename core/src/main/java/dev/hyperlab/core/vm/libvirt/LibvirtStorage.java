package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.libvirt.Stream;

/**
 * The storage half of {@link LibvirtHypervisor}: a directory pool, qcow2 overlays, uploads through
 * a libvirt stream (so a remote host works), volumes listed and deleted. Every call goes through
 * the one {@link LibvirtConnection}.
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

    StoragePool lookupPool(Connect c, String name) throws LibvirtException {
        try {
            return c.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private StoragePool pool(Connect c, String name) throws LibvirtException {
        StoragePool p = lookupPool(c, name);
        if (p == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "storage pool '" + name + "' not found",
                    "try 'hyperlab vm create' which makes it");
        }
        return p;
    }

    VolumeRef createOverlay(String poolName, String volName, String basePath, long capacity) {
        String xml = "<volume type='file'><name>" + Xml.esc(volName) + "</name>"
                + "<capacity unit='bytes'>" + capacity + "</capacity>"
                // compat 1.1 (qcow2 v3): libvirt 9.0 writes v2 without it, and qemu-img cannot resize a v2
                // image that holds internal snapshots ('vm resize --disk' after 'vm snapshot' failed so)
                + "<target><format type='qcow2'/><compat>1.1</compat><permissions><mode>0600</mode></permissions></target>"
                + "<backingStore><path>" + Xml.esc(basePath) + "</path><format type='qcow2'/></backingStore>"
                + "</volume>";
        return write("creating overlay " + volName, c -> {
            StoragePool pool = pool(c, poolName);
            try {
                StorageVol vol = took(pool.storageVolCreateXML(xml, 0));
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

    VolumeRef uploadVolume(String poolName, String volName, Path localFile, java.util.function.LongConsumer sent) {
        long size;
        try {
            size = Files.size(localFile);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, "reading " + localFile + " failed: " + e.getMessage(),
                    "try a readable file", e);
        }
        String xml = "<volume type='file'><name>" + Xml.esc(volName) + "</name>"
                + "<capacity unit='bytes'>" + size + "</capacity>"
                + "<target><format type='raw'/><permissions><mode>0600</mode></permissions></target></volume>";
        return write("uploading " + localFile.getFileName() + " as volume " + volName, c -> {
            StoragePool pool = pool(c, poolName);
            StorageVol vol = null;
            boolean ok = false;
            try {
                vol = took(pool.storageVolCreateXML(xml, 0));
                Stream st = took(c.streamNew(0));
                try {
                    check(LibvirtNative.INSTANCE.virStorageVolUpload(Handles.of(vol), Handles.of(st), 0, size, 0),
                            "virStorageVolUpload");
                    byte[] buf = new byte[VolumeStreams.CHUNK];
                    try (InputStream in = Files.newInputStream(localFile)) {
                        int n;
                        long total = 0;
                        while ((n = in.read(buf)) > 0) {
                            VolumeStreams.sendAll(st, buf, n);
                            total += n;
                            sent.accept(total);
                        }
                    }
                    st.finish();
                } catch (IOException | RuntimeException | LibvirtException e) {
                    VolumeStreams.abortQuietly(st);
                    throw e;
                } finally {
                    free(st);
                }
                VolumeRef r = ref(poolName, vol);
                ok = true;
                return r;
            } finally {
                releaseMade(vol, ok);
                pool.free();
            }
        });
    }

    /** The volume's file, byte for byte, into {@code localFile} (replaced), through a download stream. */
    void downloadVolume(String poolName, String volName, Path localFile) {
        read("downloading volume " + volName, c -> {
            StoragePool pool = pool(c, poolName);
            StorageVol vol = null;
            try {
                vol = took(pool.storageVolLookupByName(volName));
                Stream down = took(c.streamNew(0));
                try (java.io.OutputStream out = Files.newOutputStream(localFile)) {
                    check(LibvirtNative.INSTANCE.virStorageVolDownload(Handles.of(vol), Handles.of(down), 0, 0, 0),
                            "virStorageVolDownload");
                    VolumeStreams.receiveAll(down, out::write);
                    down.finish();
                } catch (IOException | RuntimeException | LibvirtException e) {
                    VolumeStreams.abortQuietly(down);
                    throw e;
                } finally {
                    free(down);
                }
                return null;
            } finally {
                if (vol != null) {
                    free(vol);
                }
                pool.free();
            }
        });
    }

    /**
     * Copies volume {@code from} byte for byte into a new volume {@code to}, through libvirt streams
     * (download into upload), so it works on a remote host too. Why not
     * {@code virStorageVolCreateXMLFrom}: for qcow2 it runs {@code qemu-img convert}, which flattens
     * an overlay into a full disk (measured here: the backing image's data landed in the copy). A
     * byte copy keeps the overlay's backing-file pointer, so the copy is linked to the same image.
     */
    VolumeRef copyVolume(String poolName, String from, String to) {
        return write("copying volume " + from + " to " + to, c -> {
            StoragePool pool = pool(c, poolName);
            StorageVol src = null;
            StorageVol dst = null;
            boolean ok = false;
            try {
                refresh(pool);
                src = took(pool.storageVolLookupByName(from));
                StorageVolInfo info = src.getInfo();
                // The file's size, not the disk's: a raw volume of exactly the bytes that will come.
                long bytes = VolumeStreams.fileSize(src);
                String xml = "<volume type='file'><name>" + Xml.esc(to) + "</name>"
                        + "<capacity unit='bytes'>" + bytes + "</capacity>"
                        + "<target><format type='raw'/><permissions><mode>0600</mode></permissions></target></volume>";
                dst = took(pool.storageVolCreateXML(xml, 0));
                Stream down = took(c.streamNew(0));
                Stream up = took(c.streamNew(0));
                try {
                    check(LibvirtNative.INSTANCE.virStorageVolDownload(Handles.of(src), Handles.of(down), 0, 0, 0),
                            "virStorageVolDownload");
                    check(LibvirtNative.INSTANCE.virStorageVolUpload(Handles.of(dst), Handles.of(up), 0, bytes, 0),
                            "virStorageVolUpload");
                    VolumeStreams.receiveAll(down, (buf, off, n) -> VolumeStreams.sendAll(up, buf, n));
                    down.finish();
                    up.finish();
                } catch (IOException | RuntimeException | LibvirtException e) {
                    VolumeStreams.abortQuietly(down);
                    VolumeStreams.abortQuietly(up);
                    throw e;
                } finally {
                    free(down);
                    free(up);
                }
                pool.refresh(0);
                StorageVol again = took(pool.storageVolLookupByName(to));
                try {
                    VolumeRef r = new VolumeRef(poolName, to, again.getPath(), again.getInfo().allocation, info.capacity);
                    ok = true;
                    return r;
                } finally {
                    free(again);
                }
            } finally {
                releaseMade(dst, ok);
                if (src != null) {
                    free(src);
                }
                pool.free();
            }
        });
    }

    /** Frees a volume this call created, deleting it first unless the call succeeded ({@code ok}). */
    private void releaseMade(StorageVol vol, boolean ok) {
        if (vol == null) {
            return;
        }
        if (!ok) {
            try {
                vol.delete(0);
            } catch (LibvirtException ignored) {
                // best effort: gc finds it by name later
            }
        }
        free(vol);
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

    /**
     * Rescans the pool's directory, unless another client is creating a volume in it: libvirt then
     * refuses ("has asynchronous jobs running"), and the list it has is current for every volume
     * made through libvirt, which is all hyperlab looks for. Without this, one create made every
     * concurrent create, rm and gc on the host fail.
     */
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

    private static void refresh(StoragePool pool) throws LibvirtException {
        try {
            pool.refresh(0);
        } catch (LibvirtException e) {
            if (e.getMessage() == null || !e.getMessage().contains("asynchronous jobs running")) {
                throw e;
            }
        }
    }

    private static VolumeRef ref(String pool, StorageVol v) throws LibvirtException {
        StorageVolInfo i = v.getInfo();
        return new VolumeRef(pool, v.getName(), v.getPath(), i.allocation, i.capacity);
    }
}
