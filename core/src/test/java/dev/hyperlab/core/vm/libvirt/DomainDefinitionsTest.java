package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VmInfo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Clone, edit and resize of definitions, through the adapter on libvirt's in-process test driver. */
class DomainDefinitionsTest {
    private LibvirtHypervisor hv;

    @BeforeEach void open() {
        hv = LibvirtHypervisor.connect("test:///default");
        hv.define(Specs.spec("hl-d-a", DomainType.QEMU, NetworkSpec.NONE, true));
    }

    @AfterEach void close() {
        for (VmInfo v : hv.list()) {
            if (v.name().startsWith("hl-d-")) {
                if (v.isRunning()) {
                    hv.destroy(v.name());
                }
                hv.undefine(v.name());
            }
        }
        hv.close();
    }

    @Test
    @DisplayName("a clone is defined with its own name, UUID and label, and the source's CPUs and memory")
    void cloneIsDefined() {
        String pool = "/var/lib/hyperlab/pool/";
        HyperlabLabel label = new HyperlabLabel("debian-12", Instant.now(), "iid-b", "hyperlab", "hl-d-b.qcow2",
                "hl-d-b-seed.iso", "/var/lib/hyperlab/logs/hl-d-b-console.log");
        hv.defineClone("hl-d-a", new DomainClone("hl-d-b", Map.of(pool + "hl-d-a.qcow2", pool + "hl-d-b.qcow2",
                pool + "hl-d-a-seed.iso", pool + "hl-d-b-seed.iso"), label.consoleLog(), label, 0));
        VmInfo a = hv.get("hl-d-a");
        VmInfo b = hv.get("hl-d-b");
        assertNotEquals(a.uuid(), b.uuid());
        assertEquals("iid-b", b.label().orElseThrow().instanceId());
        assertEquals(a.vcpus(), b.vcpus());
        assertEquals(a.memoryBytes(), b.memoryBytes());
        assertTrue(hv.inactiveXml("hl-d-b").contains(pool + "hl-d-b.qcow2"));
        HyperlabException e = assertThrows(HyperlabException.class, () -> hv.defineClone("hl-d-a",
                new DomainClone("hl-d-b", Map.of(pool + "hl-d-a.qcow2", pool + "x.qcow2", pool + "hl-d-a-seed.iso", pool + "y.iso"),
                        label.consoleLog(), label, 0)));
        assertEquals(ErrorCode.CONFLICT, e.code(), "a clone never replaces an existing VM");
    }

    @Test
    @DisplayName("an edit is saved when libvirt's schema takes it")
    void editIsSaved() {
        String xml = hv.inactiveXml("hl-d-a").replace("<title>hyperlab VM hl-d-a</title>", "<title>my web server</title>");
        hv.redefine("hl-d-a", xml);
        assertTrue(hv.inactiveXml("hl-d-a").contains("<title>my web server</title>"));
    }

    @Test
    @DisplayName("an edit that is not well-formed, breaks the schema, renames the VM or changes its UUID keeps the old definition")
    void badEditsKeepTheOldDefinition() {
        String before = hv.inactiveXml("hl-d-a");
        String[][] bad = {
            {before.replace("</domain>", ""), "not well-formed"},
            {before.replace("<vcpu", "<vcpus-typo").replace("</vcpu>", "</vcpus-typo>"), "failed to validate against schema"},
            {before.replace("<name>hl-d-a</name>", "<name>hl-d-other</name>"), "a VM is not renamed by editing it"},
            {before.replaceFirst("<uuid>[^<]+</uuid>", "<uuid>00000000-0000-0000-0000-000000000001</uuid>"), "<uuid> was changed"},
        };
        for (String[] b : bad) {
            HyperlabException e = assertThrows(HyperlabException.class, () -> hv.redefine("hl-d-a", b[0]), b[1]);
            assertTrue(e.getMessage().contains(b[1]), b[1] + " -> " + e.getMessage());
            assertEquals(before, hv.inactiveXml("hl-d-a"), "kept after: " + b[1]);
        }
        assertTrue(hv.find("hl-d-other").isEmpty());
    }

    @Test
    @DisplayName("resources are set in the persistent definition")
    void resources() {
        hv.setResources("hl-d-a", 4, 3L << 30);
        VmInfo a = hv.get("hl-d-a");
        assertEquals(4, a.vcpus());
        assertEquals(3L << 30, a.memoryBytes());
    }
}
