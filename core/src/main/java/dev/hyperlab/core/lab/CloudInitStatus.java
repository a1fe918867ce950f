package dev.hyperlab.core.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what {@code cloud-init status} printed: its {@code status:} line. */
final class CloudInitStatus {
    private static final Pattern STATUS = Pattern.compile("(?m)^\\s*status:\\s*(\\S+)");

    private CloudInitStatus() {}

    /** The status word ({@code done}, {@code error}, {@code disabled}, …), or empty when there is none. */
    static String of(String output) {
        Matcher m = STATUS.matcher(output == null ? "" : output);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * True for a status after which cloud-init does nothing more on this boot although it never
     * configured the guest: {@code disabled} (no datasource found by ds-identify, or switched off).
     * {@code status --wait} returns at once for it, unlike for "not run" and "running".
     */
    static boolean neverRuns(String status) {
        return status.equals("disabled");
    }
}
