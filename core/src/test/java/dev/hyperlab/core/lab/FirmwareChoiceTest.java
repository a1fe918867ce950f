package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.Firmware;
import dev.hyperlab.core.vm.OvmfLocator;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import dev.hyperlab.images.firmware.BootFirmware;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firmware a VM boots with: the disk's answer, --firmware over it, and the refusals before anything is written. */
class FirmwareChoiceTest {
    private static final BootFirmware BIOS = new BootFirmware(true, false, "MBR: MBR boot code");
    private static final BootFirmware UEFI = new BootFirmware(false, true, "GPT: EFI system partition 1 with EFI/BOOT/BOOTX64.EFI");
    private static final BootFirmware BOTH = new BootFirmware(true, true, "GPT: both");
    private static final BootFirmware NONE = new BootFirmware(false, false,
            "GPT disk: no boot code in the protective MBR; no EFI system partition");
    private static final OvmfLocator NO_OVMF = secure -> Optional.empty();

    private static BootImage image(BootFirmware f) {
        return new BootImage("stock", Path.of("/x/disk.qcow2"), 1L << 30, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(f), Optional.empty());
    }

    private static OvmfLocator ovmf(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"OVMF_CODE_4M.fd", "OVMF_VARS_4M.fd", "OVMF_CODE_4M.secboot.fd", "OVMF_VARS_4M.ms.fd"}) {
            Files.writeString(dir.resolve(f), "x");
        }
        return OvmfLocator.in(dir);
    }

    @Test
    @DisplayName("the disk decides: BIOS-only gets SeaBIOS, UEFI-only gets OVMF, both get SeaBIOS (faster under TCG)")
    void fromTheDisk(@TempDir Path dir) throws Exception {
        OvmfLocator o = ovmf(dir);
        assertEquals(Firmware.BIOS, FirmwareChoice.choose(image(BIOS), Optional.empty(), false, o));
        Firmware u = FirmwareChoice.choose(image(UEFI), Optional.empty(), false, o);
        assertEquals(dir.resolve("OVMF_CODE_4M.fd").toString(), u.loader());
        assertEquals(dir.resolve("OVMF_VARS_4M.fd").toString(), u.varsTemplate());
        assertEquals("q35", u.machine());
        assertEquals(Firmware.BIOS, FirmwareChoice.choose(image(BOTH), Optional.empty(), false, o));
    }

    @Test
    @DisplayName("--secure-boot picks OVMF's secure build with Microsoft's keys")
    void secureBoot(@TempDir Path dir) throws Exception {
        Firmware f = FirmwareChoice.choose(image(BOTH), Optional.empty(), true, ovmf(dir));
        assertTrue(f.secureBoot());
        assertEquals(dir.resolve("OVMF_CODE_4M.secboot.fd").toString(), f.loader());
        assertEquals(dir.resolve("OVMF_VARS_4M.ms.fd").toString(), f.varsTemplate());
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> FirmwareChoice.choose(image(BIOS), Optional.empty(), true, ovmf(dir)));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(e.getMessage().contains("boots with BIOS only"), e.getMessage());
    }

    @Test
    @DisplayName("--firmware overrides the disk, also for a disk nothing would boot")
    void override(@TempDir Path dir) throws Exception {
        assertEquals(Firmware.BIOS, FirmwareChoice.choose(image(NONE), Optional.of(Firmware.Kind.BIOS), false, NO_OVMF));
        assertTrue(FirmwareChoice.choose(image(BIOS), Optional.of(Firmware.Kind.UEFI), false, ovmf(dir)).isUefi());
    }

    @Test
    @DisplayName("a disk with neither BIOS boot code nor an ESP is refused, with the reason")
    void unbootable() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> FirmwareChoice.choose(image(NONE), Optional.empty(), false, NO_OVMF));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals("image stock cannot boot: GPT disk: no boot code in the protective MBR; no EFI system partition",
                e.getMessage());
        assertTrue(e.hint().contains("--firmware"), e.hint());
    }

    @Test
    @DisplayName("a UEFI image on a host without OVMF is refused, naming the package")
    void noOvmf() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> FirmwareChoice.choose(image(UEFI), Optional.empty(), false, NO_OVMF));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("boots with UEFI, but this host has no OVMF"), e.getMessage());
        assertTrue(e.hint().contains("apt-get install ovmf"), e.hint());
    }

    @Test
    @DisplayName("direct kernel boot keeps SeaBIOS; --firmware there is refused as meaningless")
    void directKernelBoot() {
        BootImage k = new BootImage("debian-12", Path.of("/x/disk.qcow2"), 1L << 30, Optional.of(Path.of("/x/vmlinuz")),
                Optional.empty(), Optional.empty());
        assertEquals(Firmware.BIOS, FirmwareChoice.choose(k, Optional.empty(), false, NO_OVMF));
        assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class,
                () -> FirmwareChoice.choose(k, Optional.of(Firmware.Kind.UEFI), false, NO_OVMF)).code());
    }

    @Test
    @DisplayName("vm create refuses both before it writes anything")
    void createWritesNothing(@TempDir Path data) {
        for (BootFirmware f : new BootFirmware[] {NONE, UEFI}) {
            try (VmService svc = new VmService(LibvirtHypervisor.connect("test:///default"), n -> image(f),
                    new CloudInitSeedMaker(), data, System::nanoTime, () -> dev.hyperlab.core.vm.DomainType.QEMU, NO_OVMF)) {
                HyperlabException e = assertThrows(HyperlabException.class,
                        () -> svc.create(CreateVmRequest.of("fw1", "stock"), System.nanoTime(), VmService.Listener.NONE));
                assertTrue(e.code() == ErrorCode.BAD_INPUT || e.code() == ErrorCode.UNAVAILABLE, e.getMessage());
                assertTrue(svc.hypervisor().find("fw1").isEmpty());
                assertTrue(Files.notExists(data.resolve("logs")) && Files.notExists(data.resolve("pool")));
            }
        }
    }
}
