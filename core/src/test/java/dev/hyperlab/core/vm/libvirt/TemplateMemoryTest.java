package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A template's VM keeps its RAM in a file it maps shared; its clones map the same file
 * copy-on-write; a clone given other memory goes back to plain RAM. Which host may do this at all is
 * read from libvirt's capabilities.
 */
class TemplateMemoryTest {
    private static final String POOL = "/var/lib/hyperlab/pool/";
    private static final String FILE = POOL + TemplateNames.memoryVol("deb");

    private static String templateXml() {
        DomainSpec s = Specs.spec("hl-template-deb", DomainType.QEMU, new NetworkSpec.UserRestricted(2222), true)
                .withMemoryFile(FILE);
        return DomainXmlBuilder.build(s);
    }

    @Test
    @DisplayName("a template's VM puts its RAM in its memory file, mapped shared, beside the user-mode NIC")
    void templateMapsItsFileShared() {
        String xml = templateXml();
        assertTrue(xml.contains("<qemu:arg value='memory-backend=" + TemplateMemory.BACKEND_ID + "'/>"), xml);
        assertTrue(xml.contains("&quot;mem-path&quot;:&quot;" + FILE + "&quot;"), xml);
        assertTrue(xml.contains("&quot;size&quot;:" + Specs.spec("x", DomainType.QEMU, NetworkSpec.NONE, true).memoryBytes()), xml);
        assertTrue(xml.contains("&quot;share&quot;:true"), xml);
        assertTrue(xml.contains("-netdev") && xml.contains("restrict=on"), "the NIC's arguments are kept: " + xml);
        assertEquals(1, xml.split("<qemu:commandline>", -1).length - 1, xml);
        assertTrue(TemplateMemory.mapsTemplateMemory(xml));
        assertEquals("deb", TemplateNames.memoryFileTemplate(xml));
        Xml.parse(xml); // well-formed
    }

    @Test
    @DisplayName("a VM without a memory file has no memory arguments, and no qemu namespace when it needs none")
    void plainVmHasNone() {
        String xml = DomainXmlBuilder.build(Specs.spec("a", DomainType.QEMU, NetworkSpec.NONE, true));
        assertFalse(TemplateMemory.mapsTemplateMemory(xml), xml);
        assertFalse(xml.contains("qemu:commandline"), xml);
        assertNull(TemplateNames.memoryFileTemplate(xml));
    }

    @Test
    @DisplayName("a clone maps its template's memory file copy-on-write, never shared")
    void cloneMapsPrivately() {
        HyperlabLabel label = new HyperlabLabel("debian-12", Instant.parse("2026-12-04T00:00:00Z"), "iid-web", "hyperlab",
                "web.qcow2", "web-seed.iso", "/var/lib/hyperlab/logs/web-console.log");
        String source = templateXml();
        String overlay = source.replaceAll("(?s).*<source file='([^']*\\.qcow2)'/>.*", "$1");
        String seed = source.replaceAll("(?s).*<source file='([^']*seed[^']*)'/>.*", "$1");
        String clone = CloneXml.rewrite(source, new DomainClone("web", Map.of(overlay, POOL + "web.qcow2", seed,
                POOL + "web-seed.iso"), "/var/lib/hyperlab/logs/web-console.log", label, 3333));
        assertTrue(clone.contains("&quot;share&quot;:false"), clone);
        assertFalse(clone.contains("&quot;share&quot;:true"), clone);
        assertTrue(clone.contains(FILE), "the template's own file: " + clone);
        assertTrue(TemplateMemory.mapsTemplateMemory(clone));
    }

    @Test
    @DisplayName("resizing a clone's memory unmaps the template's file (it has the template's size); cpus alone keep it")
    void resizeUnmaps() {
        String xml = templateXml();
        long same = Specs.spec("x", DomainType.QEMU, NetworkSpec.NONE, true).memoryBytes();
        assertTrue(TemplateMemory.mapsTemplateMemory(ResourceXml.withResources(xml, 4, same)), "same memory: kept");
        String bigger = ResourceXml.withResources(xml, 2, 2 * same);
        assertFalse(TemplateMemory.mapsTemplateMemory(bigger), bigger);
        assertFalse(bigger.contains("memory-backend="), bigger);
        assertTrue(bigger.contains("restrict=on"), "the NIC's arguments stay: " + bigger);
    }

    @Test
    @DisplayName("QEMU's user comes from the DAC base label; AppArmor or SELinux confinement rules the file out")
    void qemuUserFromCapabilities() {
        String dac = "<capabilities><host><secmodel><model>none</model><doi>0</doi></secmodel><secmodel><model>dac</model>"
                + "<doi>0</doi><baselabel type='kvm'>+64055:+994</baselabel><baselabel type='qemu'>+64055:+994</baselabel>"
                + "</secmodel></host></capabilities>";
        assertEquals(Optional.of(new QemuUser(64055, 994)), QemuUser.ofCapabilities(dac));
        assertEquals("<owner>64055</owner><group>994</group>", QemuUser.ofCapabilities(dac).get().permissionsXml());
        String apparmor = dac.replace("<model>none</model>", "<model>apparmor</model>");
        assertEquals(Optional.empty(), QemuUser.ofCapabilities(apparmor));
        String session = "<capabilities><host><cpu/></host></capabilities>";
        assertEquals(Optional.of(QemuUser.SAME), QemuUser.ofCapabilities(session));
        assertEquals("", QemuUser.SAME.permissionsXml());
    }

    @Test
    @DisplayName("a template's memory file is named after it, and gc can tell whose it is")
    void names() {
        assertEquals("hl-template-deb-memory.raw", TemplateNames.memoryVol("deb"));
        assertEquals("deb", TemplateNames.templateOf(TemplateNames.memoryVol("deb")));
        assertEquals("deb-2", TemplateNames.templateOf(TemplateNames.memoryVol("deb-2")));
    }
}
