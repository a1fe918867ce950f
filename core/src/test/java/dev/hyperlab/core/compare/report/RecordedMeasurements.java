package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.BootTrial;
import dev.hyperlab.core.compare.DensityCheckpoint;
import dev.hyperlab.core.compare.DensityResult;
import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.VmLeverResult;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.compare.bench.ClockCheck;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hand-built measurement set shaped like a real 3-run compare on the 2-core TCG build host: VM
 * figures in the range HOST.md measured (~100 s to ready), container probes copied from real probe
 * output on this host.
 */
final class RecordedMeasurements {
    private RecordedMeasurements() {}

    static final String HOST_PROBE = """
            probe_version=1
            kernel=6.18.44-fc-v669
            boot_id=bd15440f-dca6-4d29-8558-b689dbf3f671
            pid1=process_api
            processes=110
            pid_ns=pid:[4026531836]
            net_ns=net:[4026531833]
            uid=0
            cap_eff=000001fffeffffff
            seccomp=0
            modules_disabled=absent
            proc_sys_writable=yes
            net_ifaces=lo,eth0
            probe_done=1
            """;
    static final String CT_PROBE = """
            probe_version=1
            kernel=6.18.44-fc-v669
            boot_id=bd15440f-dca6-4d29-8558-b689dbf3f671
            pid1=%s
            processes=%d
            pid_ns=pid:[4026532253]
            net_ns=net:[4026532254]
            uid=0
            cap_eff=00000000800405fb
            seccomp=2
            modules_disabled=absent
            proc_sys_writable=no
            net_ifaces=lo
            probe_done=1
            """;
    static final String VM_PROBE = """
            probe_version=1
            kernel=6.1.0-27-cloud-amd64
            boot_id=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
            pid1=systemd
            processes=78
            pid_ns=pid:[4026531836]
            net_ns=net:[4026531840]
            uid=0
            cap_eff=000001ffffffffff
            seccomp=0
            modules_disabled=0
            proc_sys_writable=yes
            net_ifaces=lo
            probe_done=1
            """;

