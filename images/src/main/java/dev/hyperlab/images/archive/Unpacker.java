package dev.hyperlab.images.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.Tools;
import dev.hyperlab.images.format.DetectedFormat;
import dev.hyperlab.images.format.FormatDetector;
import dev.hyperlab.images.format.Qcow2Validator;
import dev.hyperlab.images.store.Digests;
import dev.hyperlab.images.store.ImageFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Turns an untrusted input file into what the store keeps, inside a staging directory: a checked
 * qcow2 (from qcow2, raw, compressed or tarred raw disks) or a checked rootfs tar (from a rootfs
 * tar, compressed or not, or an OCI layout / {@code docker save} archive). The format comes from
 * the content, never the file name. The input is only read; everything written goes to the
 * staging directory, which the caller deletes on failure.
 */
public final class Unpacker {
    private static final int MAX_NESTING = 3;

    /** The result: a file in the staging directory, what it is, and its virtual (unpacked) size. */
    public record Staged(ImageFormat format, Path file, long virtualSize, String detail) { }

    private enum TarKind { OCI, DISK, ROOTFS }

    private final Path stage;
    private final Limits limits;
    private int counter;

    public Unpacker(Path stage, Limits limits) {
        this.stage = stage;
        this.limits = limits;
    }

    public Staged unpack(Path input, String what) {
        try {
            return unpack(input, what, 0);
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ImageException.badInput(what + " rejected: it is truncated or corrupt (" + firstLine(e)
                    + "); try downloading or creating it again");
        }
    }

    /**
     * The cause in one line: Jackson's messages go on with a second line (" at [Source: …]") that says
     * nothing to a user, and an error message is one line.
     */
    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    private Staged unpack(Path input, String what, int depth) throws IOException {
        if (depth > MAX_NESTING) {
            throw ImageException.badInput(what + " rejected: compressed or archived more than " + MAX_NESTING
                    + " levels deep; try unpacking it first");
        }
        DetectedFormat f = FormatDetector.detect(input);
        switch (f) {
            case QCOW2 -> {
                long vsize = Qcow2Validator.validate(input, what);
                Path out = next("disk.qcow2");
                Files.copy(input, out);
                return new Staged(ImageFormat.QCOW2, out, vsize, "qcow2");
            }
            case RAW_DISK -> {
                Path out = next("disk.qcow2");
                Tools.check("converting " + what + " to qcow2", List.of("qemu-img", "convert", "-f", "raw", "-O", "qcow2",
                        input.toString(), out.toString()), 1800);
                return new Staged(ImageFormat.QCOW2, out, Files.size(input), "raw converted to qcow2");
            }
            case XZ, GZIP, ZSTD, BZIP2 -> {
                DetectedFormat inner;
                try (InputStream in = Decompress.open(Files.newInputStream(input), f)) {
                    inner = FormatDetector.detect(in);
                }
                if (inner == DetectedFormat.TAR) {
                    return unpackTar(input, f, what, depth);
                }
                Path out = next("decompressed");
                try (InputStream in = Decompress.open(Files.newInputStream(input), f)) {
                    Decompress.copySparse(in, out, limits.maxBytes(), what);
                }
                Staged s = unpack(out, what, depth + 1);
                Files.deleteIfExists(out);
                return s;
            }
            case TAR -> {
                return unpackTar(input, DetectedFormat.TAR, what, depth);
            }
            case VMDK, VHDX, VDI, ISO9660 -> throw ImageException.badInput(what + " rejected: it is a " + f
                    + " image, which hyperlab does not use directly; try qemu-img convert -O qcow2 IN OUT, then import OUT");
            default -> throw ImageException.badInput(what + " rejected: not a recognised image (qcow2, raw disk, "
                    + "rootfs tar, OCI archive; optionally .xz/.gz/.zst); try checking the file");
        }
    }

    private InputStream openTar(Path input, DetectedFormat compression) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
        return compression == DetectedFormat.TAR ? raw : Decompress.open(raw, compression);
    }

    private Staged unpackTar(Path input, DetectedFormat compression, String what, int depth) throws IOException {
        TarKind kind;
        try (InputStream in = openTar(input, compression)) {
            kind = classify(in, what);
        }
        switch (kind) {
            case DISK -> {
                Path disk = next("disk.img");
                try (InputStream in = openTar(input, compression)) {
                    extractSingleDisk(in, disk, what);
                }
                Staged s = unpack(disk, what, depth + 1);
                Files.deleteIfExists(disk);
                return s;
            }
            case OCI -> {
                return new OciFlattener(stage, limits, this).flatten(input, compression, what);
            }
            default -> {
                Path out = next("rootfs.tar");
                long bytes;
                try (InputStream in = openTar(input, compression);
                     OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                     TarRepacker r = new TarRepacker(os, limits, what)) {
                    r.addRootfs(in);
                    bytes = r.bytes();
                }
                return new Staged(ImageFormat.ROOTFS_TAR, out, bytes, "rootfs tar");
            }
        }
    }

    /** A tar with "manifest.json" or "oci-layout" at its root is an image archive; one lone file is a disk. */
    private static TarKind classify(InputStream in, String what) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        Set<String> top = new HashSet<>();
        int files = 0;
        int others = 0;
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            String name = PathCheck.entryName(e.getName(), what);
            if (name.isEmpty()) {
                continue;
            }
            if (!name.contains("/")) {
                top.add(name);
            }
            if (PathCheck.isRegular(e)) {
                files++;
            } else {
                others++;
            }
        }
        if (top.contains("oci-layout") || top.contains("manifest.json")) {
            return TarKind.OCI;
        }
        return files == 1 && others == 0 ? TarKind.DISK : TarKind.ROOTFS;
    }

    private void extractSingleDisk(InputStream in, Path disk, String what) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            PathCheck.entryName(e.getName(), what);
            if (PathCheck.isRegular(e)) {
                long declared = e.isSparse() ? e.getRealSize() : e.getSize();
                if (declared > limits.maxBytes()) {
                    throw ImageException.badInput(what + " rejected: its disk is " + declared + " bytes, over the "
                            + "size limit of " + limits.maxBytes() + "; try a smaller image");
                }
                Decompress.copySparse(tar, disk, limits.maxBytes(), what);
                if (Files.size(disk) != declared) {
                    throw ImageException.badInput(what + " rejected: its disk entry is truncated; try downloading it again");
                }
                return;
            }
        }
        throw ImageException.badInput(what + " rejected: the tar holds no disk image; try another file");
    }

    Path next(String name) {
        return stage.resolve((counter++) + "-" + name);
    }

    /** Reads a small JSON file of an image archive, refusing huge ones. */
    static JsonNode readJson(Path p, String what) throws IOException {
        if (Files.size(p) > (8 << 20)) {
            throw ImageException.badInput(what + " rejected: " + p.getFileName() + " is larger than 8 MiB");
        }
        return new ObjectMapper().readTree(p.toFile());
    }

    static String sha256(Path p) throws IOException {
        return Digests.sha256(p);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
