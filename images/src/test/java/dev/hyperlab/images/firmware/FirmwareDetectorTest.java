package dev.hyperlab.images.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.images.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which firmware boots a disk, read from small crafted disk headers. */
class FirmwareDetectorTest {
    @TempDir Path dir;

    private BootFirmware detect(CraftedDisk d) throws IOException {
        Path raw = dir.resolve("disk.raw");
        Files.write(raw, d.bytes());
        return FirmwareDetector.detect(raw);
    }

    @Test
    @DisplayName("an MBR disk with boot code boots with BIOS only")
    void mbrWithBootCode() throws IOException {
        BootFirmware f = detect(new CraftedDisk().bootCode().mbrPartition(0, 0x83, 2048, 4096));
        assertTrue(f.bios());
        assertFalse(f.uefi());
        assertEquals("bios", f.label());
        assertEquals("MBR: MBR boot code", f.detail());
    }

    @Test
    @DisplayName("a GPT disk with an ESP holding EFI/BOOT/BOOTX64.EFI and a blank protective MBR boots with UEFI only")
    void gptWithEsp() throws IOException {
        BootFirmware f = detect(new CraftedDisk().gpt()
                .gptPartition(0, Partition.GPT_ESP, 34, 97).fat12(34, "EFI/BOOT/BOOTX64.EFI")
                .gptPartition(1, "0fc63daf-8483-4772-8e79-3d69d8477de4", 128, 8000));
        assertEquals("uefi", f.label());
        assertTrue(f.detail().contains("EFI system partition 1 with EFI/BOOT/BOOTX64.EFI"), f.detail());
    }

    @Test
    @DisplayName("boot code in the protective MBR plus an ESP boots with both (as Debian's and Ubuntu's cloud images)")
    void hybrid() throws IOException {
        BootFirmware f = detect(new CraftedDisk().gpt().bootCode()
                .gptPartition(13, Partition.GPT_BIOS_BOOT, 100, 199)
                .gptPartition(14, Partition.GPT_ESP, 34, 97).fat12(34, "efi/boot/bootx64.efi"));
        assertEquals("bios+uefi", f.label());
        assertTrue(f.detail().contains("protective MBR and a BIOS boot partition"), f.detail());
        assertTrue(f.detail().contains("partition 15"), f.detail());
    }

    @Test
    @DisplayName("a GPT disk without an ESP and with a blank protective MBR is not bootable, and says why")
    void gptWithoutEsp() throws IOException {
        BootFirmware f = detect(new CraftedDisk().gpt().gptPartition(0, Partition.GPT_BIOS_BOOT, 34, 97));
        assertFalse(f.bootable());
        assertEquals("GPT disk: no boot code in the protective MBR (a BIOS boot partition alone does not boot); "
                + "no EFI system partition", f.detail());
    }

    @Test
    @DisplayName("an ESP without the removable-media loader does not count as UEFI")
    void espWithoutLoader() throws IOException {
        BootFirmware f = detect(new CraftedDisk().gpt()
                .gptPartition(0, Partition.GPT_ESP, 34, 97).fat12(34, "EFI/debian/GRUBX64.EFI"));
        assertFalse(f.uefi());
        assertTrue(f.detail().contains("EFI system partition 1 has no EFI/BOOT/BOOTX64.EFI"), f.detail());
    }

    @Test
    @DisplayName("an ESP that holds no FAT file system is named as such")
    void espWithoutFat() throws IOException {
        BootFirmware f = detect(new CraftedDisk().gpt().gptPartition(0, Partition.GPT_ESP, 34, 97));
        assertTrue(f.detail().contains("EFI system partition 1 holds no FAT file system"), f.detail());
    }

    @Test
    @DisplayName("an MBR disk with an ESP (type EF) boots with UEFI")
    void mbrWithEsp() throws IOException {
        BootFirmware f = detect(new CraftedDisk().mbrPartition(0, 0xef, 34, 64).fat12(34, "EFI/BOOT/BOOTX64.EFI"));
        assertEquals("uefi", f.label());
    }

    @Test
    @DisplayName("a blank disk: the error names what is missing")
    void blank() throws IOException {
        BootFirmware f = detect(new CraftedDisk());
        assertFalse(f.bootable());
        assertEquals("none", f.label());
        assertEquals("blank disk: no partition table (sector 0 has no 55AA boot signature)", f.detail());
    }

    @Test
    @DisplayName("a qcow2, also a compressed one, is read through its cluster mapping")
    void qcow2() throws IOException {
        Path raw = dir.resolve("esp.raw");
        Files.write(raw, new CraftedDisk().gpt().bootCode()
                .gptPartition(0, Partition.GPT_ESP, 4000, 4063).fat12(4000, "EFI/BOOT/BOOTX64.EFI").bytes());
        for (List<String> opts : List.of(List.<String>of(), List.of("-c"))) {
            Path q = dir.resolve("disk" + opts.size() + ".qcow2");
            List<String> cmd = new java.util.ArrayList<>(List.of("qemu-img", "convert", "-f", "raw", "-O", "qcow2",
                    "-o", "cluster_size=4096"));
            cmd.addAll(opts);
            cmd.addAll(List.of(raw.toString(), q.toString()));
            Tools.check("test", cmd, 60);
            BootFirmware f = FirmwareDetector.detect(q);
            assertEquals("bios+uefi", f.label(), opts + " " + f.detail());
        }
    }

    @Test
    @DisplayName("the store label reads back as the same answer")
    void labelRoundTrip() {
        for (BootFirmware f : List.of(new BootFirmware(true, true, "d"), new BootFirmware(true, false, "d"),
                new BootFirmware(false, true, "d"), new BootFirmware(false, false, "d"))) {
            assertEquals(f, BootFirmware.fromLabel(f.label(), "d").orElseThrow());
        }
        assertTrue(BootFirmware.fromLabel("floppy", "").isEmpty());
    }
}
