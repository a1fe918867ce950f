package dev.hyperlab.cli;

import dev.hyperlab.images.Tools;
import dev.hyperlab.images.store.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The two stock-style Debian 12 images of {@code stock-images/build.sh} (a UEFI-only GPT disk and a
 * BIOS-only MBR disk, built from the host's apt sources with no loop device), cached beside the
 * image store under the script's hash: a rerun of the IT reuses them, a changed script rebuilds.
 */
final class StockImages {
    private StockImages() {}

    /** The directory holding {@code uefi.qcow2} and {@code bios.qcow2}, built first if needed. */
    static Path ensure() throws IOException {
        byte[] script;
        try (InputStream in = StockImages.class.getResourceAsStream("/stock-images/build.sh")) {
            script = in.readAllBytes();
        }
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(script))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path cacheRoot = DataDir.images().resolve("cache");
        Path dir = cacheRoot.resolve("stock-images-" + hash);
        if (Files.isRegularFile(dir.resolve("uefi.qcow2")) && Files.isRegularFile(dir.resolve("bios.qcow2"))) {
            return dir;
        }
        Path tmp = cacheRoot.resolve("stock-images-" + hash + ".tmp");
        Files.createDirectories(tmp);
        Path sh = tmp.resolve("build.sh");
        Files.write(sh, script);
        Tools.Result r = Tools.run(List.of("sh", sh.toString(), tmp.toString()), tmp.resolve("build.log"), 1800);
        if (!r.ok()) {
            throw new IllegalStateException("building the stock images failed (" + r.exitCode() + "):\n"
                    + Tools.tail(r.output(), 30));
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }
}
