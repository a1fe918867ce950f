package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.SeedBus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a clone's definition keeps of its source's, and what it gets of its own. */
class CloneXmlTest {
    private static final String POOL = "/var/lib/hyperlab/pool/";
    private static final HyperlabLabel LABEL = new HyperlabLabel("debian-12", Instant.parse("2026-12-03T00:00:00Z"),
            "iid-b", "hyperlab", "b.qcow2", "b-seed.iso", "/var/lib/hyperlab/logs/b-console.log");

    private static DomainClone clone(int port) {
        return new DomainClone("b", Map.of(POOL + "a.qcow2", POOL + "b.qcow2", POOL + "a-seed.iso", POOL + "b-seed.iso"),
                "/var/lib/hyperlab/logs/b-console.log", LABEL, port);
    }

    private static String source() {
        String xml = DomainXmlBuilder.build(DomainXmlBuilderTest.withFirmware(Specs.spec("a", DomainType.QEMU,
                new NetworkSpec.UserRestricted(2222), false), DomainXmlBuilderTest.UEFI, SeedBus.VIRTIO_DISK));
        // as libvirt hands it back: with a UUID, a per-VM NVRAM file and a NIC with its MAC
        return xml.replace("<title>", "<uuid>0b6f4a3c-1111-2222-3333-444455556666</uuid>\n  <title>")
                .replace("<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'/>",
                        "<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'>/var/lib/libvirt/qemu/nvram/a_VARS.fd</nvram>")
                .replace("<serial type='pty'>", "<interface type='network'><mac address='52:54:00:aa:bb:cc'/>"
                        + "<source network='lan'/><model type='virtio'/></interface>\n    <serial type='pty'>");
    }

    @Test
    @DisplayName("a clone has its own name, no UUID, no MAC and its own NVRAM: libvirt gives it fresh ones")
    void newIdentity() {
        String x = CloneXml.rewrite(source(), clone(3333));
        assertTrue(x.contains("<name>b</name>"), x);
        assertFalse(x.contains("<uuid>"), x);
        assertFalse(x.contains("52:54:00:aa:bb:cc"), x);
        assertTrue(x.contains("<source network=\"lan\"/>"), "the NIC stays, on the same network: " + x);
        assertFalse(x.contains("a_VARS.fd"), x);
        assertTrue(x.contains("template=\"/usr/share/OVMF/OVMF_VARS_4M.fd\""), x);
        assertTrue(x.contains("OVMF_CODE_4M.fd</loader>"), "the firmware is the source's: " + x);
    }

    @Test
    @DisplayName("a clone's disks are the copies, its console log and label its own, its SSH port new")
    void ownDisksLogLabelPort() {
        String x = CloneXml.rewrite(source(), clone(3333));
        assertTrue(x.contains(POOL + "b.qcow2") && x.contains(POOL + "b-seed.iso"), x);
        assertFalse(x.contains(POOL + "a.qcow2") || x.contains(POOL + "a-seed.iso"), x);
        assertTrue(x.contains("b-console.log") && !x.contains("a-console.log"), x);
        assertTrue(x.contains("iid-b") && !x.contains("iid-a"), x);
        assertTrue(x.contains("hostfwd=tcp:127.0.0.1:3333-:22") && !x.contains(":2222-"), x);
        assertEquals(1, x.split("hl:hyperlab ", -1).length - 1, "one label: " + x);
    }

    @Test
    @DisplayName("a disk hyperlab did not make for the source is refused: two VMs writing one disk corrupt it")
    void foreignDiskIsRefused() {
        String xml = source().replace("<serial type='pty'>", "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                + "<source file='/srv/data.img'/><target dev='vdc' bus='virtio'/></disk>\n    <serial type='pty'>");
        HyperlabException e = assertThrows(HyperlabException.class, () -> CloneXml.rewrite(xml, clone(0)));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(e.getMessage().contains("/srv/data.img"), e.getMessage());
    }

    @Test
    @DisplayName("on a network, the user-mode NIC's device becomes an <interface> on the same PCI slot with the clone's MAC;"
            + " its slirp backend stays, restricted and deviceless, for the saved state's section")
    void userNicMovedToANetwork() {
        DomainClone c = clone(0);
        DomainClone onLan = new DomainClone(c.name(), c.diskPaths(), c.consoleLog(), c.label(), 0,
                java.util.Optional.of(true), java.util.Optional.of(new NetworkSpec.LabNic("hl-lab-lan", "52:54:00:01:02:03")));
        String x = CloneXml.rewrite(source(), onLan);
        assertTrue(x.contains("<interface type=\"network\"><mac address=\"52:54:00:01:02:03\"/><source network=\"hl-lab-lan\"/>"
                + "<model type=\"virtio\"/><address bus=\"0x00\" domain=\"0x0000\" function=\"0x0\" slot=\"0x1e\" type=\"pci\"/>"
                + "</interface>"), x);
        assertFalse(x.contains("virtio-net-pci"), "no second device on the slot: " + x);
        assertTrue(x.contains("value=\"user,id=hlnet0,restrict=on\""), "the backend stays, without the SSH forward: " + x);
        assertFalse(x.contains("hostfwd"), x);
    }

    @Test
    @DisplayName("a definition without hyperlab's user-mode NIC cannot be put on a network: CONFLICT, not a clone without its device")
    void noUserNicToMove() {
        String noUserNic = DomainXmlBuilder.build(DomainXmlBuilderTest.withFirmware(Specs.spec("a", DomainType.QEMU,
                NetworkSpec.NONE, false), DomainXmlBuilderTest.UEFI, SeedBus.VIRTIO_DISK));
        DomainClone c = clone(0);
        DomainClone onLan = new DomainClone(c.name(), c.diskPaths(), c.consoleLog(), c.label(), 0,
                java.util.Optional.of(true), java.util.Optional.of(new NetworkSpec.LabNic("lan", "52:54:00:01:02:03")));
        HyperlabException e = assertThrows(HyperlabException.class, () -> CloneXml.rewrite(noUserNic, onLan));
        assertEquals(ErrorCode.CONFLICT, e.code());
    }
}
