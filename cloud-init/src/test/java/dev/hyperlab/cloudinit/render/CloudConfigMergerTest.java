package dev.hyperlab.cloudinit.render;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.SampleConfigs;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudConfigMergerTest {

    @Test
    @SuppressWarnings("unchecked")
    void userConfigAndToolAdditionsBothSurvive() {
        CloudConfig c = SampleConfigs.mergedWithUserConfig();
        Map<String, Object> u = CloudInitRendererTest.userData(new CloudInitRenderer().render(c));
        assertEquals(List.of("htop", "curl"), u.get("packages"));
        assertEquals(List.of("echo from user file", List.of("sh", "-c", "echo argv form"), "echo from hyperlab",
                ReadinessMarker.command("merged-42")), u.get("runcmd"));
        List<Object> users = (List<Object>) u.get("users");
        assertEquals("default", users.get(0));
        assertEquals(2, users.size(), "alice from the file is replaced by hyperlab's alice: " + users);
        assertEquals("/bin/bash", ((Map<String, Object>) users.get(1)).get("shell"));
        assertEquals("done: yes", u.get("final_message"));
        assertEquals(false, u.get("ssh_pwauth"));
        assertEquals("0640", ((Map<?, ?>) ((List<?>) u.get("write_files")).get(0)).get("permissions"),
                "an unquoted 0640 (the int 416 after YAML) is written back as the text cloud-init's schema wants");
        assertEquals("merged", u.get("hostname"));
    }

    @Test
    void markerCannotBeRemovedOrReorderedByBaseAndOldMarkersAreDropped() {
        String old = ReadinessMarker.command("old-instance-1");
        Map<String, Object> base = CloudConfigParser.parse("#cloud-config\nruncmd:\n  - '" + old.replace("'", "''")
                + "'\n  - echo after\n", "x");
        CloudConfig c = CloudConfig.builder().instanceId("new-instance-2").base(base).build();
        List<?> runcmd = (List<?>) CloudInitRendererTest.userData(new CloudInitRenderer().render(c)).get("runcmd");
        assertEquals(List.of("echo after", ReadinessMarker.command("new-instance-2")), runcmd);
    }

    @Test
    void hostnameFromUserFileIsUsedForMetaDataWhenNotSetByTool() {
        CloudConfig c = CloudConfig.builder().instanceId("h-1")
                .base(CloudConfigParser.parse("#cloud-config\nhostname: fromfile\n", "x")).build();
        assertTrue(new CloudInitRenderer().render(c).metaData().contains("local-hostname: fromfile"));
    }

    @Test
    void scalarWhereListExpectedIsRefused() {
        CloudConfig c = CloudConfig.builder().instanceId("s-1").runcmd("echo x")
                .base(CloudConfigParser.parse("#cloud-config\nruncmd: echo single\n", "x")).build();
        CloudInitException e = assertThrows(CloudInitException.class, () -> new CloudInitRenderer().render(c));
        assertTrue(e.getMessage().contains("'runcmd' must be a list"), e.getMessage());
    }

    @Test
    void mergeDoesNotChangeItsInputs() {
        Map<String, Object> base = CloudConfigParser.parse("#cloud-config\npackages: [a]\n", "x");
        Map<String, Object> add = Map.of("packages", List.of("b"));
        Map<String, Object> merged = CloudConfigMerger.merge(base, add);
        assertEquals(List.of("a", "b"), merged.get("packages"));
        assertEquals(List.of("a"), base.get("packages"));
    }
}
