package dev.hyperlab.images.build;

import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Path;

/**
 * A built image ready to boot: what the VM code (direct kernel boot from a qcow2 overlay) and the
 * container code (import of the rootfs tar) need.
 *
 * @param qcow2         the base disk (never write to it: guests get overlays)
 * @param kernel        vmlinuz for direct kernel boot
 * @param initrd        initrd.img matching the kernel (has virtio_pci + virtio_blk)
 * @param rootfsTar     the same root filesystem as an uncompressed tar
 * @param kernelCmdline the command line for direct boot (console on ttyS0, root by label)
 * @param id            the content address of the disk (sha256), stable while the recipe is unchanged
 */
public record BuiltImage(Path qcow2, Path kernel, Path initrd, Path rootfsTar, String kernelCmdline, String id) {

    public static final String CMDLINE_LABEL = "kernel.cmdline";
    public static final String RECIPE_LABEL = "recipe.sha256";

    /** The built image a store record describes (it must have every artifact). */
    public static BuiltImage of(ImageStore store, ImageRecord rec) {
        return new BuiltImage(store.path(rec, ImageRecord.DISK), store.path(rec, ImageRecord.KERNEL),
                store.path(rec, ImageRecord.INITRD), store.path(rec, ImageRecord.ROOTFS),
                rec.labels().getOrDefault(CMDLINE_LABEL, "root=/dev/vda rw console=ttyS0,115200"), rec.sha256());
    }
}
