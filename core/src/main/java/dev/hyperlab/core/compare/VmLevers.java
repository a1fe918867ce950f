package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.memory.KsmControl;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.model.Subject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the host can switch on to pay less per VM, each measured in one run as its effect on one VM's
 * host cost (QEMU's PSS, read after ready and a settle time):
 * <ul>
 *   <li>the TCG translation cache: a cold VM with hyperlab's 256 MiB against QEMU's default and other sizes;</li>
 *   <li>virtio-balloon free page reporting: a cold VM with it and one without, each read after its guest
 *       dropped its caches (freed memory is what reporting hands back);</li>
 *   <li>instant clones of one template, running together, against a cold VM;</li>
 *   <li>KSM, when the host has it and lets us: the same clones after a merge period; its settings are put
 *       back afterwards (also on Ctrl-C, through {@link KsmControl}).</li>
 * </ul>
 * Cold VMs boot one after another and are removed once read, so they do not steal each other's CPU;
 * every guest is owned by the run's {@link Cleanup}.
 */
public final class VmLevers {
    private static final Duration DROP_TIMEOUT = Duration.ofMinutes(2);
    /** Frees the guest's page cache, dentries and inodes: what free page reporting can then hand back. */
    static final List<String> DROP_CACHES = List.of("/bin/sh", "-c", "sync; echo 3 > /proc/sys/vm/drop_caches");

    private final GuestLab lab;
    private final Cleanup cleanup;
    private final CompareListener listener;
    private final Path ksmDir;
    private final Pause pause;

    public VmLevers(GuestLab lab, Cleanup cleanup, CompareListener listener, Path ksmDir, Pause pause) {
        this.lab = lab;
        this.cleanup = cleanup;
        this.listener = listener;
        this.ksmDir = ksmDir;
        this.pause = pause;
    }

    /** @param tcg whether VMs run under TCG (the tb-cache lever means nothing under KVM) */
    public VmLeverResult measure(VmLeverPlan plan, CompareOptions o, String session, boolean tcg) {
        List<VmLeverResult.Reading> readings = new ArrayList<>();
        List<VmLeverResult.Effect> effects = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        Cold base = cold(VmSettings.HYPERLAB, plan, o, session, readings);
        if (tcg) {
            for (int mib : plan.tbCaches()) {
                Cold other = cold(VmSettings.tbCache(mib), plan, o, session, readings);
                effects.add(mib == VmSettings.QEMU_DEFAULT
                        ? tbEffect("tb-cache 256 MiB (hyperlab's default)", other, base)
                        : tbEffect("tb-cache " + mib + " MiB", base, other));
            }
        } else if (!plan.tbCaches().isEmpty()) {
            notes.add("tb-cache: not measured; VMs here run with hardware acceleration, which has no TCG translation cache.");
        }
        if (plan.freePageReporting()) {
            Cold off = cold(new VmSettings(VmSettings.AS_MADE, false), plan, o, session, readings);
            effects.add(new VmLeverResult.Effect("free page reporting (guest caches dropped)",
                    "reporting off", off.dropped.pss, base.dropped.pss,
                    "RSS " + mib(off.dropped.rss) + " → " + mib(base.dropped.rss) + "; the guest freed "
                            + freed(base) + " with it, " + freed(off) + " without"));
        }
        if (plan.clones() > 0) {
            clones(plan, o, session, base, readings, effects, notes);
        }
        return new VmLeverResult(readings, effects, notes);
    }

    /** One cold VM: booted, read after the settle time, read again after its guest dropped its caches, removed. */
    private Cold cold(VmSettings s, VmLeverPlan plan, CompareOptions o, String session, List<VmLeverResult.Reading> out) {
        String name = "hlc-" + session + "-lv-" + s.nameSuffix();
        listener.step("VM levers: booting a cold VM with " + s.label() + " (" + name + ")");
        LaunchedGuest g = cleanup.launchVm(name, o, s, t -> listener.boot(Subject.VM, 1, t));
        Optional<Duration> ready = g.timeline().at(Phase.READY);
        pause.pause(plan.settle(), cleanup.cancellation());
        Snap settled = Snap.of(lab.memory(g, 1));
        out.add(settled.reading(s.label(), VmLeverResult.Reading.SETTLED, ready));
        listener.step("VM levers: dropping the guest's caches in " + name);
        dev.hyperlab.core.exec.ExecResult r = lab.exec(g).exec(DROP_CACHES, DROP_TIMEOUT);
        if (!r.ok()) {
            throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.OPERATION_FAILED,
                    "dropping the caches of " + name + " failed (exit " + r.exitCode() + "): " + r.stderr().strip(), null);
        }
        pause.pause(plan.settle(), cleanup.cancellation());
        Snap dropped = Snap.of(lab.memory(g, 1));
        out.add(dropped.reading(s.label(), VmLeverResult.Reading.CACHES_DROPPED, Optional.empty()));
        cleanup.remove(g);
        return new Cold(s, settled, dropped, ready);
    }

    private void clones(VmLeverPlan plan, CompareOptions o, String session, Cold base,
                        List<VmLeverResult.Reading> readings, List<VmLeverResult.Effect> effects, List<String> notes) {
        lab.prepare(List.of(Subject.VM_CLONE), o, what -> listener.step("VM levers: " + what));
        List<LaunchedGuest> clones = new ArrayList<>();
        Duration slowest = Duration.ZERO;
        for (int i = 1; i <= plan.clones(); i++) {
            String name = "hlc-" + session + "-lv-clone" + i;
            listener.step("VM levers: instant clone " + i + "/" + plan.clones() + " (" + name + ")");
            LaunchedGuest g = cleanup.launch(Subject.VM_CLONE, name, o, t -> listener.boot(Subject.VM_CLONE, 1, t));
            clones.add(g);
            slowest = max(slowest, g.timeline().at(Phase.READY).orElse(Duration.ZERO));
        }
        pause.pause(plan.settle(), cleanup.cancellation());
        Snap together = sum(clones);
        int n = clones.size();
        VmLeverResult.Reading before = together.reading(VmLeverResult.Reading.CLONE, VmLeverResult.Reading.SETTLED, n, Optional.of(slowest));
        readings.add(before);
        effects.add(new VmLeverResult.Effect("instant clones of one template (" + n + " running)", "a cold VM",
                base.settled.pss, before.pssPerVm(), n + " together: PSS " + mib(together.pss) + ", RSS " + mib(together.rss)
                        + ", shared " + mib(before.sharedBytes()) + "; ready in " + seconds(slowest) + " (slowest) against "
                        + base.ready.map(VmLevers::seconds).orElse("?") + " cold"));
        ksm(plan, clones, before, readings, effects, notes);
        listener.step("VM levers: removing the clones");
        cleanup.removeAll(clones, 1);
    }

    private void ksm(VmLeverPlan plan, List<LaunchedGuest> clones, VmLeverResult.Reading before,
                     List<VmLeverResult.Reading> readings, List<VmLeverResult.Effect> effects, List<String> notes) {
        if (plan.ksmMerge().isZero()) {
            return;
        }
        if (clones.size() < 2) {
            notes.add("KSM: not measured; it merges pages between VMs, and there was one clone.");
            return;
        }
        KsmControl.Availability a = KsmControl.probe(ksmDir);
        if (!a.usable()) {
            notes.add("KSM: not measured; " + a.why() + ".");
            return;
        }
        listener.step("VM levers: KSM merging the clones' pages for " + plan.ksmMerge().toSeconds() + " s");
        Snap merged;
        long sharing;
        String runBefore;
        try (KsmControl ksm = KsmControl.takeOver(ksmDir, VmLeverPlan.KSM_PAGES_TO_SCAN)) {
            runBefore = ksm.runBefore();
            pause.pause(plan.ksmMerge(), cleanup.cancellation());
            merged = sum(clones);
            sharing = ksm.pagesSharing();
        }
        int n = clones.size();
        VmLeverResult.Reading after = merged.reading(VmLeverResult.Reading.CLONE, VmLeverResult.Reading.KSM_MERGED, n, Optional.empty());
        readings.add(after);
        effects.add(new VmLeverResult.Effect("KSM (" + plan.ksmMerge().toSeconds() + " s, pages_to_scan "
                + VmLeverPlan.KSM_PAGES_TO_SCAN + ")", "the same clones before", before.pssPerVm(), after.pssPerVm(),
                n + " together: PSS " + mib(before.pssBytes()) + " → " + mib(merged.pss) + "; pages_sharing "
                        + sharing + " host-wide (" + mib(sharing * 4096) + ")"));
        notes.add("KSM: run was " + runBefore + " before and is " + runBefore + " again; pages_to_scan put back too.");
    }

    private Snap sum(List<LaunchedGuest> gs) {
        Snap s = new Snap(0, 0, OptionalLong.of(0), 0);
        for (LaunchedGuest g : gs) {
            s = s.plus(Snap.of(lab.memory(g, 1)));
        }
        return s;
    }

    private static VmLeverResult.Effect tbEffect(String lever, Cold without, Cold with) {
        return new VmLeverResult.Effect(lever, without.settings.tbCacheLabel(), without.settled.pss,
                with.settled.pss, "RSS " + mib(without.settled.rss) + " → " + mib(with.settled.rss) + "; ready "
                        + without.ready.map(VmLevers::seconds).orElse("?") + " → " + with.ready.map(VmLevers::seconds).orElse("?"));
    }

    private static String freed(Cold c) {
        return c.settled.guestUsed().isPresent() && c.dropped.guestUsed().isPresent()
                ? mib(c.settled.guestUsed().getAsLong() - c.dropped.guestUsed().getAsLong()) : "?";
    }

    private static Duration max(Duration a, Duration b) { return a.compareTo(b) >= 0 ? a : b; }

    static String mib(long bytes) { return bytes < 0 ? "-" + Sizes.human(-bytes) : Sizes.human(bytes); }

    static String seconds(Duration d) { return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0); }

    private record Cold(VmSettings settings, Snap settled, Snap dropped, Optional<Duration> ready) {}

    /** QEMU's figures of one VM, or summed over several; guestUsed of one VM only. */
    private record Snap(long rss, long pss, OptionalLong tcg, long used) {
        OptionalLong guestUsed() { return used < 0 ? OptionalLong.empty() : OptionalLong.of(used); }

        static Snap of(MemoryLedger m) {
            return new Snap(m.qemuRssBytes().orElse(0), m.hostCostBytes().orElse(0), m.qemuTcgCacheBytes(),
                    m.guestUsedBytes().orElse(-1));
        }

        Snap plus(Snap o) {
            OptionalLong t = tcg.isPresent() && o.tcg.isPresent() ? OptionalLong.of(tcg.getAsLong() + o.tcg.getAsLong())
                    : OptionalLong.empty();
            return new Snap(rss + o.rss, pss + o.pss, t, -1);
        }

        VmLeverResult.Reading reading(String setting, String stage, Optional<Duration> ready) {
            return reading(setting, stage, 1, ready);
        }

        VmLeverResult.Reading reading(String setting, String stage, int vms, Optional<Duration> ready) {
            return new VmLeverResult.Reading(setting, stage, vms, rss, pss, tcg, ready);
        }
    }
}
