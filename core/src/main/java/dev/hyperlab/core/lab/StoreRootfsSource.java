package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;
import java.util.function.Consumer;

/** The default image from the images module's store, built on first use (the same build the VMs boot). */
public final class StoreRootfsSource implements RootfsSource {
    private final ImageStore store;

    public StoreRootfsSource(ImageStore store) { this.store = store; }

    @Override
    public boolean isDefault(String image) {
        return DefaultImage.NAME.equals(image) || "default".equals(image);
    }

    @Override
    public Rootfs ensure(Consumer<String> progress) {
        try {
            String[] lastPhase = {""};
            BuiltImage img = DefaultImage.ensure(store, p -> {
                if (!p.phase().equals(lastPhase[0])) { // one line per phase, not per progress tick
                    lastPhase[0] = p.phase();
                    progress.accept("image " + DefaultImage.NAME + ": " + p.phase());
                }
            });
            // A cached build whose rootfs blob was cut short would fail later inside the engine's import.
            store.find(DefaultImage.NAME).ifPresent(store::requireWhole);
            return new Rootfs(DefaultImage.NAME, img.id().substring(0, Math.min(16, img.id().length())), img.rootfsTar());
        } catch (ImageException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, e.getMessage(), null, e);
        }
    }
}
