package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.ReadySignal;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.wait.Wait;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Starts a VM and timestamps its boot phases on the host clock, at the moment the host reads
 * each marker from the serial console.
 *
 * <p>The domain is started paused, the console opened, then the CPUs resumed: so not one line of
 * the kernel's output is missed, however fast it comes.
 */
public final class BootWatcher {
    private final Hypervisor hv;
    private final LongSupplier nanoClock;
    private final Duration sshGrace;

    public BootWatcher(Hypervisor hv, LongSupplier nanoClock) {
        this(hv, nanoClock, SSH_AFTER_READY);
    }

    /** @param sshGrace how long a ready guest's SSH banner is waited for (a test passes a short one) */
    BootWatcher(Hypervisor hv, LongSupplier nanoClock, Duration sshGrace) {
        this.hv = hv;
        this.nanoClock = nanoClock;
        this.sshGrace = sshGrace;
    }

    /**
     * What, beside the serial console, may tell that a guest is ready, in the order hyperlab trusts
     * them (see {@link ReadySignal}): the guest agent, then an SSH banner.
     *
     * @param sshPort      a loopback port forwarded to the guest's port 22
     * @param agent        ask the guest agent: once it answers guest-ping, and the serial console shows
     *                     no Linux (or has been quiet for {@link #CONSOLE_QUIET}), run
     *                     {@code cloud-init status --wait} through it; its end, once the final stage
     *                     has written its result, is READY
     * @param firmwareBoot the guest boots through firmware (its output on the serial port is not the kernel's)
     */
    public record Signals(Optional<Integer> sshPort, boolean agent, boolean firmwareBoot) {}

    /** A console that spoke Linux and then says nothing this long is no longer trusted to show the marker. */
    static final Duration CONSOLE_QUIET = Duration.ofSeconds(60);

