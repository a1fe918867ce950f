package dev.hyperlab.core.compare.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.memory.CgroupMemory;
import dev.hyperlab.core.compare.memory.MemoryProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolation probe and the cgroup memory reader against a real Podman container (runc,
 * --network none). The container's root filesystem is a directory holding only the host's own
 * sh, readlink and sleep with their libraries, so the test needs no image. The podman CLI is used
 * here only, as a test fixture; the product goes through the engine's REST API.
 */
class ContainerProbesIT {
    private static final Duration T = Duration.ofSeconds(60);
    private static final HostExec HOST = new HostExec();
    private static final String NAME = "hyperlab-it-probe-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path rootfs;

    @BeforeAll
    static void startContainer() throws Exception {
        for (String bin : List.of("/bin/sh", "/usr/bin/readlink", "/bin/sleep", "/bin/cat")) {
            copyWithLibraries(Path.of(bin));
        }
        for (String d : List.of("proc", "sys", "dev", "etc", "tmp")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        ExecResult r = HOST.exec(List.of("podman", "run", "-d", "--rm", "--name", NAME, "--label", "hyperlab.test=1",
                "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
                "--rootfs", rootfs.toString(), "/bin/sleep", "300"), T);
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @AfterAll
    static void removeContainer() {
        HOST.exec(List.of("podman", "rm", "-f", "-t", "0", NAME), T);
    }

    /** podman exec as a {@link GuestExec}: what the engine adapter does over the REST API. */
    private static final GuestExec IN_CONTAINER = (argv, timeout) -> {
        List<String> cmd = new ArrayList<>(List.of("podman", "exec", NAME));
        cmd.addAll(argv);
        return HOST.exec(cmd, timeout);
    };

    @Test
    void containerSharesTheHostKernelButNotItsNamespacesOrPowers() throws Exception {
        IsolationReport host = IsolationProbe.run(Subject.HOST, HOST, T);
        IsolationReport ct = IsolationProbe.run(Subject.APP_CONTAINER, IN_CONTAINER, T);

        assertEquals(host.kernel(), ct.kernel(), "a container runs on the host's kernel");
        assertEquals(host.bootId(), ct.bootId());
        assertNotEquals(host.get("pid_ns"), ct.get("pid_ns"));
        assertNotEquals(host.get("net_ns"), ct.get("net_ns"));
        assertEquals("lo", ct.get("net_ifaces").orElseThrow(), "--network none leaves only loopback");
        assertTrue(ct.processes() < host.processes(), "the container sees only its own processes");
        assertFalse(ct.procSysWritable(), "podman mounts /proc/sys read-only");
        assertFalse(ct.canLoadModules(), "CAP_SYS_MODULE is dropped");
        assertEquals(2, ct.seccompMode(), "podman's default seccomp filter");
        assertTrue(IsolationTable.dropped(host, ct).contains("sys_admin"));

        List<IsolationTable.Row> rows = IsolationTable.of(host, List.of(ct));
        assertEquals("no", rows.stream().filter(r -> r.key().equals("own_kernel")).findFirst().orElseThrow()
                .answers().get(Subject.APP_CONTAINER));
    }

    @Test
    void cgroupMemoryOfTheContainerIsReadFromItsInitPid() {
        ExecResult r = HOST.exec(List.of("podman", "inspect", "--format", "{{.State.Pid}}", NAME), T);
        long pid = Long.parseLong(r.stdout().trim());
        CgroupMemory m = CgroupMemory.forPid(pid);
        assertTrue(m.directory().toString().contains(containerId()), m.directory().toString());
        assertTrue(m.rawUsageBytes() > 0 && m.rawUsageBytes() < 64L << 20, "an idle sleep: " + m);
        assertTrue(m.usageBytes() <= m.rawUsageBytes());
    }

    @Test
    void memoryLedgerOfARealContainer() {
        long pid = Long.parseLong(HOST.exec(List.of("podman", "inspect", "--format", "{{.State.Pid}}", NAME), T).stdout().trim());
        MemoryLedger l = MemoryProbe.container(Subject.APP_CONTAINER, 1, pid, containerId(), IN_CONTAINER);
        assertTrue(l.guestViewIsHost(), "without lxcfs a container's /proc/meminfo is the host's");
        assertTrue(l.guestUsedBytes().isEmpty(), "the host's 'used' is not reported as the container's");
        assertTrue(l.monitorPssBytes().orElseThrow() > 0, "Podman's conmon is found and charged");
        assertEquals(l.cgroupBytes().orElseThrow() + l.monitorPssBytes().orElseThrow(), l.hostCostBytes().orElseThrow());
        assertTrue(l.overheadBytes().isPresent());
        assertTrue(l.qemuRssBytes().isEmpty());
    }

    private static String containerId() {
        return HOST.exec(List.of("podman", "inspect", "--format", "{{.Id}}", NAME), T).stdout().trim();
    }

    private static void copyWithLibraries(Path bin) throws IOException {
        Path real = bin.toRealPath();
        copy(real, bin);
        ExecResult ldd = HOST.exec(List.of("ldd", real.toString()), T);
        Matcher m = Pattern.compile("(/\\S+)").matcher(ldd.stdout());
        while (m.find()) {
            Path lib = Path.of(m.group(1));
            copy(lib.toRealPath(), lib);
        }
    }

    private static void copy(Path from, Path as) throws IOException {
        Path target = rootfs.resolve(as.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
