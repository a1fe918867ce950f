package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.Firmware;
import dev.hyperlab.core.vm.OvmfLocator;
import dev.hyperlab.images.firmware.BootFirmware;
import java.util.Optional;

/**
 * Which firmware a new VM boots with: what its disk says (read at import or pull), unless the user
 * says otherwise with {@code --firmware}. A disk that boots both ways gets SeaBIOS, which reaches the
 * boot loader seconds sooner under TCG, unless secure boot is asked for. Refuses, before anything
 * is written, a disk nothing can boot, secure boot without UEFI, and UEFI on a host without OVMF.
 */
final class FirmwareChoice {
    private FirmwareChoice() {}

    static Firmware choose(BootImage image, Optional<Firmware.Kind> override, boolean secureBoot, OvmfLocator ovmf) {
        if (secureBoot && override.orElse(Firmware.Kind.UEFI) == Firmware.Kind.BIOS) {
            throw HyperlabException.badInput("--secure-boot with --firmware bios: secure boot is a UEFI feature",
                    "try --firmware uefi --secure-boot");
        }
        if (image.kernel().isPresent()) {
            if (override.isPresent() || secureBoot) {
                throw HyperlabException.badInput("image " + image.name() + " boots its own kernel directly, so "
                        + (secureBoot ? "--secure-boot" : "--firmware") + " has nothing to choose",
                        "try it without, or an image whose disk has a boot loader");
            }
            return Firmware.BIOS;
        }
        Firmware.Kind kind = override.orElseGet(() -> fromDisk(image, secureBoot));
        if (kind == Firmware.Kind.BIOS) {
            return Firmware.BIOS;
        }
        OvmfLocator.Ovmf o = ovmf.find(secureBoot).orElseThrow(() -> new HyperlabException(ErrorCode.UNAVAILABLE,
                "image " + image.name() + " boots with UEFI, but this host has no "
                        + (secureBoot ? "secure-boot build of OVMF" : "OVMF") + " (looked for "
                        + OvmfLocator.expected(secureBoot) + ")",
                "try 'apt-get install " + OvmfLocator.PACKAGE + "' on the libvirt host"
                        + (override.isEmpty() && image.firmware().map(BootFirmware::bios).orElse(false) && secureBoot
                        ? ", or leave out --secure-boot (the disk also boots with BIOS)" : "")));
        return Firmware.uefi(o.code().toString(), o.varsTemplate().toString(), secureBoot);
    }

    private static Firmware.Kind fromDisk(BootImage image, boolean secureBoot) {
        Optional<BootFirmware> f = image.firmware();
        if (f.isEmpty()) {
            return secureBoot ? Firmware.Kind.UEFI : Firmware.Kind.BIOS; // not known: as before the disk was read
        }
        BootFirmware fw = f.get();
        if (!fw.bootable()) {
            throw HyperlabException.badInput("image " + image.name() + " cannot boot: " + fw.detail(),
                    "try --firmware bios or --firmware uefi if you know how it boots, or another image");
        }
        if (secureBoot && !fw.uefi()) {
            throw HyperlabException.badInput("--secure-boot: image " + image.name() + " boots with BIOS only ("
                    + fw.detail() + ")", "try it without --secure-boot");
        }
        return fw.uefi() && (secureBoot || !fw.bios()) ? Firmware.Kind.UEFI : Firmware.Kind.BIOS;
    }
}
