package dev.hyperlab.core.compare;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link VmLevers} measured: every VM reading, each lever as its effect on one VM's host cost, and
 * notes (a lever that could not run, and why).
 *
 * @param readings every reading, in the order taken
 * @param effects  one per lever that ran
 * @param notes    why a lever did not run, and what the figures leave out
 */
public record VmLeverResult(List<Reading> readings, List<Effect> effects, List<String> notes) {
    public VmLeverResult {
        readings = List.copyOf(readings);
        effects = List.copyOf(effects);
        notes = List.copyOf(notes);
    }

    /**
     * One VM (or the mean of several clones) read from the host.
     *
     * @param setting   what it ran with ("hyperlab default", "tb-cache QEMU default", "instant clone", ...)
     * @param stage     when it was read: {@link #SETTLED}, {@link #CACHES_DROPPED}, {@link #KSM_MERGED}
     * @param vms       how many VMs the figures are the sum of (1 for a cold VM)
     * @param rssBytes  QEMU's resident set, summed over {@code vms}
     * @param pssBytes  QEMU's proportional set (the host cost), summed over {@code vms}
     * @param tcgCacheBytes resident part of the TCG translation cache, summed; empty when unknown
     * @param ready     time to ready (the slowest of several); empty when not timed
     */
    public record Reading(String setting, String stage, int vms, long rssBytes, long pssBytes, OptionalLong tcgCacheBytes,
                          Optional<Duration> ready) {
        public static final String SETTLED = "settled";
        public static final String CACHES_DROPPED = "after drop_caches";
        public static final String KSM_MERGED = "after KSM";
        /** The setting of the clones' readings. */
        public static final String CLONE = "instant clone";

        /** The host cost of one of them. */
        public long pssPerVm() { return pssBytes / Math.max(1, vms); }

        /** What the processes share with others (RSS minus PSS), summed. */
        public long sharedBytes() { return Math.max(0, rssBytes - pssBytes); }
    }

    /**
     * One lever: the host cost of one VM without it and with it.
     *
     * @param lever   what is switched on ("tb-cache 256 MiB (hyperlab's default)", "KSM", ...)
     * @param without what it is measured against
     * @param withoutBytes per-VM host cost (QEMU PSS) without the lever
     * @param withBytes    per-VM host cost with it
     * @param detail  the other figures behind it (RSS, ready time, what was shared), one line
     */
    public record Effect(String lever, String without, long withoutBytes, long withBytes, String detail) {
        /** Negative when the lever saves memory. */
        public long deltaBytes() { return withBytes - withoutBytes; }

        /** The change in percent of the cost without; NaN when that is 0. */
        public double deltaPercent() { return withoutBytes == 0 ? Double.NaN : 100.0 * deltaBytes() / withoutBytes; }
    }
}
