package dev.hyperlab.images.firmware;

/**
 * One partition: its number as tools show it (1-based), where it starts and how long it is (bytes),
 * and its type: a GPT type GUID (lower case) or, on an MBR disk, the type byte as two hex digits.
 */
public record Partition(int number, long offset, long length, String type) {
    /** GPT: the EFI system partition. */
    public static final String GPT_ESP = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";
    /** GPT: GRUB's BIOS boot partition (holds core.img on a GPT disk booted by BIOS). */
    public static final String GPT_BIOS_BOOT = "21686148-6449-6e6f-744e-656564454649";
    /** MBR: an EFI system partition. */
    public static final String MBR_ESP = "ef";

    public boolean isEsp() { return type.equals(GPT_ESP) || type.equals(MBR_ESP); }

    public boolean isBiosBoot() { return type.equals(GPT_BIOS_BOOT); }
}
