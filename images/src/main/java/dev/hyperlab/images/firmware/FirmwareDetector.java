package dev.hyperlab.images.firmware;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a disk's boot sector, partition table and EFI system partition and says which firmware
 * boots it (see {@link BootFirmware}). Run when an image is imported or pulled; the answer is kept
 * in the image's record, and a VM gets SeaBIOS or OVMF to match.
 */
public final class FirmwareDetector {
    /** The path UEFI firmware boots from a disk that has no boot entries of its own (a new VM's). */
    public static final String REMOVABLE_LOADER = "EFI/BOOT/BOOTX64.EFI";

    private FirmwareDetector() {}

    public static BootFirmware detect(Path disk) {
        try (DiskReader r = DiskReader.open(disk)) {
            return detect(r);
        } catch (IOException e) {
            throw ImageException.failed("reading the partition table of " + disk + " failed: " + e.getMessage()
                    + "; try 'qemu-img check " + disk + "'", e);
        }
    }

    /**
     * The store labels for {@code disk}: {@link BootFirmware#LABEL} and its detail. A disk this reader
     * cannot map (zstd-compressed qcow2, say) is stored as "unknown" with the reason, not refused:
     * it can still boot with {@code --firmware}.
     */
    public static java.util.Map<String, String> labels(Path disk) {
        try {
            BootFirmware f = detect(disk);
            return java.util.Map.of(BootFirmware.LABEL, f.label(), BootFirmware.DETAIL_LABEL, f.detail());
        } catch (ImageException e) {
            return java.util.Map.of(BootFirmware.LABEL, "unknown", BootFirmware.DETAIL_LABEL, e.getMessage());
        }
    }

    public static BootFirmware detect(DiskReader disk) throws IOException {
        PartitionTable t = PartitionTable.read(disk);
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean bios = t.mbrBootCode();
        if (t.scheme() == PartitionTable.Scheme.NONE) {
            missing.add("no partition table (sector 0 has no 55AA boot signature)");
        } else if (bios) {
            boolean biosBoot = t.partitions().stream().anyMatch(Partition::isBiosBoot);
            found.add(t.scheme() == PartitionTable.Scheme.GPT
                    ? "boot code in the protective MBR" + (biosBoot ? " and a BIOS boot partition" : "")
                    : "MBR boot code");
        } else {
            boolean biosBoot = t.partitions().stream().anyMatch(Partition::isBiosBoot);
            missing.add(t.scheme() == PartitionTable.Scheme.GPT
                    ? "no boot code in the protective MBR" + (biosBoot ? " (a BIOS boot partition alone does not boot)" : "")
                    : "no boot code in the MBR");
        }
        boolean uefi = false;
        List<Partition> esps = t.partitions().stream().filter(Partition::isEsp).toList();
        if (t.scheme() != PartitionTable.Scheme.NONE && esps.isEmpty()) {
            missing.add("no EFI system partition");
        }
        for (Partition esp : esps) {
            FatVolume fat = FatVolume.at(disk, esp.offset());
            if (fat == null) {
                missing.add("EFI system partition " + esp.number() + " holds no FAT file system");
            } else if (fat.hasFile(REMOVABLE_LOADER)) {
                uefi = true;
                found.add("EFI system partition " + esp.number() + " with " + REMOVABLE_LOADER);
                break;
            } else {
                missing.add("EFI system partition " + esp.number() + " has no " + REMOVABLE_LOADER);
            }
        }
        String scheme = switch (t.scheme()) {
            case GPT -> "GPT";
            case MBR -> "MBR";
            case NONE -> "blank";
        };
        String detail = bios || uefi
                ? scheme + ": " + String.join("; ", found)
                : scheme + " disk: " + String.join("; ", missing);
        return new BootFirmware(bios, uefi, detail);
    }
}
