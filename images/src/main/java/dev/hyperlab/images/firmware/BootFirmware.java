package dev.hyperlab.images.firmware;

import java.util.Locale;
import java.util.Optional;

/**
 * Which firmware can boot a disk, as read from the disk itself: BIOS (boot code in sector 0 that
 * SeaBIOS runs), UEFI (an EFI system partition with the removable-media loader OVMF looks for),
 * both, or neither. {@code detail} says what was found, or what is missing when it is neither.
 */
public record BootFirmware(boolean bios, boolean uefi, String detail) {
    /** The image store's label holding {@link #label()}. */
    public static final String LABEL = "firmware";
    /** The image store's label holding {@link #detail()}. */
    public static final String DETAIL_LABEL = "firmware.detail";

    public boolean bootable() { return bios || uefi; }

    /** "bios", "uefi", "bios+uefi" or "none": the store label's value. */
    public String label() {
        return bios && uefi ? "bios+uefi" : bios ? "bios" : uefi ? "uefi" : "none";
    }

    /** Parses {@link #label()} back (an image record's labels); empty for an unknown value. */
    public static Optional<BootFirmware> fromLabel(String label, String detail) {
        String d = detail == null ? "" : detail;
        return switch (label == null ? "" : label.toLowerCase(Locale.ROOT)) {
            case "bios+uefi" -> Optional.of(new BootFirmware(true, true, d));
            case "bios" -> Optional.of(new BootFirmware(true, false, d));
            case "uefi" -> Optional.of(new BootFirmware(false, true, d));
            case "none" -> Optional.of(new BootFirmware(false, false, d));
            default -> Optional.empty();
        };
    }
}
