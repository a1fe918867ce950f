package dev.hyperlab.core.compare.isolation;

import dev.hyperlab.core.model.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "What each kind can and cannot do", judged against the host's own probe.
 *
 * <p>Namespaces are only comparable within one kernel: a VM runs its own kernel (different boot_id),
 * so it has its own namespaces of every kind by construction, and its inode numbers say nothing.
 */
public final class IsolationTable {

    /** One row: a question, and the answer per subject (in the order given to {@link #of}). */
    public record Row(String key, String question, Map<Subject, String> answers) {}

    private IsolationTable() {}

    public static List<Row> of(IsolationReport host, List<IsolationReport> guests) {
        List<IsolationReport> all = new ArrayList<>();
        all.add(host);
        all.addAll(guests);
        List<Row> rows = new ArrayList<>();
        rows.add(row("kernel", "kernel version seen", all, r -> r.kernel()));
        rows.add(row("own_kernel", "runs its own kernel", all, r -> r == host ? "-" : yesNo(!sameKernel(host, r))));
        rows.add(row("host_pids_visible", "sees host processes", all, r -> r == host ? "-"
                : yesNo(sameKernel(host, r) && ns(r, "pid_ns").equals(ns(host, "pid_ns")))
                + " (" + r.processes() + " visible)"));
        rows.add(row("own_net_ns", "own network namespace", all, r -> r == host ? "-"
                : yesNo(!sameKernel(host, r) || !ns(r, "net_ns").equals(ns(host, "net_ns")))));
        rows.add(row("load_kernel_modules", "can load kernel modules", all, r -> {
            String can = yesNo(r.canLoadModules());
            if (r != host && r.canLoadModules() && sameKernel(host, r)) {
                can += " (into the HOST kernel)";
            }
            return can;
        }));
        rows.add(row("proc_sys_writable", "/proc/sys writable", all, r -> yesNo(r.procSysWritable())));
        rows.add(row("capabilities", "effective capabilities", all,
                r -> Capabilities.names(r.capEff()).size() + " of " + Capabilities.NAMES.size()
                        + (Capabilities.has(r.capEff(), Capabilities.SYS_ADMIN) ? " (incl. sys_admin)" : "")));
        rows.add(row("seccomp", "seccomp mode", all, IsolationReport::seccompLabel));
        return rows;
    }

    /** Capabilities the host's root has and the guest lacks: what the engine dropped. */
    public static List<String> dropped(IsolationReport host, IsolationReport guest) {
        List<String> out = new ArrayList<>(Capabilities.names(host.capEff()));
        out.removeAll(Capabilities.names(guest.capEff()));
        return out;
    }

    static boolean sameKernel(IsolationReport host, IsolationReport r) {
        return r.bootId().equals(host.bootId());
    }

    private static String ns(IsolationReport r, String key) { return r.get(key).orElse("?"); }

    private static String yesNo(boolean b) { return b ? "yes" : "no"; }

    private static Row row(String key, String q, List<IsolationReport> all,
                           java.util.function.Function<IsolationReport, String> f) {
        Map<Subject, String> m = new LinkedHashMap<>();
        for (IsolationReport r : all) {
            m.put(r.subject(), f.apply(r));
        }
        return new Row(key, q, m);
    }
}
