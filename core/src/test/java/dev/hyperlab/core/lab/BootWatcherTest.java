package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VmInfo;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot watch when somebody else takes the VM's console mid-boot ({@code vm console}, {@code virsh
 * console --force}): libvirt ends hyperlab's stream, the guest boots on, and the watch follows the
 * serial log file instead of calling the boot failed (which made {@code vm create} remove the VM).
 */
class BootWatcherTest {
    private static final String READY = "hyperlab-ready iid-1";

    /** A hypervisor whose console shows {@code consoleLines} and then ends; running while {@code running}. */
    private static Hypervisor hypervisor(List<String> consoleLines, AtomicBoolean running, Runnable onStart) {
        return hypervisor(consoleLines, running, onStart, false);
    }

    /** With {@code failAtEnd}, the stream ends as libvirt's does on a takeover: with an I/O failure. */
    private static Hypervisor hypervisor(List<String> consoleLines, AtomicBoolean running, Runnable onStart,
                                         boolean failAtEnd) {
        byte[] bytes = String.join("\n", consoleLines).concat("\n").getBytes(StandardCharsets.UTF_8);
        ConsoleStream console = new ConsoleStream() {
            private int pos;

            @Override public int read(byte[] buf) {
                if (pos >= bytes.length) {
                    if (failAtEnd) {
                        throw new HyperlabException(dev.hyperlab.core.error.ErrorCode.OPERATION_FAILED,
                                "reading the console failed: stream had I/O failure", null);
                    }
                    return -1; // taken over by another client
                }
                int n = Math.min(buf.length, bytes.length - pos);
                System.arraycopy(bytes, pos, buf, 0, n);
                pos += n;
                return n;
            }

            @Override public void write(byte[] data, int len) { }

            @Override public void close() { }
        };
        return (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] {Hypervisor.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "openConsole" -> console;
                    case "find" -> Optional.of(new VmInfo("vm", "u", running.get() ? GuestState.RUNNING : GuestState.STOPPED,
                            1, 1L << 30, 0, Optional.empty(), BootTimeline.empty()));
                    case "start" -> {
                        onStart.run();
                        yield null;
                    }
                    case "resume" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test void aConsoleTakenOverMidBootIsFollowedInTheLogFileAndEveryLineIsShownOnce(@TempDir Path dir) throws Exception {
        takenOver(dir, false);
    }

    @Test void aTakeoverThatEndsTheStreamWithAnIoFailureIsFollowedToo(@TempDir Path dir) throws Exception {
        takenOver(dir, true);
    }

    private void takenOver(Path dir, boolean failAtEnd) throws Exception {
        Path log = dir.resolve("vm-console.log");
        Files.writeString(log, "an earlier boot\n" + READY + "\n"); // must not count for this boot
        List<String> console = List.of("[    0.0] Linux version 6.1", "[    5.0] systemd[1]: Started foo");
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        Thread guest = new Thread(() -> { // the guest's serial output, from the moment it is started
            try {
                // The serial log gets what the console showed, then the rest of the boot.
                Files.writeString(log, String.join("\n", console) + "\n", StandardOpenOption.APPEND);
                Thread.sleep(300);
                Files.writeString(log, "[   50.0] cloud-init[9]: runcmd\n" + READY + "\n", StandardOpenOption.APPEND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Hypervisor hv = hypervisor(console, new AtomicBoolean(true), guest::start, failAtEnd);
        BootTimeline t = new BootWatcher(hv, System::nanoTime).start(BootRequest.of("vm", System.nanoTime())
                .awaiting(READY, Duration.ofSeconds(20)).echoing(shown::add).withConsoleLog(Optional.of(log)));
        guest.join();
        assertTrue(t.has(Phase.KERNEL) && t.has(Phase.INIT) && t.has(Phase.READY), t.toString());
        assertEquals(List.of("[    0.0] Linux version 6.1", "[    5.0] systemd[1]: Started foo", "[   50.0] cloud-init[9]: runcmd",
                READY), shown);
    }

    @Test void aConsoleThatEndsBecauseTheGuestStoppedIsAFailure(@TempDir Path dir) {
        Hypervisor hv = hypervisor(List.of("[    0.0] Linux version 6.1", "Kernel panic"), new AtomicBoolean(false), () -> { });
        HyperlabException e = assertThrows(HyperlabException.class, () -> new BootWatcher(hv, System::nanoTime).start(
                BootRequest.of("vm", System.nanoTime()).awaiting(READY, Duration.ofSeconds(20))
                        .withConsoleLog(Optional.of(dir.resolve("vm-console.log")))));
        assertTrue(e.getMessage().contains("stopped before it was ready"), e.getMessage());
    }

    @Test void aConsoleCarriedOverALibvirtdRestartFinishesFromTheLogWithNothingLost(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("vm-console.log");
        // Before the restart the stream shows the kernel; in the gap the guest wrote runcmd and READY,
        // which only virtlogd's log has; after it the new stream goes on with later output.
        byte[] before = "[    0.0] Linux version 6.1\n".getBytes(StandardCharsets.UTF_8);
        byte[] after = "[   60.0] something later\n".getBytes(StandardCharsets.UTF_8);
        ConsoleStream console = new ConsoleStream() {
            private int reads;

            @Override public int read(byte[] buf) {
                byte[] b = reads++ == 0 ? before : after;
                System.arraycopy(b, 0, buf, 0, b.length);
                return b.length;
            }

            @Override public int reconnects() { return reads > 1 ? 1 : 0; }

            @Override public void write(byte[] data, int len) { }

            @Override public void close() { }
        };
        Runnable guest = () -> {
            try {
                Files.writeString(log, "[    0.0] Linux version 6.1\n[   50.0] cloud-init[9]: runcmd\n" + READY + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        Hypervisor hv = (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] {Hypervisor.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "openConsole" -> console;
                    case "find" -> Optional.of(new VmInfo("vm", "u", GuestState.RUNNING, 1, 1L << 30, 0, Optional.empty(),
                            BootTimeline.empty()));
                    case "start" -> {
                        guest.run();
                        yield null;
                    }
                    case "resume" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        BootTimeline t = new BootWatcher(hv, System::nanoTime).start(BootRequest.of("vm", System.nanoTime())
                .awaiting(READY, Duration.ofSeconds(20)).echoing(shown::add).withConsoleLog(Optional.of(log)));
        assertTrue(t.has(Phase.READY), t.toString());
        assertEquals(List.of("[    0.0] Linux version 6.1", "[   50.0] cloud-init[9]: runcmd", READY), shown);
    }
}
