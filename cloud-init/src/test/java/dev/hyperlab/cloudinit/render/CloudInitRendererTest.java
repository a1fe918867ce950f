package dev.hyperlab.cloudinit.render;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.SampleConfigs;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import dev.hyperlab.cloudinit.model.WriteFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudInitRendererTest {
    private final CloudInitRenderer renderer = new CloudInitRenderer();

    @SuppressWarnings("unchecked")
    static Map<String, Object> userData(RenderedSeed s) {
        assertTrue(s.userData().startsWith("#cloud-config\n"), s.userData());
        return (Map<String, Object>) YamlCodec.load(s.userData());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fullConfigRendersEveryTypedField() {
        RenderedSeed s = renderer.render(SampleConfigs.full());
        Map<String, Object> u = userData(s);
        assertEquals("web-1", u.get("hostname"));
        assertEquals("Europe/Paris", u.get("timezone"));
        assertEquals(List.of("curl", "jq"), u.get("packages"));
        assertEquals(List.of(SampleConfigs.KEY_RSA), u.get("ssh_authorized_keys"));
        List<Map<String, Object>> users = (List<Map<String, Object>>) u.get("users");
        assertEquals("alice", users.get(0).get("name"));
        assertEquals("ALL=(ALL) NOPASSWD:ALL", users.get(0).get("sudo"));
        assertEquals(SampleConfigs.HASH_OF_SECRET, users.get(0).get("passwd"));
        assertEquals(false, users.get(0).get("lock_passwd"));
        assertEquals(List.of(SampleConfigs.KEY_ED25519), users.get(0).get("ssh_authorized_keys"));
        assertEquals(true, users.get(1).get("lock_passwd"));
        List<Map<String, Object>> files = (List<Map<String, Object>>) u.get("write_files");
        assertEquals("0755", files.get(1).get("permissions"), "mode must stay the text 0755, not 493");
        assertEquals("#!/bin/sh\necho 'hi: yes'\n", files.get(1).get("content"));
        assertEquals(List.of("echo boot > /run/hyperlab-boot"), u.get("bootcmd"));
        assertEquals(List.of("ed25519"), u.get("ssh_genkeytypes"));
        assertEquals("instance-id: web-1-0123456789ab\nlocal-hostname: web-1\n", s.metaData());
    }

    @Test
    void readinessMarkerIsTheLastRuncmdEntry() {
        for (CloudConfig c : SampleConfigs.all().values()) {
            List<?> runcmd = (List<?>) userData(renderer.render(c)).get("runcmd");
            assertEquals(ReadinessMarker.command(c.instanceId()), runcmd.get(runcmd.size() - 1));
            assertEquals(1, runcmd.stream().filter(x -> String.valueOf(x).contains(ReadinessMarker.PREFIX)).count());
        }
    }

    @Test
    void sameConfigRendersSameText() {
        CloudConfig c = SampleConfigs.full();
        assertEquals(renderer.render(c), renderer.render(c));
    }

    @Test
    void trickyStringsSurviveRenderingExactly() {
        CloudConfig c = SampleConfigs.tricky();
        Map<String, Object> u = userData(renderer.render(c));
        List<?> runcmd = (List<?>) u.get("runcmd");
        List<?> files = (List<?>) u.get("write_files");
        for (int i = 0; i < c.runcmd().size(); i++) {
            assertEquals(c.runcmd().get(i), runcmd.get(i));
            assertEquals(c.writeFiles().get(i).content(), ((Map<?, ?>) files.get(i)).get("content"));
        }
    }

    @Test
    void fqdnSetsHostnameAndFqdn() {
        Map<String, Object> u = userData(renderer.render(SampleConfigs.staticNetwork()));
        assertEquals("net1", u.get("hostname"));
        assertEquals("net1.lab.example", u.get("fqdn"));
    }

    @Test
    void networkConfigVariants() {
        assertEquals("version: 2\nethernets:\n  eth0:\n    dhcp4: true\n",
                renderer.render(SampleConfigs.dhcpNetwork()).networkConfig());
        Map<?, ?> st = (Map<?, ?>) YamlCodec.load(renderer.render(SampleConfigs.staticNetwork()).networkConfig());
        Map<?, ?> eth = (Map<?, ?>) ((Map<?, ?>) st.get("ethernets")).get("enp1s0");
        assertEquals(2, st.get("version"));
        assertEquals(List.of("192.0.2.10/24", "2001:db8::10/64"), eth.get("addresses"));
        assertEquals("192.0.2.1", eth.get("gateway4"));
        assertEquals(Map.of("addresses", List.of("192.0.2.53")), eth.get("nameservers"));
        assertNull(YamlCodec.load(renderer.render(SampleConfigs.minimal()).networkConfig()),
                "fallback: a document cloud-init reads as absent");
        String disabled = renderer.render(SampleConfigs.minimal().toBuilder().network(NetworkConfig.disabled()).build())
                .networkConfig();
        assertEquals("config: disabled\n", disabled);
    }

    @Test
    void userSetSshGenkeytypesIsKept() {
        CloudConfig c = CloudConfig.builder().instanceId("k-1")
                .base(CloudConfigParser.parse("#cloud-config\nssh_genkeytypes: [rsa, ed25519]\n", "x")).build();
        assertEquals(List.of("rsa", "ed25519"), userData(renderer.render(c)).get("ssh_genkeytypes"));
    }

    @Test
    void seedSizeLimitIsEnforcedBeforeWriting() {
        CloudConfig big = CloudConfig.builder().instanceId("big-1")
                .writeFile(WriteFile.of("/big", "x".repeat(10_000))).build();
        CloudInitException e = assertThrows(CloudInitException.class, () -> new CloudInitRenderer(5_000).render(big));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().contains("limit of 5000 bytes") && e.getMessage().contains("into the image"), e.getMessage());
    }
}