    /**
     * Starts {@code r.name()} and, when {@code r.awaitReady()} is set, follows the console until READY or the
     * timeout. Offsets are from {@code r.t0()} (the nano-clock at the user's command start). READY is
     * the first of: the marker on the serial console; the end of {@code cloud-init status --wait}
     * and of cloud-init's final stage through the guest agent; an SSH banner, when the console shows no Linux and the agent does not
     * answer. The timeline says which. With a forwarded SSH port the SSH phase is recorded when the
     * host first reads an SSH banner there.
     *
     * <p>With a console log (the file the serial port is also logged to, when it is on this host) the
     * watch goes on in that file if another client takes the console over mid-boot: libvirt gives a
     * console to one reader at a time, and {@code hyperlab vm console} or {@code virsh console --force}
     * take it. Lines are then stamped when the host reads them there. The same happens when libvirtd
     * restarts mid-boot: the console session goes on over the new connection, but what the guest wrote
     * in the gap is only in the log. The wait also ends, within {@link #POLL}, when the request's
     * cancellation is cancelled: then it throws {@link ErrorCode#CANCELLED} and leaves the domain
     * running (the caller owns it and destroys it).
     */
    public BootTimeline start(BootRequest r) {
        String name = r.name();
        long t0 = r.t0();
        BootTimeline before = r.before();
        String readyLine = r.readyLine();
        Duration timeout = r.timeout();
        Consumer<BootTimeline> onChange = r.onChange();
        Consumer<String> consoleSink = r.consoleSink();
        Signals signals = r.signals();
        Optional<Path> consoleLog = r.consoleLog();
        Cancellation cancel = r.cancel();
        Optional<Integer> sshPort = signals.sshPort();
        if (!r.awaitReady()) {
            hv.start(name, false);
            dev.hyperlab.core.crash.CrashPoints.reached(dev.hyperlab.core.crash.Step.VM_START);
            BootTimeline t = before.reached(Phase.STARTED, since(t0));
            onChange.accept(t);
            return t;
        }
        // What the log holds from earlier boots is not this boot's: follow it only from its current end.
        long logStart = consoleLog.map(BootWatcher::sizeOf).orElse(0L);
        hv.start(name, true);
        dev.hyperlab.core.crash.CrashPoints.reached(dev.hyperlab.core.crash.Step.VM_START);
        AtomicReference<BootTimeline> timeline = new AtomicReference<>(before.reached(Phase.STARTED, since(t0)));
        onChange.accept(timeline.get());
        ConsoleStream console;
        try {
            console = hv.openConsole(name);
        } finally {
            hv.resume(name); // never leave the guest paused, even when the console failed
        }
        ConsoleMarkers markers = new ConsoleMarkers(readyLine, signals.firmwareBoot());
        CountDownLatch ready = new CountDownLatch(1);
        Tried tried = new Tried();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Predicate<String> onLine = line -> {
            if (consoleSink != null) {
                consoleSink.accept(ConsoleMarkers.clean(line));
            }
            Optional<Phase> p = markers.classify(line);
            if (p.isPresent()) {
                long now = nanoClock.getAsLong(); // when the host read the line
                tried.linuxOnConsole = true;
                tried.lastLinuxLine = now;
                BootTimeline t = timeline.get();
                BootTimeline t2 = timeline.updateAndGet(x -> p.get() == Phase.READY
                        ? x.ready(ReadySignal.SERIAL_MARKER, Duration.ofNanos(now - t0))
                        : reach(x, p.get(), Duration.ofNanos(now - t0)));
                if (!t2.equals(t)) {
                    onChange.accept(t2);
                }
            }
            return timeline.get().has(Phase.READY);
        };
        LineReader lines = new LineReader(onLine);
        Thread reader = new Thread(() -> {
            try {
                byte[] buf = new byte[4096];
                int n;
                RuntimeException streamError = null;
                try {
                    while ((n = console.read(buf)) > 0) {
                        if (consoleLog.isPresent() && console.reconnects() > 0) {
                            break; // libvirtd restarted: the stream may have lost lines, the log has them all
                        }
                        if (lines.feed(buf, n)) {
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    streamError = e; // a takeover ends the stream with an I/O failure
                }
                if (consoleLog.isPresent() && isRunning(name) && !over.get()) {
                    // The log holds the lines the stream showed too: skip those, go on with the rest.
                    long seen = lines.count();
                    long[] skipped = {0};
                    java.util.function.Predicate<String> rest = l -> skipped[0]++ >= seen && onLine.test(l);
                    if (followLog(name, consoleLog.get(), logStart, over, rest)) {
                        return;
                    }
                    if (over.get()) {
                        return;
                    }
                }
                if (over.get()) {
                    return; // the watch ended and closed the stream: that is not the guest stopping
                }
                if (streamError != null && isRunning(name)) {
                    throw streamError;
                }
                failure.compareAndSet(null, new HyperlabException(ErrorCode.OPERATION_FAILED, "VM " + name
                        + " stopped before it was ready", "try 'hyperlab vm log " + name + "'"));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e); // the first failure is the cause; later ones follow from it
            } finally {
                ready.countDown();
            }
        }, "console-reader-" + name);
        reader.setDaemon(true);
        reader.start();
        CountDownLatch ssh = new CountDownLatch(sshPort.isPresent() ? 1 : 0);
        Thread sshProbe = null;
        if (sshPort.isPresent()) {
            sshProbe = new Thread(() -> {
                if (SshBanner.await(sshPort.get(), t0 + timeout.toNanos(), nanoClock)) {
                    tried.sshBanner = true;
                    Duration at = Duration.ofNanos(nanoClock.getAsLong() - t0);
                    // The banner comes before cloud-init is done: it says "ready" only for a guest that
                    // offers nothing better (no Linux on the console, no agent).
                    boolean defines = !tried.linuxOnConsole && !tried.agentAnswered;
                    BootTimeline t2 = timeline.updateAndGet(t -> {
                        BootTimeline s2 = defines ? t.ready(ReadySignal.SSH_BANNER, at) : t;
                        return s2.reached(Phase.SSH, at);
                    });
                    onChange.accept(t2);
                    if (defines) {
                        ready.countDown();
                    }
                }
                ssh.countDown();
            }, "ssh-probe-" + name);
            sshProbe.setDaemon(true);
            sshProbe.start();
        }
        Thread agentProbe = null;
        if (signals.agent()) {
            agentProbe = new Thread(() -> {
                try {
                    if (new AgentReadiness(hv, name, nanoClock).await(t0 + timeout.toNanos(), tried, timeline::get, CONSOLE_QUIET)) {
                        Duration at = Duration.ofNanos(nanoClock.getAsLong() - t0);
                        BootTimeline t = timeline.get();
                        BootTimeline t2 = timeline.updateAndGet(x -> x.ready(ReadySignal.GUEST_AGENT, at));
                        if (!t2.equals(t)) {
                            onChange.accept(t2);
                        }
                        ready.countDown();
                    }
                } catch (HyperlabException e) {
                    failure.compareAndSet(null, e); // cloud-init is off: no signal will ever say ready
                    ready.countDown();
                }
            }, "agent-probe-" + name);
            agentProbe.setDaemon(true);
            agentProbe.start();
        }
        try {
            Wait boot = Wait.upTo(timeout, System::nanoTime, cancel, "booting VM " + name);
            boolean isReady = boot.await(ready, POLL); // ready, or failed: then it is thrown below
            if (isReady && timeline.get().has(Phase.READY)) {
                // Ready is the marker's (or the agent's) to say; the SSH banner only adds its phase. A guest
                // without sshd, or a forward the host cannot reach (a sandbox), must not hold a ready guest
                // back until the timeout: it gets a short grace, then the wait ends without the SSH phase.
                Wait.upTo(sshGrace.compareTo(boot.left()) < 0 ? sshGrace : boot.left(), System::nanoTime,
                        cancel, "waiting for the SSH banner of " + name).await(ssh, POLL);
            } else if (!isReady) {
                throw new HyperlabException(ErrorCode.TIMEOUT, "VM " + name + " not ready after "
                        + timeout.toSeconds() + " s (reached: " + timeline.get().latest().map(Phase::label).orElse("none")
                        + "; tried " + tried.describe(readyLine, signals) + "); it keeps running",
                        "try 'hyperlab vm log " + name + "' or a longer --timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for " + name + " interrupted", null, e);
        } finally {
            over.set(true);
            console.close();
            if (sshProbe != null) {
                sshProbe.interrupt();
            }
            if (agentProbe != null) {
                agentProbe.interrupt();
            }
        }
        if (!timeline.get().has(Phase.READY) && failure.get() != null) {
            throw failure.get();
        }
        return timeline.get();
    }

    /**
     * Follows {@code log} from {@code offset} until READY (true), the domain stops or the watch is over
     * (false). The lines the console stream already showed come again; phases keep their first stamp.
     */
    private boolean followLog(String name, Path log, long offset, java.util.concurrent.atomic.AtomicBoolean over,
                              java.util.function.Predicate<String> onLine) {
        LineReader lines = new LineReader(onLine);
        try (java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(log)) {
            ch.position(offset);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8192);
            int idle = 0;
            while (!over.get()) {
                buf.clear();
                int n = ch.read(buf);
                if (n > 0) {
                    idle = 0;
                    if (lines.feed(buf.array(), n)) {
                        return true;
                    }
                    continue;
                }
                if (++idle % 25 == 0 && !isRunning(name)) { // every 5 s: has it stopped?
                    return false;
                }
                Thread.sleep(200);
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean isRunning(String name) {
        try {
            return hv.find(name).map(dev.hyperlab.core.vm.VmInfo::isRunning).orElse(false);
        } catch (HyperlabException e) {
            return false;
        }
    }

    private static long sizeOf(Path p) {
        try {
            return java.nio.file.Files.size(p);
        } catch (java.io.IOException e) {
            return 0; // not there yet: the whole file will be this boot's
        }
    }

    /** Splits bytes into lines and hands each to {@code onLine}, which says whether to stop (READY). */
    static final class LineReader {
        private final java.util.function.Predicate<String> onLine;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long count;

        LineReader(java.util.function.Predicate<String> onLine) { this.onLine = onLine; }

        /** Whole lines handed on so far. */
        long count() { return count; }

        /** @return true when a line said stop */
        boolean feed(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') {
                    line.write(buf[i]);
                    continue;
                }
                String l = line.toString(StandardCharsets.UTF_8);
                line.reset();
                count++;
                if (onLine.test(l)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What each readiness signal showed so far, for the timeout's message; written by the probe threads. */
    static final class Tried {
        volatile boolean linuxOnConsole;
        volatile long lastLinuxLine;
        volatile boolean agentAnswered;
        /** {@code cloud-init status --wait} returned; what is left is its final stage's result file. */
        volatile boolean cloudInitReturned;
        volatile String agentNote = "";
        volatile boolean sshBanner;

        String describe(String readyLine, Signals s) {
            String console = "the serial console (" + (linuxOnConsole ? "Linux wrote to it, but no readiness marker"
                    : "no Linux output on it") + ")";
            String agent = s.agent() ? "the guest agent (" + (agentAnswered ? "answered; " + agentNote
                    : "never answered guest-ping") + ")" : "not the guest agent (the image has none)";
            String ssh = s.sshPort().map(p -> "an SSH banner on 127.0.0.1:" + p + (sshBanner ? " (seen)" : " (none)"))
                    .orElse("no SSH banner (no forwarded port)");
            return console + ", " + agent + ", " + ssh;
        }
    }

    /** How often a wait looks at its cancellation token. */
    static final Duration POLL = Duration.ofMillis(100);
    /** How long a ready guest's SSH banner is waited for, for the timeline's SSH phase. */
    static final Duration SSH_AFTER_READY = Duration.ofSeconds(20);

    /** Only phases actually seen are recorded: a quiet kernel leaves KERNEL out rather than guessed. */
    static BootTimeline reach(BootTimeline t, Phase p, Duration at) { return t.reached(p, at); }

    private Duration since(long t0) { return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - t0)); }
}
