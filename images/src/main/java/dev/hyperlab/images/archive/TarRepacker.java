package dev.hyperlab.images.archive;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Copies tar entries from untrusted input into one clean rootfs tar, checking every entry on the
 * way: no absolute names or "..", no symlink or hard link that leaves the root, nothing stored
 * beneath a symlink, no device nodes, and at most {@link Limits} bytes and entries. Nothing is ever
 * extracted onto the host's filesystem.
 *
 * <p>Several layers (OCI images) are given top layer first: an entry is kept only if no upper
 * layer already has that path, deleted it (a {@code .wh.NAME} whiteout), made its directory opaque
 * ({@code .wh..wh..opq}) or replaced an ancestor with a non-directory. This gives the same result
 * as applying the layers bottom-up with whiteouts, without a scratch directory.
 */
public final class TarRepacker implements AutoCloseable {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final TarArchiveOutputStream out;
    private final Limits limits;
    private final String what;
    private final Set<String> emitted = new HashSet<>();
    private final Set<String> nonDirs = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final Set<String> opaque = new HashSet<>();
    private final Set<String> symlinks = new HashSet<>();
    private long bytes;
    private long entries;

    public TarRepacker(OutputStream target, Limits limits, String what) {
        this.out = new TarArchiveOutputStream(target);
        this.out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        this.out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.out.setAddPaxHeadersForNonAsciiNames(true);
        this.limits = limits;
        this.what = what;
    }

    /** Bytes of file content written so far (the rootfs's unpacked size). */
    public long bytes() { return bytes; }

    /** Adds a plain rootfs tar ({@code .wh.} names are ordinary files there). */
    public void addRootfs(InputStream tar) throws IOException {
        addLayer(tar, false);
    }

    /** Adds one OCI/Docker layer; call from the top layer down. */
    public void addLayer(InputStream tar, boolean whiteouts) throws IOException {
        Set<String> layerDeleted = new HashSet<>();
        Set<String> layerOpaque = new HashSet<>();
        Set<String> layerEmitted = new HashSet<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
            if (++entries > limits.maxEntries()) {
                throw ImageException.badInput(what + " rejected: more than " + limits.maxEntries()
                        + " entries (size limit); try a smaller archive");
            }
            String name = PathCheck.entryName(e.getName(), what);
            if (name.isEmpty()) {
                continue; // "./" itself
            }
            checkType(e, name);
            checkNotBelowSymlink(name);
            if (whiteouts) {
                String base = name.substring(name.lastIndexOf('/') + 1);
                String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
                if (base.equals(OPAQUE)) {
                    layerOpaque.add(parent);
                    continue;
                }
                if (base.startsWith(WHITEOUT)) {
                    layerDeleted.add(parent.isEmpty() ? base.substring(WHITEOUT.length())
                            : parent + "/" + base.substring(WHITEOUT.length()));
                    continue;
                }
            }
            if (hiddenByUpperLayer(name) || layerEmitted.contains(name)) {
                continue;
            }
            String linkTarget = e.isLink() ? PathCheck.hardlinkTarget(name, e.getLinkName(), what) : null;
            if (linkTarget != null && !emitted.contains(linkTarget) && !layerEmitted.contains(linkTarget)) {
                continue; // its target was removed by an upper layer: nothing to link to
            }
            long size = PathCheck.isRegular(e) ? (e.isSparse() ? e.getRealSize() : e.getSize()) : 0;
            bytes += size;
            if (bytes > limits.maxBytes()) {
                throw ImageException.badInput(what + " rejected: it unpacks to more than " + limits.maxBytes()
                        + " bytes (size limit); try a smaller archive");
            }
            write(e, name, size, in);
            layerEmitted.add(name);
            if (!e.isDirectory()) {
                nonDirs.add(name);
            }
            if (e.isSymbolicLink()) {
                symlinks.add(name);
            }
        }
        emitted.addAll(layerEmitted);
        deleted.addAll(layerDeleted);
        opaque.addAll(layerOpaque);
    }

    private void checkType(TarArchiveEntry e, String name) {
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw ImageException.badInput(what + " rejected: entry '" + name + "' is a device node; "
                    + "try an archive without /dev contents (the container engine provides /dev)");
        }
        if (e.isSymbolicLink()) {
            PathCheck.symlinkTarget(name, e.getLinkName(), what);
        } else if (e.isLink()) {
            PathCheck.hardlinkTarget(name, e.getLinkName(), what);
        } else if (!(PathCheck.isRegular(e) || e.isDirectory() || e.isFIFO())) {
            throw ImageException.badInput(what + " rejected: entry '" + name + "' has unsupported type '"
                    + (char) e.getLinkFlag() + "'; try an archive of plain files, directories and links");
        }
    }

    /** "a/b" may not go through a path that an earlier entry made a symlink (it would write elsewhere). */
    private void checkNotBelowSymlink(String name) {
        for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
            if (symlinks.contains(name.substring(0, i))) {
                throw ImageException.badInput(what + " rejected: entry '" + name + "' lies beneath symlink '"
                        + name.substring(0, i) + "'; try an archive without paths through symlinks");
            }
        }
    }

    private boolean hiddenByUpperLayer(String name) {
        if (emitted.contains(name) || deleted.contains(name)) {
            return true;
        }
        for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
            String a = name.substring(0, i);
            if (deleted.contains(a) || opaque.contains(a) || nonDirs.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private void write(TarArchiveEntry e, String name, long size, InputStream body) throws IOException {
        TarArchiveEntry o;
        if (e.isSparse()) {
            o = new TarArchiveEntry(name);
            o.setMode(e.getMode());
            o.setUserId(e.getLongUserId());
            o.setGroupId(e.getLongGroupId());
            o.setModTime(e.getModTime());
        } else {
            o = e;
            o.setName(e.isDirectory() ? name + "/" : name);
            if (e.isLink()) {
                o.setLinkName(PathCheck.hardlinkTarget(name, e.getLinkName(), what));
            }
        }
        o.setSize(size);
        out.putArchiveEntry(o);
        if (size > 0) {
            long copied = body.transferTo(out);
            if (copied != size) {
                throw ImageException.badInput(what + " rejected: entry '" + name + "' is truncated; "
                        + "try downloading or creating the archive again");
            }
        }
        out.closeArchiveEntry();
    }

    /** Finishes the tar (end-of-archive records). */
    @Override
    public void close() throws IOException {
        out.finish();
        out.close();
    }
}
