package dev.hyperlab.core.vm.libvirt;

import static dev.hyperlab.core.vm.libvirt.LibvirtStorage.pool;
import static dev.hyperlab.core.vm.libvirt.LibvirtStorage.ref;
import static dev.hyperlab.core.vm.libvirt.LibvirtStorage.refresh;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.libvirt.Stream;

/**
 * A volume's bytes moved through libvirt streams, so a remote host works as a local one: a local
 * file uploaded into a new volume, a volume downloaded into a local file, a volume copied into a
 * new one. A volume a failed upload or copy made is deleted again. The stream plumbing they share
 * is {@link VolumeStreams}'.
 */
final class VolumeTransfers {
    private final LibvirtConnection connection;

    VolumeTransfers(LibvirtConnection connection) { this.connection = connection; }

    private <T> T read(String what, LibvirtConnection.Op<T> op) { return connection.call(what, true, op); }

    private <T> T write(String what, LibvirtConnection.Op<T> op) { return connection.call(what, false, op); }

    private <T> T took(T handle) { return connection.took(handle); }

    private void free(Object handle) { connection.free(handle); }

    private static int check(int rc, String fn) { return LibvirtErrors.check(rc, fn); }

    VolumeRef upload(String poolName, String volName, Path localFile, java.util.function.LongConsumer sent) {
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
    void download(String poolName, String volName, Path localFile) {
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
     * (download into upload), so it works on a remote host too, or by this machine's kernel when the pool
     * is local ({@link LocalVolumeCopy}). Why not
     * {@code virStorageVolCreateXMLFrom}: for qcow2 it runs {@code qemu-img convert}, which flattens
     * an overlay into a full disk (measured here: the backing image's data landed in the copy). A
     * byte copy keeps the overlay's backing-file pointer, so the copy is linked to the same image.
     */
    VolumeRef copy(String poolName, String from, String to) {
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
                if (LocalVolumeCopy.applies(connection.uri(), src.getPath(), dst.getPath())) {
                    LocalVolumeCopy.copy(Path.of(src.getPath()), Path.of(dst.getPath()), bytes);
                } else {
                    streamCopy(c, src, dst, bytes);
                }
                // Tolerant, as every refresh: another clone creating its volume in this pool meanwhile (clones of
                // one template run side by side) made a bare refresh fail this copy. Its allocation, read below, is
                // refreshed by libvirt for that volume anyway.
                refresh(pool);
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

    /** Download into upload: every byte through this process, so it works on a remote host too. */
    private void streamCopy(org.libvirt.Connect c, StorageVol src, StorageVol dst, long bytes)
            throws LibvirtException, IOException {
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
}
