package dev.hyperlab.core.vm.libvirt;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A volume's bytes copied by this machine's kernel, when libvirt runs here: the files of a local
 * pool are this machine's files. A libvirt stream copy sends every byte from libvirtd to hyperlab and
 * back (download into upload); an instant clone's 220 MiB state overlay took 0.7 s that way on an idle
 * host and 1.9 s on a loaded one, and 0.13-0.17 s as a kernel copy (measured, TCG host, ext4). The
 * volume itself is still made and looked up through libvirt, so its pool knows it.
 */
final class LocalVolumeCopy {
    private LocalVolumeCopy() {}

    /**
     * Whether {@code uri} is a QEMU driver on this machine (no host, no transport), whose volume files
     * {@code from} and {@code to} this process can read and write: otherwise the caller streams.
     */
    static boolean applies(String uri, String from, String to) {
        if (!isLocalQemu(uri) || from == null || to == null || from.isEmpty() || to.isEmpty()) {
            return false;
        }
        Path src = Path.of(from);
        Path dst = Path.of(to);
        return Files.isRegularFile(src) && Files.isReadable(src) && Files.isRegularFile(dst) && Files.isWritable(dst);
    }

    static boolean isLocalQemu(String uri) {
        try {
            URI u = URI.create(uri);
            return u.getScheme() != null && u.getScheme().equals("qemu")
                    && (u.getHost() == null || u.getHost().isEmpty());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Copies {@code bytes} bytes of {@code from} over {@code to} (truncated first) with
     * {@link FileChannel#transferTo}, which the JDK hands to the kernel (sendfile): no byte passes
     * through this process.
     */
    static void copy(Path from, Path to, long bytes) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < bytes) {
                long n = in.transferTo(done, bytes - done, out);
                if (n <= 0) {
                    throw new IOException("copying " + from + " to " + to + " stopped at byte " + done + " of " + bytes
                            + ": the source is shorter than its volume says");
                }
                done += n;
            }
        }
    }
}
