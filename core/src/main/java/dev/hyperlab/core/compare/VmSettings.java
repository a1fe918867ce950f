package dev.hyperlab.core.compare;

/**
 * Host-side settings of one cold VM that differ from what hyperlab gives every VM: what the VM levers
 * ({@code hyperlab compare --vm-levers}) switch to measure their effect on the VM's host cost.
 *
 * @param tbCacheMib        QEMU's TCG translated-code cache ({@code <features><tcg><tb-cache>}):
 *                          {@link #AS_MADE} = what hyperlab sets (256 MiB under TCG), {@link #QEMU_DEFAULT} =
 *                          no element, so QEMU's own default (1 GiB), otherwise that many MiB
 * @param freePageReporting the virtio-balloon hands pages the guest freed back to the host (on for every
 *                          hyperlab VM)
 */
public record VmSettings(int tbCacheMib, boolean freePageReporting) {
    public static final int AS_MADE = -1;
    public static final int QEMU_DEFAULT = 0;
    /** What {@code hyperlab vm create} gives a VM. */
    public static final VmSettings HYPERLAB = new VmSettings(AS_MADE, true);

    public VmSettings {
        if (tbCacheMib < AS_MADE || tbCacheMib > 4096) {
            throw new IllegalArgumentException("tb-cache must be 1..4096 MiB, QEMU_DEFAULT or AS_MADE: " + tbCacheMib);
        }
    }

    public static VmSettings tbCache(int mib) { return new VmSettings(mib, true); }

    public boolean isHyperlabDefault() { return equals(HYPERLAB); }

    /** How the tb-cache is set, in words: "hyperlab's (256 MiB)", "QEMU's default (1 GiB)", "64 MiB". */
    public String tbCacheLabel() {
        return switch (tbCacheMib) {
            case AS_MADE -> "hyperlab's default (256 MiB)";
            case QEMU_DEFAULT -> "QEMU's default (1 GiB)";
            default -> tbCacheMib + " MiB";
        };
    }

    /** A short name for tables and VM names. */
    public String label() {
        if (isHyperlabDefault()) {
            return "hyperlab default";
        }
        String tb = tbCacheMib == AS_MADE ? "" : "tb-cache " + (tbCacheMib == QEMU_DEFAULT ? "QEMU default" : tbCacheMib + " MiB");
        String fpr = freePageReporting ? "" : "free page reporting off";
        return tb.isEmpty() ? fpr : fpr.isEmpty() ? tb : tb + ", " + fpr;
    }

    /** A suffix for the VM's name: letters, digits and dashes only. */
    public String nameSuffix() {
        String tb = switch (tbCacheMib) {
            case AS_MADE -> "tbdef";
            case QEMU_DEFAULT -> "tbqemu";
            default -> "tb" + tbCacheMib;
        };
        return tb + (freePageReporting ? "" : "-nofpr");
    }
}