    static MeasurementSet set() {
        ReportMeta meta = new ReportMeta(Instant.parse("2026-11-22T01:30:00Z"), Accelerator.TCG,
                "/dev/kvm is present but the CPU advertises neither vmx nor svm",
                "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 2, 24L << 30, "6.18.44-fc-v669",
                Map.of("libvirt", "9.0.0", "qemu", "7.2.0", "engine", "podman 4.3.1"), 3, "debian-12", 1, 1L << 30, 0.42, 0.61);
        List<BootTrial> boots = new ArrayList<>();
        long[][] vm = {{120, 900, 4_100, 38_000, 104_500}, {115, 870, 4_000, 37_200, 98_700}, {130, 950, 4_300, 40_100, 112_900}};
        long[][] sys = {{210, 480, 1_100, 2_900}, {190, 450, 1_000, 2_700}, {240, 520, 1_250, 3_400}};
        long[][] app = {{180, 390, 420}, {170, 360, 400}, {200, 410, 460}};
        for (int r = 0; r < 3; r++) {
            boots.add(new BootTrial(Subject.VM, r + 1, timeline(Subject.VM, vm[r])));
            boots.add(new BootTrial(Subject.SYSTEM_CONTAINER, r + 1, timeline(Subject.SYSTEM_CONTAINER, sys[r])));
            boots.add(new BootTrial(Subject.APP_CONTAINER, r + 1, timeline(Subject.APP_CONTAINER, app[r])));
        }
        long mb = 1L << 20;
        List<MemoryLedger> mem = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            mem.add(MemoryLedger.vm(r, (610 + r) * mb, (585 + r) * mb, java.util.OptionalLong.of((240 + r) * mb),
                    java.util.OptionalLong.of(300 * mb), (172 + r) * mb, 985 * mb));
            mem.add(MemoryLedger.hostViewContainer(Subject.SYSTEM_CONTAINER, r, (44 + r) * mb, (31 + r) * mb, java.util.OptionalLong.of(mb / 2)));
            mem.add(MemoryLedger.hostViewContainer(Subject.APP_CONTAINER, r, (2 * mb) + r * 100_000, mb, java.util.OptionalLong.of(mb / 2)));
        }
        List<DiskUsage> disk = List.of(
                new DiskUsage(Subject.VM, 1_213_202_432L, 64_356_352L, "qcow2 base", "qcow2 overlay"),
                new DiskUsage(Subject.SYSTEM_CONTAINER, 304_087_040L, 12_582_912L, "OCI image", "writable layer"),
                new DiskUsage(Subject.APP_CONTAINER, 304_087_040L, 4_096L, "OCI image", "writable layer"));
        List<BenchResult> bench = new ArrayList<>();
        double[][] v = { // cpu, memory, randread, seqwrite
                {1723.6, 3889.3, 15308.1, 410.2}, // host
                {96.4, 310.5, 2101.7, 88.9},      // vm (TCG)
                {1701.2, 3850.0, 14100.4, 401.7}, // system-ct
                {1710.9, 3861.8, 14350.0, 398.3}, // app-ct
        };
        Subject[] subjects = {Subject.HOST, Subject.VM, Subject.SYSTEM_CONTAINER, Subject.APP_CONTAINER};
        for (int s = 0; s < subjects.length; s++) {
            for (int r = 1; r <= 3; r++) {
                for (Benchmark b : Benchmark.values()) {
                    double jitter = 1 + (r - 2) * 0.01;
                    bench.add(new BenchResult(subjects[s], b, r, v[s][b.ordinal()] * jitter, ""));
                }
            }
        }
        List<IsolationReport> iso = List.of(
                IsolationReport.parse(Subject.HOST, HOST_PROBE),
                IsolationReport.parse(Subject.VM, VM_PROBE),
                IsolationReport.parse(Subject.SYSTEM_CONTAINER, CT_PROBE.formatted("systemd", 9)),
                IsolationReport.parse(Subject.APP_CONTAINER, CT_PROBE.formatted("sh", 1)));
        List<DensityResult> density = List.of(
                new DensityResult(Subject.VM, 4L << 30, 4, List.of(
                        new DensityCheckpoint(1, 958L * mb, 990L * mb, Duration.ofSeconds(95)),
                        new DensityCheckpoint(4, 3_600L * mb, 3_700L * mb, Duration.ofSeconds(390))),
                        DensityResult.Stop.BUDGET, "budget of 4 GiB reached", Duration.ofSeconds(400), Duration.ofSeconds(12)),
                new DensityResult(Subject.APP_CONTAINER, 4L << 30, 200, List.of(
                        new DensityCheckpoint(1, 3L * mb, 5L * mb, Duration.ofMillis(700)),
                        new DensityCheckpoint(10, 25L * mb, 30L * mb, Duration.ofSeconds(7)),
                        new DensityCheckpoint(100, 230L * mb, 260L * mb, Duration.ofSeconds(70)),
                        new DensityCheckpoint(200, 420L * mb, 480L * mb, Duration.ofSeconds(141))),
                        DensityResult.Stop.CAP, "instance cap of 200 reached", Duration.ofSeconds(142), Duration.ofSeconds(20)));
        List<ClockCheck> clocks = List.of(new ClockCheck(Subject.VM, 1, 61.02, 60.87, 0.009, false),
                new ClockCheck(Subject.VM, 2, 60.95, 60.91, 0.008, false), new ClockCheck(Subject.VM, 3, 61.10, 60.99, 0.010, false));
        return new MeasurementSet(meta, boots, mem, disk, bench, iso, density, clocks, java.util.Optional.of(levers()));
    }

    /** The VM levers of one run, shaped as scripts/bench/vm-density.sh measured them on this host. */
    static VmLeverResult levers() {
        long mb = 1L << 20;
        java.util.Optional<Duration> none = java.util.Optional.empty();
        List<VmLeverResult.Reading> readings = List.of(
                new VmLeverResult.Reading("hyperlab default", VmLeverResult.Reading.SETTLED, 1, 605 * mb, 601 * mb,
                        java.util.OptionalLong.of(250 * mb), java.util.Optional.of(Duration.ofMillis(18_600))),
                new VmLeverResult.Reading("hyperlab default", VmLeverResult.Reading.CACHES_DROPPED, 1, 560 * mb, 556 * mb,
                        java.util.OptionalLong.of(250 * mb), none),
                new VmLeverResult.Reading("tb-cache QEMU default", VmLeverResult.Reading.SETTLED, 1, 982 * mb, 978 * mb,
                        java.util.OptionalLong.of(546 * mb), java.util.Optional.of(Duration.ofMillis(19_100))),
                new VmLeverResult.Reading("free page reporting off", VmLeverResult.Reading.CACHES_DROPPED, 1, 607 * mb,
                        603 * mb, java.util.OptionalLong.of(251 * mb), none),
                new VmLeverResult.Reading("instant clone", VmLeverResult.Reading.SETTLED, 3, 1_077 * mb, 1_049 * mb,
                        java.util.OptionalLong.empty(), java.util.Optional.of(Duration.ofMillis(3_500))),
                new VmLeverResult.Reading("instant clone", VmLeverResult.Reading.KSM_MERGED, 3, 1_077 * mb, 547 * mb,
                        java.util.OptionalLong.empty(), none));
        List<VmLeverResult.Effect> effects = List.of(
                new VmLeverResult.Effect("tb-cache 256 MiB (hyperlab's default)", "QEMU's default (1 GiB)", 978 * mb, 601 * mb,
                        "RSS 982 MiB → 605 MiB; ready 19.1 s → 18.6 s"),
                new VmLeverResult.Effect("free page reporting (guest caches dropped)", "reporting off",
                        603 * mb, 556 * mb, "RSS 607 MiB → 560 MiB; the guest freed 48 MiB with it, 47 MiB without"),
                new VmLeverResult.Effect("instant clones of one template (3 running)", "a cold VM", 601 * mb, 349 * mb,
                        "3 together: PSS 1 GiB, RSS 1.1 GiB, shared 28 MiB; ready in 3.5 s (slowest) against 18.6 s cold"),
                new VmLeverResult.Effect("KSM (60 s, pages_to_scan 1000)", "the same clones before", 349 * mb, 182 * mb,
                        "3 together: PSS 1 GiB → 547 MiB; pages_sharing 109332 host-wide (427 MiB)"));
        return new VmLeverResult(readings, effects,
                List.of("KSM: run was 0 before and is 0 again; pages_to_scan put back too."));
    }

    private static BootTimeline timeline(Subject s, long[] millis) {
        BootTimeline t = BootTimeline.empty();
        List<Phase> phases = s.phases();
        for (int i = 0; i < millis.length; i++) {
            t = t.reached(phases.get(i), Duration.ofMillis(millis[i]));
        }
        return t;
    }
}
