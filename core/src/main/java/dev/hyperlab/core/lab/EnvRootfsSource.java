package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Interim default-image source until the images module's DefaultImage is merged: a rootfs tar named
 * by HYPERLAB_ROOTFS_TAR (id: its size and modification time).
 */
public final class EnvRootfsSource implements RootfsSource {
    @Override
    public boolean isDefault(String image) {
        return "debian-12".equals(image) || "default".equals(image);
    }

    @Override
    public Rootfs ensure(Consumer<String> progress) {
        String env = System.getenv("HYPERLAB_ROOTFS_TAR");
        if (env == null || !Files.isRegularFile(Path.of(env))) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "the default image's rootfs.tar is not built",
                    "try `hyperlab image build` (or set HYPERLAB_ROOTFS_TAR)");
        }
        Path tar = Path.of(env);
        try {
            String id = Long.toHexString(Files.size(tar)) + Long.toHexString(Files.getLastModifiedTime(tar).toMillis());
            return new Rootfs("debian-12", id, tar);
        } catch (java.io.IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading " + tar + " failed: " + e.getMessage(), null, e);
        }
    }
}
