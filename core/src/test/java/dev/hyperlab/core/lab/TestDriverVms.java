package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import java.nio.file.Files;
import java.nio.file.Path;

/** A VmService on libvirt's in-process test driver, with one real (tiny) qcow2 image "tiny" made by qemu-img. */
final class TestDriverVms {
    private TestDriverVms() {}

    static VmService open(Path data) throws Exception {
        Path img = data.resolve("images/tiny");
        Files.createDirectories(img);
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", img.resolve("disk.qcow2").toString(), "64M")
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        return new VmService(LibvirtHypervisor.connect("test:///default"), new DirImageResolver(data.resolve("images")),
                new CloudInitSeedMaker(), data, System::nanoTime);
    }
}
