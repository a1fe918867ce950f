package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.ReadySignal;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VmInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which signal says a VM is ready when the guest does not show hyperlab's marker on the serial
 * console: the guest agent's {@code cloud-init status --wait}, else an SSH banner; and what a guest
 * that gives none is told when the wait runs out.
 */
class ReadinessSignalsTest {
    private static final String READY = "hyperlab-ready iid-1";

    /** A console that shows {@code lines}, then stays silent until closed (a serial port nobody writes to). */
    private static ConsoleStream console(List<String> lines) {
        byte[] bytes = lines.isEmpty() ? new byte[0] : (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        CountDownLatch closed = new CountDownLatch(1);
        return new ConsoleStream() {
            private int pos;

            @Override public int read(byte[] buf) {
                if (pos < bytes.length) {
                    int n = Math.min(buf.length, bytes.length - pos);
                    System.arraycopy(bytes, pos, buf, 0, n);
                    pos += n;
                    return n;
                }
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }

            @Override public void write(byte[] data, int len) { }

            @Override public void close() { closed.countDown(); }
        };
    }

    private static Hypervisor hypervisor(ConsoleStream console, Function<String, String> agent) {
        return (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] {Hypervisor.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "openConsole" -> console;
                    case "find" -> Optional.of(new VmInfo("vm", "u", GuestState.RUNNING, 1, 1L << 30, 0, Optional.empty(),
                            BootTimeline.empty()));
                    case "start", "resume" -> null;
                    case "agentCommand" -> agent.apply((String) args[1]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static HyperlabException notConnected() {
        return new HyperlabException(ErrorCode.UNAVAILABLE, "the guest agent of vm did not answer: not connected", null);
    }

    /** An agent that connects after two pings and whose cloud-init says "status: done". */
    private static Function<String, String> agentWithCloudInit() {
        return agentWithCloudInit("done");
    }

    /** An agent that connects after two pings and whose cloud-init says "status: STATUS", its final stage ended. */
    private static Function<String, String> agentWithCloudInit(String status) {
        return new CloudInitAgent(status, 0).answer();
    }

    /**
     * A guest agent that connects after two pings, whose {@code cloud-init status --wait} prints
     * "status: STATUS" and whose final stage writes its result file after {@code resultAfter} looks.
     */
    private static final class CloudInitAgent {
        final String status;
        final int resultAfter;
        final AtomicInteger pings = new AtomicInteger();
        final AtomicInteger statusRuns = new AtomicInteger();
        final AtomicInteger resultLooks = new AtomicInteger();
        volatile boolean lastWasTest;

        CloudInitAgent(String status, int resultAfter) {
            this.status = status;
            this.resultAfter = resultAfter;
        }

        Function<String, String> answer() {
            return json -> {
                if (json.contains("guest-ping")) {
                    if (pings.incrementAndGet() <= 2) {
                        throw notConnected();
                    }
                    return "{\"return\":{}}";
                }
                if (json.contains("\"guest-exec\"")) {
                    lastWasTest = json.contains("\"path\":\"test\"");
                    if (lastWasTest) {
                        assertTrue(json.contains("\"-e\",\"" + AgentReadiness.RESULT_FILE + "\""), json);
                    } else {
                        assertTrue(json.contains("\"path\":\"cloud-init\"") && json.contains("\"status\",\"--wait\""), json);
                        statusRuns.incrementAndGet();
                    }
                    return "{\"return\":{\"pid\":7}}";
                }
                if (lastWasTest) {
                    int code = resultLooks.incrementAndGet() > resultAfter ? 0 : 1;
                    return "{\"return\":{\"exited\":true,\"exitcode\":" + code + "}}";
                }
                String out = Base64.getEncoder().encodeToString(("status: " + status + "\n").getBytes(StandardCharsets.UTF_8));
                return "{\"return\":{\"exited\":true,\"exitcode\":0,\"out-data\":\"" + out + "\"}}";
            };
        }
    }

    private static BootTimeline watch(Hypervisor hv, BootWatcher.Signals signals, Duration timeout) {
        return new BootWatcher(hv, System::nanoTime).start(BootRequest.of("vm", System.nanoTime())
                .awaiting(READY, timeout).withSignals(signals));
    }

    @Test
    @DisplayName("the marker on the serial console defines ready when the guest shows it")
    void serialMarker() {
        BootTimeline t = watch(hypervisor(console(List.of("[    0.0] Linux version 6.1", READY)), json -> {
            throw notConnected();
        }), new BootWatcher.Signals(Optional.empty(), true, true), Duration.ofSeconds(20));
        assertEquals(Optional.of(ReadySignal.SERIAL_MARKER), t.readyBy(), t.toString());
        assertTrue(t.has(Phase.KERNEL));
    }

    @Test
    @DisplayName("a ready guest whose forwarded SSH port never answers is ready after a short grace, without the SSH phase")
    void readyWithoutSshBanner() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens (a guest without sshd, or a sandboxed forward)
        }
        BootTimeline t = new BootWatcher(hypervisor(console(List.of("[    0.0] Linux version 6.1", READY)), json -> {
            throw notConnected();
        }), System::nanoTime, Duration.ofMillis(500)).start(BootRequest.of("vm", System.nanoTime())
                .awaiting(READY, Duration.ofMinutes(5)).withSignals(new BootWatcher.Signals(Optional.of(port), true, true)));
        assertEquals(Optional.of(ReadySignal.SERIAL_MARKER), t.readyBy(), t.toString());
        assertFalse(t.has(Phase.SSH), t.toString());
    }

    @Test
    @DisplayName("a silent serial console: ready when cloud-init status --wait returns through the guest agent")
    void guestAgent() {
        BootTimeline t = watch(hypervisor(console(List.of()), agentWithCloudInit()),
                new BootWatcher.Signals(Optional.empty(), true, true), Duration.ofSeconds(30));
        assertEquals(Optional.of(ReadySignal.GUEST_AGENT), t.readyBy(), t.toString());
        assertTrue(t.has(Phase.READY));
    }

    @Test
    @DisplayName("cloud-init before 23.4 says 'error' when an early stage failed, before the final stage ran the runcmd: ready waits for the final stage's result")
    void earlyErrorWaitsForTheFinalStage() {
        CloudInitAgent agent = new CloudInitAgent("error", 2);
        BootTimeline t = watch(hypervisor(console(List.of()), agent.answer()),
                new BootWatcher.Signals(Optional.empty(), true, true), Duration.ofSeconds(30));
        assertEquals(Optional.of(ReadySignal.GUEST_AGENT), t.readyBy(), t.toString());
        assertEquals(3, agent.resultLooks.get(), "ready on the first look that found " + AgentReadiness.RESULT_FILE);
        assertEquals(1, agent.statusRuns.get(), "cloud-init's Python is started once, the later looks are test(1)");
    }

    @Test
    @DisplayName("a final stage that never ends is not ready: the timeout says cloud-init's word and what is missing")
    void finalStageNeverEnds() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> watch(hypervisor(console(List.of()),
                new CloudInitAgent("error", Integer.MAX_VALUE).answer()),
                new BootWatcher.Signals(Optional.empty(), true, true), Duration.ofSeconds(6)));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("cloud-init status: error; its final stage has not ended (no "
                + AgentReadiness.RESULT_FILE + ")"), e.getMessage());
    }

    @Test
    @DisplayName("cloud-init disabled for the boot (it saw no seed): the create fails at once, saying so, instead of calling the guest ready")
    void cloudInitDisabled() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> watch(hypervisor(console(List.of()),
                agentWithCloudInit("disabled")), new BootWatcher.Signals(Optional.empty(), true, true), Duration.ofSeconds(60)));
        assertEquals(ErrorCode.OPERATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("cloud-init says 'disabled'"), e.getMessage());
    }

    @Test
    @DisplayName("firmware chatter on the serial port is not the kernel, and does not hold back the agent")
    void firmwareOutputIsNotLinux() {
        BootTimeline t = watch(hypervisor(console(List.of("BdsDxe: loading Boot0001 \"UEFI Misc Device\"",
                        "\u001B[2J\u001B[01;01H  GNU GRUB  version 2.06")), agentWithCloudInit()),
                new BootWatcher.Signals(Optional.empty(), true, true), Duration.ofSeconds(30));
        assertEquals(Optional.of(ReadySignal.GUEST_AGENT), t.readyBy(), t.toString());
        assertFalse(t.has(Phase.KERNEL), "OVMF and GRUB are not the kernel: " + t);
    }

    @Test
    @DisplayName("no console, no agent: the SSH banner on the forwarded loopback port defines ready")
    void sshBanner() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread sshd = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); OutputStream o = s.getOutputStream()) {
                        o.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            sshd.setDaemon(true);
            sshd.start();
            BootTimeline t = watch(hypervisor(console(List.of()), json -> {
                throw notConnected();
            }), new BootWatcher.Signals(Optional.of(server.getLocalPort()), true, true), Duration.ofSeconds(30));
            assertEquals(Optional.of(ReadySignal.SSH_BANNER), t.readyBy(), t.toString());
            assertTrue(t.has(Phase.SSH));
        }
    }

    @Test
    @DisplayName("a guest that gives no signal times out with a message saying what was tried")
    void nothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        HyperlabException e = assertThrows(HyperlabException.class, () -> watch(hypervisor(console(List.of()), json -> {
            throw notConnected();
        }), new BootWatcher.Signals(Optional.of(port), true, true), Duration.ofSeconds(3)));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("tried the serial console (no Linux output on it), the guest agent (never "
                + "answered guest-ping), an SSH banner on 127.0.0.1:" + port + " (none)"), e.getMessage());
    }

    @Test
    @DisplayName("which signal defined ready survives the trip through the domain's metadata")
    void readyByIsStored() {
        BootTimeline t = BootTimeline.empty().reached(Phase.STARTED, Duration.ofMillis(5))
                .ready(ReadySignal.GUEST_AGENT, Duration.ofMillis(90_000));
        String el = dev.hyperlab.core.vm.libvirt.DomainXmlReader.timelineElement(t);
        String xml = "<domain><metadata><hltl:timeline xmlns:hltl='" + dev.hyperlab.core.vm.HyperlabLabel.TIMELINE_NAMESPACE
                + "'" + el.substring("<timeline".length()).replace("<phase", "<hltl:phase").replace("</timeline>", "</hltl:timeline>")
                + "</metadata></domain>";
        BootTimeline back = dev.hyperlab.core.vm.libvirt.DomainXmlReader.timeline(
                dev.hyperlab.core.vm.libvirt.DomainXmlReader.parse(xml));
        assertEquals(t, back, xml);
    }
}
