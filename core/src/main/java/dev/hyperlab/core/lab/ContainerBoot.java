package dev.hyperlab.core.lab;

import dev.hyperlab.cloudinit.model.ReadinessMarker;
import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.wait.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A container's start, timed: the engine's start, then its log followed (and, for a system
 * container, the readiness files looked at) until READY, a timeout that says what systemd still
 * waits for, or an exit before ready.
 */
final class ContainerBoot {
    private final ContainerEngine engine;
    private final LongSupplier clock;
    private final ContainerTimelines timelines;

    ContainerBoot(ContainerEngine engine, LongSupplier clock, ContainerTimelines timelines) {
        this.engine = engine;
        this.clock = clock;
        this.timelines = timelines;
    }

    /**
     * Starts the container {@code d} (named {@code name}), adding STARTED to the timeline {@code sofar},
     * measured from {@code t0}; with {@code waitReady}, follows its log until READY (a system
     * container's readiness line, or an app container's command done), reporting each phase reached
     * to {@code phases}. The timeline is recorded either way.
     */
    BootTimeline start(String name, ContainerDetails d, long t0, BootTimeline sofar, boolean waitReady, Duration timeout,
                       Consumer<BootTimeline> phases, Cancellation cancel) {
        boolean system = "system".equals(d.labels().get(ContainerLabels.KIND));
        String readyLine = system ? "hyperlab-ready " + d.labels().get(ContainerLabels.INSTANCE_ID) : null;
        ContainerLogWatcher watcher = new ContainerLogWatcher(clock, readyLine);
        // Lines of earlier runs (and their readiness line) must not count for this start. The API's
        // "since" and Podman's log stamps have whole seconds only, and a stop and start fit in one
        // second: count the lines the stopped container has logged and skip that many instead.
        int earlierLines = countLogLines(d.id());
        engine.start(d.id());
        CrashPoints.reached(Step.CT_START);
        long started = clock.getAsLong();
        BootTimeline tl = sofar.reached(Phase.STARTED, Duration.ofNanos(started - t0));
        phases.accept(tl);
        if (!waitReady) {
            timelines.save(name, tl);
            return tl;
        }
        Long init = null;
        if (!system) {
            // The command runs once the engine reports its process (or its exit).
            ContainerDetails now = engine.inspect(d.id()).orElseThrow(() -> gone(name));
            if (now.pid() > 0 || now.exitCode().isPresent()) {
                init = clock.getAsLong();
            }
        }
        try (LogStream logs = engine.logs(d.id(), true, skipFirst(earlierLines, watcher::line))) {
            Wait ready = Wait.upTo(timeout, System::nanoTime, cancel, "starting container " + name);
            long lastFileCheck = System.nanoTime();
            BootTimeline reported = tl;
            while (!watcher.awaitReady(200)) {
                ready.check();
                BootTimeline sofarSeen = withSeen(tl, watcher.seen(), init, started, t0);
                if (!sofarSeen.equals(reported)) {
                    reported = sofarSeen;
                    phases.accept(sofarSeen);
                }
                if (ready.expired()) {
                    throw new HyperlabException(ErrorCode.TIMEOUT, "starting container " + name + " failed: not ready after "
                            + timeout.toSeconds() + " s; last output: " + watcher.tail()
                            + (system ? "; still waiting: " + pendingJobs(d.id()) : ""),
                            "try `hyperlab ct logs " + name + "`");
                }
                ContainerDetails now = engine.inspect(d.id()).orElseThrow(() -> gone(name));
                if (now.state() != GuestState.RUNNING) {
                    if (!system && now.exitCode().isPresent()) {
                        // A command that printed nothing: it has run to completion.
                        watcher.awaitReady(500);
                        watcher.ready(clock.getAsLong());
                        break;
                    }
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, "starting container " + name + " failed: it "
                            + now.status() + now.exitCode().map(c -> " with code " + c).orElse("")
                            + " before it was ready; last output: " + watcher.tail(), "try `hyperlab ct logs " + name + "`");
                }
                if (system && System.nanoTime() - lastFileCheck > 2_000_000_000L) {
                    // The console may be lost, and on a restart runcmd (per instance) does not run again:
                    // then the marker file left in /run is gone too, and cloud-init's own result file
                    // (written when its final stage ends, on every boot) says it is done.
                    lastFileCheck = System.nanoTime();
                    String out = engine.exec(d.id(), List.of("sh", "-c", "cat " + ReadinessMarker.FILE
                            + " 2>/dev/null; test -f /run/cloud-init/result.json && echo cloud-init-done"),
                            Duration.ofSeconds(10)).stdout();
                    if (out.contains(readyLine) || out.contains("cloud-init-done")) {
                        watcher.ready(clock.getAsLong());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for " + name + " failed: interrupted", null, e);
        }
        tl = withSeen(tl, watcher.seen(), init, started, t0);
        phases.accept(tl);
        timelines.save(name, tl);
        return tl;
    }

    /** The timeline with the phases the log watcher saw (never before the start: the engine's clock may lag). */
    private static BootTimeline withSeen(BootTimeline tl, Map<Phase, Long> seen, Long init, long started, long t0) {
        if (init != null) {
            seen.put(Phase.INIT, init);
        }
        for (Map.Entry<Phase, Long> e : seen.entrySet()) {
            tl = tl.reached(e.getKey(), Duration.ofNanos(Math.max(e.getValue(), started) - t0));
        }
        return tl;
    }

    private int countLogLines(String id) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        engine.logs(id, false, line -> n.incrementAndGet()).close();
        return n.get();
    }

    /** Passes lines on after dropping the first {@code n}; logs are append-only, so those are the old ones. */
    static Consumer<String> skipFirst(int n, Consumer<String> sink) {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(n);
        return line -> {
            if (left.get() <= 0 || left.getAndDecrement() <= 0) {
                sink.accept(line);
            }
        };
    }

    /** What systemd is still working on, so that a boot that hangs says where. */
    private String pendingJobs(String id) {
        try {
            return engine.exec(id, List.of("sh", "-c", "systemctl list-jobs --no-pager --no-legend 2>&1 | head -8; "
                    + "cloud-init status --long 2>&1 | head -4"), Duration.ofSeconds(10)).stdout().strip().replace("\n", " | ");
        } catch (HyperlabException e) {
            return "(could not ask: " + e.getMessage() + ")";
        }
    }

    private static HyperlabException gone(String name) {
        return new HyperlabException(ErrorCode.OPERATION_FAILED, "container " + name + " vanished while starting", null);
    }
}
