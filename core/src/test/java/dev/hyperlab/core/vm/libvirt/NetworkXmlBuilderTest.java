package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hyperlab.core.vm.LabNetworkSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A lab network as libvirt gets it: a bridge, DHCP with a reservation per VM, NAT or isolated. */
class NetworkXmlBuilderTest {
    static LabNetworkSpec spec(boolean nat) {
        return new LabNetworkSpec("hl-web-lab-lan", "hl-1a2b3c4d5e", "192.168.150.1", 24, "192.168.150.128",
                "192.168.150.254", nat, List.of(new LabNetworkSpec.DhcpHost("52:54:00:12:34:56", "192.168.150.10", "web")),
                "web-lab", "up-1234");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void passesLibvirtsOwnSchema(boolean nat, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/virt-xml-validate")), "virt-xml-validate not installed");
        Path f = dir.resolve("net.xml");
        Files.writeString(f, NetworkXmlBuilder.build(spec(nat)));
        Process p = new ProcessBuilder("virt-xml-validate", f.toString(), "network").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out + "\n" + Files.readString(f));
    }

    @Test
    void reservesEachVmsPlannedAddressAndLabelsTheNetworkWithItsLab() {
        String xml = NetworkXmlBuilder.build(spec(false));
        assertTrue(xml.contains("<host mac='52:54:00:12:34:56' name='web' ip='192.168.150.10'/>"), xml);
        assertTrue(xml.contains("<hl:name>web-lab</hl:name>") && xml.contains("<hl:instance-id>up-1234</hl:instance-id>"), xml);
        assertFalse(xml.contains("<forward"), "an isolated network forwards nothing");
        assertTrue(NetworkXmlBuilder.build(spec(true)).contains("<forward mode='nat'/>"));
    }

    @Test
    void refusesABridgeNameTheKernelWouldCut() {
        assertThrows(IllegalArgumentException.class, () -> new LabNetworkSpec("n", "hl-0123456789abc", "192.168.150.1", 24,
                "192.168.150.128", "192.168.150.254", false, List.of(), "l", "i"));
    }
}
