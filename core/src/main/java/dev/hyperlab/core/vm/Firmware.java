package dev.hyperlab.core.vm;

import java.util.Objects;

/**
 * What boots a VM that has no kernel of its own: SeaBIOS, or OVMF (UEFI) with its code image and
 * the template its per-VM variables file is copied from (libvirt makes that copy beside the domain
 * and removes it with the domain). Direct kernel boot uses {@link #BIOS} (SeaBIOS hands over at once).
 *
 * <p>The machine type follows: UEFI guests get q35 (secure boot needs its SMM; OVMF is built for
 * it); BIOS guests stay on i440fx ("pc"), the fallback where q35 gains nothing: the default image's
 * measured boots and the restricted NIC's fixed PCI slot are on it.
 *
 * @param loader       OVMF's code image on the libvirt host (empty for BIOS)
 * @param varsTemplate OVMF's variables template on the libvirt host (empty for BIOS)
 * @param secureBoot   OVMF's secure-boot build with Microsoft's keys enrolled (needs SMM)
 */
public record Firmware(Kind kind, String loader, String varsTemplate, boolean secureBoot) {
    public enum Kind { BIOS, UEFI }

    public static final Firmware BIOS = new Firmware(Kind.BIOS, "", "", false);

    public Firmware {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(loader);
        Objects.requireNonNull(varsTemplate);
        if (kind == Kind.UEFI && (loader.isEmpty() || varsTemplate.isEmpty())) {
            throw new IllegalArgumentException("UEFI needs OVMF's code and variables template");
        }
        if (kind == Kind.BIOS && secureBoot) {
            throw new IllegalArgumentException("secure boot needs UEFI");
        }
    }

    public static Firmware uefi(String loader, String varsTemplate, boolean secureBoot) {
        return new Firmware(Kind.UEFI, loader, varsTemplate, secureBoot);
    }

    public boolean isUefi() { return kind == Kind.UEFI; }

    /** libvirt's machine type for this firmware (see the class comment). */
    public String machine() { return isUefi() ? "q35" : "pc"; }

    /** For a boot timeline or listing: "bios", "uefi", "uefi+secure-boot". */
    public String label() { return isUefi() ? (secureBoot ? "uefi+secure-boot" : "uefi") : "bios"; }
}
