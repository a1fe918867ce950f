package dev.hyperlab.tui.view;

import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.LaunchedGuest;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link GuestLab} test double that boots guests through a script of timelines, one phase each
 * time the test calls {@link #advance}, with the figures of a recorded run on the 2-core TCG host
 * (VM ready at ~105 s, system container at ~3 s). Removing a guest that is still booting makes its
 * launch fail, as a destroyed domain does. Records what exists and what was removed.
 */
final class ScriptedLab implements GuestLab {
    static final Map<Subject, long[]> RECORDED = Map.of(
            Subject.VM, new long[] {120, 900, 4_100, 38_000, 104_500},
            Subject.VM_CLONE, new long[] {160, 700, 1_900, 2_000},
            Subject.SYSTEM_CONTAINER, new long[] {200, 480, 1_100, 2_900});
    private static final Object REMOVED = new Object();

    final Set<String> existing = ConcurrentHashMap.newKeySet();
    final List<String> removed = new CopyOnWriteArrayList<>();
    private final Map<Subject, BlockingQueue<Object>> steps = new EnumMap<>(Subject.class);
    private final Map<String, Subject> kinds = new ConcurrentHashMap<>();

    ScriptedLab() {
        for (Subject s : Subject.guests()) {
            steps.put(s, new LinkedBlockingQueue<>());
        }
    }

    /** Lets a guest of {@code kind} reach its next {@code n} phases. */
    void advance(Subject kind, int n) {
        for (int i = 0; i < n; i++) {
            steps.get(kind).add(Boolean.TRUE);
        }
    }

    @Override
    public LaunchedGuest launch(Subject kind, String name, CompareOptions options, Consumer<BootTimeline> progress,
                                Cancellation cancel) {
        existing.add(name);
        kinds.put(name, kind);
        BootTimeline t = BootTimeline.empty();
        List<Phase> phases = kind.phases();
        long[] at = RECORDED.get(kind);
        for (int i = 0; i < phases.size(); i++) {
            Object step = null;
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (step == null && System.nanoTime() < end) {
                    if (cancel.isCancelled()) {
                        existing.remove(name); // a cancelled launch undoes what it made
                        throw cancel.cancelled("booting " + name);
                    }
                    step = steps.get(kind).poll(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                step = null;
            }
            if (step == null || step == REMOVED || !existing.contains(name)) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, kind.title() + " " + name
                        + " stopped before it was ready", null);
            }
            t = t.reached(phases.get(i), Duration.ofMillis(at[i]));
            progress.accept(t);
        }
        return new LaunchedGuest(kind, name, t);
    }

    @Override
    public GuestExec exec(LaunchedGuest guest) {
        return recordedExec(guest.kind());
    }

    @Override
    public MemoryLedger memory(LaunchedGuest g, int run) {
        long mb = 1L << 20;
        return g.kind().isVm() ? MemoryLedger.vm(run, 612 * mb, 587 * mb, 174 * mb, 985 * mb).as(g.kind())
                : MemoryLedger.hostViewContainer(g.kind(), run, 46 * mb, 33 * mb, java.util.OptionalLong.of(mb / 2));
    }

    @Override
    public DiskUsage disk(LaunchedGuest g) {
        return g.kind().isVm() ? new DiskUsage(g.kind(), 1_213_202_432L, 64_356_352L, "qcow2 base", "qcow2 overlay")
                : new DiskUsage(g.kind(), 304_087_040L, 12_582_912L, "OCI image", "writable layer");
    }

    @Override
    public void remove(LaunchedGuest g) {
        removed.add(g.name());
        if (existing.remove(g.name())) {
            steps.get(kinds.get(g.name())).add(REMOVED);
        }
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("libvirt", "9.0.0", "qemu", "7.2.0", "engine", "podman 4.3.1 (runc)");
    }

    /** Probe and benchmark output as this host's tools printed it (abridged to the lines that are read). */
    static GuestExec recordedExec(Subject where) {
        boolean vm = where == Subject.VM;
        boolean host = where == Subject.HOST;
        return (argv, timeout) -> {
            String out;
            if (argv.get(0).equals("/bin/sh")) {
                out = "probe_version=1\nkernel=" + (vm ? "6.1.0-27-cloud-amd64" : "6.18.44-fc-v669") + "\nboot_id="
                        + (vm ? "0f1e2d3c" : "bd15440f") + "\npid1=" + (host ? "process_api" : "systemd") + "\nprocesses="
                        + (host ? 110 : vm ? 78 : 9) + "\npid_ns=pid:[" + (host || vm ? "4026531836" : "4026532253")
                        + "]\nnet_ns=net:[" + (host ? "4026531833" : "4026532254") + "]\nuid=0\ncap_eff="
                        + (host ? "000001fffeffffff" : vm ? "000001ffffffffff" : "00000000800405fb") + "\nseccomp="
                        + (host || vm ? 0 : 2) + "\nmodules_disabled=" + (vm ? "0" : "absent") + "\nproc_sys_writable="
                        + (host || vm ? "yes" : "no") + "\nnet_ifaces=lo\nprobe_done=1\n";
            } else if (argv.get(0).equals("sysbench") && argv.get(1).equals("cpu")) {
                out = "CPU speed:\n    events per second:  " + (vm ? "96.40" : host ? "1723.61" : "1701.20") + "\n";
            } else if (argv.get(0).equals("sysbench")) {
                out = "102400.00 MiB transferred (" + (vm ? "310.50" : host ? "3889.30" : "3850.00") + " MiB/sec)\n";
            } else {
                out = "{\"jobs\":[{\"error\":0,\"read\":{\"iops\":" + (vm ? 2101.7 : host ? 15308.1 : 14100.4)
                        + "},\"write\":{\"bw_bytes\":" + (vm ? 93_218_406 : host ? 430_128_742 : 421_211_750) + "}}]}";
            }
            return new ExecResult(0, out, "", Duration.ofMillis(5));
        };
    }
}
