package dev.hyperlab.core.compare.isolation;

import dev.hyperlab.core.model.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The key=value lines the isolation probe printed in one place, with typed accessors. */
public record IsolationReport(Subject subject, Map<String, String> values) {

    public IsolationReport {
        Objects.requireNonNull(subject);
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses the probe's output; fails when the probe did not run to its end. */
    public static IsolationReport parse(Subject subject, String output) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        if (!"1".equals(m.get("probe_done"))) {
            throw new IllegalArgumentException("isolation probe output on " + subject.title() + " is incomplete");
        }
        return new IsolationReport(subject, m);
    }

    public Optional<String> get(String key) { return Optional.ofNullable(values.get(key)); }

    public String kernel() { return values.getOrDefault("kernel", "?"); }

    public String bootId() { return values.getOrDefault("boot_id", "?"); }

    public int processes() { return Integer.parseInt(values.getOrDefault("processes", "0")); }

    public long capEff() { return Capabilities.parseMask(values.getOrDefault("cap_eff", "0")); }

    /** 0 = disabled, 1 = strict, 2 = filter. */
    public int seccompMode() { return Integer.parseInt(values.getOrDefault("seccomp", "0")); }

    public String seccompLabel() {
        return switch (seccompMode()) {
            case 0 -> "disabled";
            case 1 -> "strict";
            case 2 -> "filter";
            default -> "mode " + seccompMode();
        };
    }

    public boolean procSysWritable() { return "yes".equals(values.get("proc_sys_writable")); }

    /** CAP_SYS_MODULE held and module loading not switched off by sysctl. */
    public boolean canLoadModules() {
        return Capabilities.has(capEff(), Capabilities.SYS_MODULE) && !"1".equals(values.get("modules_disabled"));
    }
}
