package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.catalog.DistroFacts;
import dev.hyperlab.images.firmware.BootFirmware;
import dev.hyperlab.images.firmware.FirmwareDetector;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves VM images from the local image store: a qcow2 disk and, when the image has them, kernel + initrd. */
public final class StoreImageResolver implements ImageResolver {
    private final ImageStore store;

    public StoreImageResolver(ImageStore store) { this.store = store; }

    @Override public BootImage resolve(String name) {
        ImageRecord rec;
        try {
            // A broken record or a truncated blob is refused here, in one line, before qemu-img sees it.
            rec = store.requireWhole(store.find(name).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND,
                    "image '" + name + "' not found", "try 'hyperlab image list', or 'hyperlab image build' for the default image")));
        } catch (ImageException e) {
            throw new HyperlabException(e.kind() == ImageException.Kind.BAD_INPUT ? ErrorCode.BAD_INPUT
                    : ErrorCode.OPERATION_FAILED, e.getMessage(), null, e);
        }
        if (rec.format() != ImageFormat.QCOW2 || !rec.artifacts().containsKey(ImageRecord.DISK)) {
            throw HyperlabException.badInput("image '" + name + "' has no disk (it is a " + rec.format()
                    + " image for containers)", "try an image with a qcow2 disk, e.g. debian-12");
        }
        Path disk = store.path(rec, ImageRecord.DISK);
        Optional<Path> kernel = artifact(rec, ImageRecord.KERNEL);
        Optional<Path> initrd = artifact(rec, ImageRecord.INITRD);
        Optional<String> cmdline = kernel.isPresent()
                ? Optional.ofNullable(rec.labels().get(BuiltImage.CMDLINE_LABEL)) : Optional.empty();
        return new BootImage(rec.name(), disk, rec.virtualSize(), kernel, kernel.isPresent() ? initrd : Optional.empty(),
                cmdline, kernel.isPresent() ? Optional.empty() : firmware(rec, disk), DistroFacts.fromLabels(rec.labels()));
    }

    /** What the store says boots the disk; read from the disk now for an image stored before hyperlab looked. */
    private static Optional<BootFirmware> firmware(ImageRecord rec, Path disk) {
        java.util.Map<String, String> labels = rec.labels().containsKey(BootFirmware.LABEL) ? rec.labels()
                : FirmwareDetector.labels(disk);
        return BootFirmware.fromLabel(labels.get(BootFirmware.LABEL), labels.get(BootFirmware.DETAIL_LABEL));
    }

    private Optional<Path> artifact(ImageRecord rec, String role) {
        if (!rec.artifacts().containsKey(role)) {
            return Optional.empty();
        }
        Path p = store.path(rec, role);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
