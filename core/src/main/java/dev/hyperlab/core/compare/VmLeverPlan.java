package dev.hyperlab.core.compare;

import dev.hyperlab.core.error.HyperlabException;
import java.time.Duration;
import java.util.List;

/**
 * What {@code hyperlab compare --vm-levers} measures, validated before anything is made.
 *
 * @param tbCaches          tb-cache settings to boot a cold VM with besides hyperlab's default, in MiB
 *                          ({@link VmSettings#QEMU_DEFAULT} = QEMU's own); empty = no tb-cache lever
 * @param freePageReporting whether to boot a cold VM with free page reporting off to compare with
 * @param clones            instant clones of one template kept running together; 0 = no clone and no KSM lever
 * @param settle            how long a VM is left idle after ready (and after it freed its caches) before it is read
 * @param ksmMerge          how long KSM merges the clones' pages before they are read again; zero = no KSM lever
 */
public record VmLeverPlan(List<Integer> tbCaches, boolean freePageReporting, int clones, Duration settle,
                          Duration ksmMerge) {
    /** KSM's pages_to_scan while the lever runs: 1000 pages per 20 ms merges a few GiB a minute. */
    public static final int KSM_PAGES_TO_SCAN = 1000;

    /** What `--vm-levers` measures without further options: every lever, 3 clones, a minute of KSM. */
    public static final VmLeverPlan FULL = new VmLeverPlan(List.of(0, 64), true, 3, Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    public VmLeverPlan {
        tbCaches = List.copyOf(tbCaches);
        for (int mib : tbCaches) {
            if (mib < 0 || mib > 4096) {
                throw HyperlabException.badInput("compare failed: --tb-cache must be 0 (QEMU's default) or 1..4096 MiB, got "
                        + mib, "try --tb-cache 0,64");
            }
        }
        if (clones < 0 || clones > 16) {
            throw HyperlabException.badInput("compare failed: --clones must be 0..16, got " + clones, "try --clones 3");
        }
        if (settle == null || settle.isNegative() || settle.compareTo(Duration.ofMinutes(10)) > 0) {
            throw HyperlabException.badInput("compare failed: --settle must be 0..600 s", "try --settle 10");
        }
        if (ksmMerge == null || ksmMerge.isNegative() || ksmMerge.compareTo(Duration.ofMinutes(30)) > 0) {
            throw HyperlabException.badInput("compare failed: --ksm-wait must be 0..1800 s", "try --ksm-wait 60");
        }
    }

    /** How many cold VMs it boots (one after another): hyperlab's default and one per other setting. */
    public int coldVms() { return 1 + tbCaches.size() + (freePageReporting ? 1 : 0); }
}
