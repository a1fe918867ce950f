package dev.hyperlab.core.labrun;

import dev.hyperlab.core.labfile.LabGuest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A guest's fields as text, as they decide what is made: kept in the lab's state so a second
 * {@code up} can say which fields changed ("memory: 1 GiB -> 2 GiB") instead of a bare "changed".
 * Where a field was written in the file (its line) is not part of it: moving a guest is no change.
 */
final class LabGuestSpec {
    private LabGuestSpec() {}

    static Map<String, String> of(LabGuest g) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", g.kind().word());
        m.put("image", g.isClone() ? "" : g.image());
        // only when written: a lab brought up before templates existed must not read as changed
        g.template().ifPresent(t -> m.put("template", t));
        m.put("cpus", g.cpus().isPresent() ? Double.toString(g.cpus().getAsDouble()) : "");
        m.put("memory", g.memoryBytes().isPresent() ? Long.toString(g.memoryBytes().getAsLong()) : "");
        m.put("disk", g.diskBytes().isPresent() ? Long.toString(g.diskBytes().getAsLong()) : "");
        m.put("user", g.user().orElse(""));
        m.put("ssh-keys", g.sshKeys().toString());
        m.put("cloud-config", g.cloudConfig().map(Object::toString).orElse(""));
        m.put("runcmd", g.runcmd().toString());
        m.put("command", g.command().toString());
        List<String> nets = new ArrayList<>();
        g.networks().forEach(a -> nets.add(a.network() + a.addressText().map(ip -> "=" + ip).orElse("")));
        m.put("networks", nets.toString());
        m.put("ports", g.ports().toString());
        m.put("depends-on", g.dependsOn().toString());
        return m;
    }

    /**
     * The fields that make the guest, without {@code ports}: ports are the host's side (the lab's
     * forwarder), so a change of ports alone never asks for the guest to be made anew.
     */
    static Map<String, String> withoutPorts(Map<String, String> spec) {
        Map<String, String> m = new LinkedHashMap<>(spec);
        m.remove("ports");
        return m;
    }

    /** {@code spec} with the ports of {@code from}: what a kept guest's state says once its new ports are forwarded. */
    static Map<String, String> withPortsOf(Map<String, String> spec, Map<String, String> from) {
        Map<String, String> m = new LinkedHashMap<>(spec);
        m.put("ports", from.getOrDefault("ports", "[]"));
        return m;
    }

    /** "memory: 1073741824 -> 2147483648, image: debian-12 -> debian-13". */
    static String diff(Map<String, String> before, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        for (String k : new TreeSet<>(union(before, now))) {
            String a = before.getOrDefault(k, "");
            String b = now.getOrDefault(k, "");
            if (!a.equals(b)) {
                out.add(k + ": " + (a.isEmpty() ? "(none)" : a) + " -> " + (b.isEmpty() ? "(none)" : b));
            }
        }
        return String.join(", ", out);
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }
}
