package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.HostMemory;
import dev.hyperlab.core.vm.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM's --memory and --network are checked against the libvirt host before anything is written.
 * libvirt's test driver reports 3 GiB of memory, a few MiB of it free, and one network, "default".
 */
class VmHostChecksTest {
    @TempDir Path data;
    private VmService svc;

    @BeforeEach void open() throws Exception { svc = TestDriverVms.open(data); }

    @AfterEach void close() { svc.close(); }

    private static CreateVmRequest request(String name, long memory, NetworkSpec net) {
        return new CreateVmRequest(name, "tiny", 1, memory, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                net, false, false, Duration.ofMinutes(1), Optional.empty(), List.of());
    }

    private List<Path> written() throws Exception {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(f -> !f.startsWith(data.resolve("images"))).toList();
        }
    }

    @Test
    @DisplayName("--memory above the host's total is refused (exit 2) and nothing is written")
    void memoryAboveTheHostIsRefused() throws Exception {
        List<Path> before = written();
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> svc.create(request("t-inputs-big", 10L << 40, NetworkSpec.NONE), System.nanoTime(), VmService.Listener.NONE));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals("bad --memory 10 TiB: the host has only 3 GiB in all; try --memory 1G or less", e.userMessage());
        assertTrue(svc.hypervisor().find("t-inputs-big").isEmpty());
        assertEquals(before, written());
    }

    @Test
    @DisplayName("--memory above the host's free memory is a warning, and the create goes on")
    void memoryAboveFreeIsAWarning() {
        List<String> warnings = svc.check(request("t-inputs-warm", 1L << 30, NetworkSpec.NONE));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).matches("--memory 1 GiB is more than the host has free \\(\\d+ MiB\\): the guest may be "
                + "slow to start, or be killed when memory runs out"), warnings.get(0));
        List<String> warned = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        // The test driver cannot upload the seed, so this create fails later; the warning came first.
        assertThrows(HyperlabException.class, () -> svc.create(request("t-inputs-warm", 1L << 30, NetworkSpec.NONE),
                System.nanoTime(), new VmService.Listener() {
                    @Override public void step(String what) { steps.add(what); }
                    @Override public void warning(String what) { warned.add(what); }
                }));
        assertEquals(warnings, warned);
        assertTrue(!steps.isEmpty(), "the create went on past the checks");
    }

    @Test
    @DisplayName("--network must name a libvirt network; the error lists the ones there are")
    void unknownNetworkListsTheKnownOnes() throws Exception {
        List<Path> before = written();
        HyperlabException e = assertThrows(HyperlabException.class, () -> svc.create(
                request("t-inputs-net", 256L << 20, new NetworkSpec.Named("nosuchnet")), System.nanoTime(), VmService.Listener.NONE));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals("bad --network 'nosuchnet': the libvirt host has no network of that name (it has: default); "
                + "try --network none, --network user or --network default", e.userMessage());
        assertEquals(before, written());
        svc.check(request("t-inputs-net", 256L << 20, new NetworkSpec.Named("default")));
    }

    @Test
    @DisplayName("a driver that cannot tell its memory or networks checks nothing")
    void unknownHostFactsCheckNothing() {
        assertEquals(List.of(), HostChecks.memory(10L << 40, Optional.empty()));
        HostChecks.network("anything", Optional.empty());
        assertEquals(List.of(), HostChecks.memory(1L << 30, Optional.of(new HostMemory(4L << 30, 0))));
    }

    @Test
    @DisplayName("a host with no networks says so")
    void noNetworksAtAll() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> HostChecks.network("lab", Optional.of(List.of())));
        assertEquals("bad --network 'lab': the libvirt host has no network of that name (it has none); "
                + "try --network none, --network user", e.userMessage());
    }
}
