package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Temporary: an image is a directory with disk.qcow2 and optional vmlinuz, initrd.img, cmdline. */
final class DirImageResolver implements ImageResolver {
    private final Path root;

    DirImageResolver(Path root) { this.root = root; }

    @Override public BootImage resolve(String name) {
        Path dir = root.resolve(name);
        Path disk = dir.resolve("disk.qcow2");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || !Files.isRegularFile(disk)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "image '" + name + "' not found", "try 'hyperlab image build'");
        }
        Path k = dir.resolve("vmlinuz");
        Path i = dir.resolve("initrd.img");
        Path c = dir.resolve("cmdline");
        try {
            return new BootImage(name, disk, qcow2VirtualSize(disk),
                    Files.isRegularFile(k) ? Optional.of(k) : Optional.empty(),
                    Files.isRegularFile(i) ? Optional.of(i) : Optional.empty(),
                    Files.isRegularFile(c) ? Optional.of(Files.readString(c).strip()) : Optional.empty());
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading image " + name + " failed: " + e.getMessage(),
                    "try 'hyperlab image build --rebuild'", e);
        }
    }

    /** The virtual size from the qcow2 header (bytes 24-31, big-endian). */
    static long qcow2VirtualSize(Path qcow2) throws IOException {
        try (InputStream in = Files.newInputStream(qcow2)) {
            byte[] h = in.readNBytes(32);
            if (h.length < 32 || h[0] != 'Q' || h[1] != 'F' || h[2] != 'I' || h[3] != (byte) 0xfb) {
                throw new IOException(qcow2 + " is not a qcow2 image");
            }
            return java.nio.ByteBuffer.wrap(h, 24, 8).getLong();
        }
    }
}
