package dev.hyperlab.core.compare.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.model.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationProbeTest {

    @Test
    void capabilityNames() {
        assertEquals(List.of("chown", "sys_module"), Capabilities.names((1L << 0) | (1L << 16)));
        assertEquals(41, Capabilities.names(Capabilities.parseMask("000001ffffffffff")).size());
        assertTrue(Capabilities.has(Capabilities.parseMask("00000000a80425fb"), 0));
        assertFalse(Capabilities.has(Capabilities.parseMask("00000000a80425fb"), Capabilities.SYS_MODULE));
        // podman's default set
        assertEquals(List.of("chown", "dac_override", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
                "net_bind_service", "sys_chroot", "setfcap"), Capabilities.names(Capabilities.parseMask("00000000800405fb")));
    }

    @Test
    void parsesAndRequiresTheEndMarker() {
        IsolationReport r = IsolationReport.parse(Subject.VM, "kernel=6.1.0-27-cloud-amd64\nseccomp=2\ncap_eff=000001ffffffffff\n"
                + "modules_disabled=0\nprocesses=80\nprobe_done=1\n");
        assertEquals("6.1.0-27-cloud-amd64", r.kernel());
        assertEquals("filter", r.seccompLabel());
        assertTrue(r.canLoadModules());
        assertEquals(80, r.processes());
        assertThrows(IllegalArgumentException.class, () -> IsolationReport.parse(Subject.VM, "kernel=x\n"));
    }

    @Test
    void runsOnTheHostAndSeesTheHostKernel() throws Exception {
        IsolationReport r = IsolationProbe.run(Subject.HOST, new HostExec(), Duration.ofSeconds(20));
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), r.kernel());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim(), r.bootId());
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), r.get("net_ns").orElseThrow());
        assertTrue(r.processes() > 1);
        assertTrue(r.get("cap_eff").isPresent() && r.get("seccomp").isPresent());
    }

    @Test
    void tableJudgesAgainstTheHost() {
        IsolationReport host = IsolationReport.parse(Subject.HOST, String.join("\n", "kernel=6.18.44", "boot_id=A",
                "pid_ns=pid:[1]", "net_ns=net:[2]", "cap_eff=000001ffffffffff", "seccomp=0", "modules_disabled=0",
                "proc_sys_writable=yes", "processes=110", "probe_done=1"));
        IsolationReport ct = IsolationReport.parse(Subject.APP_CONTAINER, String.join("\n", "kernel=6.18.44", "boot_id=A",
                "pid_ns=pid:[9]", "net_ns=net:[8]", "cap_eff=00000000800405fb", "seccomp=2", "modules_disabled=0",
                "proc_sys_writable=no", "processes=1", "probe_done=1"));
        IsolationReport vm = IsolationReport.parse(Subject.VM, String.join("\n", "kernel=6.1.0-27-cloud-amd64", "boot_id=B",
                "pid_ns=pid:[1]", "net_ns=net:[2]", "cap_eff=000001ffffffffff", "seccomp=0", "modules_disabled=0",
                "proc_sys_writable=yes", "processes=70", "probe_done=1"));
        List<IsolationTable.Row> rows = IsolationTable.of(host, List.of(vm, ct));
        IsolationTable.Row own = rows.stream().filter(r -> r.key().equals("own_kernel")).findFirst().orElseThrow();
        assertEquals("yes", own.answers().get(Subject.VM));
        assertEquals("no", own.answers().get(Subject.APP_CONTAINER));
        IsolationTable.Row pids = rows.stream().filter(r -> r.key().equals("host_pids_visible")).findFirst().orElseThrow();
        assertEquals("no (70 visible)", pids.answers().get(Subject.VM)); // same inode numbers, other kernel
        assertEquals("no (1 visible)", pids.answers().get(Subject.APP_CONTAINER));
        IsolationTable.Row mods = rows.stream().filter(r -> r.key().equals("load_kernel_modules")).findFirst().orElseThrow();
        assertEquals("yes", mods.answers().get(Subject.VM));
        assertEquals("no", mods.answers().get(Subject.APP_CONTAINER));
        assertTrue(IsolationTable.dropped(host, ct).contains("sys_admin"));
    }
}
