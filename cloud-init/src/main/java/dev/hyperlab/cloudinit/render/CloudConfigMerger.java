package dev.hyperlab.cloudinit.render;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges a user's cloud-config (the base) with what hyperlab adds. List keys are appended to (base
 * first; duplicate packages and keys dropped), users with the same name are replaced by hyperlab's, other keys set by
 * hyperlab win (they come from explicit command-line options). Then the defaults and, last of all, the
 * readiness marker are applied, so nothing in the base can remove or reorder them.
 */
public final class CloudConfigMerger {
    private static final Set<String> APPENDED_LISTS =
            Set.of("packages", "runcmd", "bootcmd", "write_files", "ssh_authorized_keys");
    private static final Set<String> DEDUPLICATED_LISTS = Set.of("packages", "ssh_authorized_keys");
    /** RSA host key generation costs ~14 s under TCG; one modern key type is enough for a lab guest. */
    static final List<String> DEFAULT_SSH_GENKEYTYPES = List.of("ed25519");

    private CloudConfigMerger() {}

    /** The merged map (a new, mutable map; neither argument is changed). */
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> additions) {
        Map<String, Object> out = deepCopy(base);
        for (Map.Entry<String, Object> e : additions.entrySet()) {
            String key = e.getKey();
            Object ours = deepCopyValue(e.getValue());
            Object theirs = out.get(key);
            if (theirs == null) {
                out.put(key, ours);
            } else if (APPENDED_LISTS.contains(key)) {
                out.put(key, append(key, theirs, (List<?>) ours));
            } else if (key.equals("users")) {
                out.put(key, mergeUsers(theirs, (List<?>) ours));
            } else {
                out.put(key, ours);
            }
        }
        return out;
    }

    /**
     * Adds hyperlab's defaults the user did not set, and makes the readiness marker the one and only
     * marker, as the last runcmd entry (a marker from an earlier rendering used as base is dropped).
     */
    public static Map<String, Object> finish(Map<String, Object> merged, String instanceId) {
        merged.putIfAbsent("ssh_genkeytypes", new ArrayList<>(DEFAULT_SSH_GENKEYTYPES));
        normalizeFileModes(merged.get("write_files"));
        List<Object> runcmd = new ArrayList<>(asList("runcmd", merged.get("runcmd")));
        runcmd.removeIf(CloudConfigMerger::isMarkerCommand);
        runcmd.add(ReadinessMarker.command(instanceId));
        merged.put("runcmd", runcmd);
        return merged;
    }

    /**
     * An unquoted {@code permissions: 0640} in a user's file is the int 416 after YAML; cloud-init would
     * apply it, but its schema demands a string. Writing it back as the octal text keeps the meaning.
     */
    private static void normalizeFileModes(Object writeFiles) {
        if (writeFiles instanceof List<?> files) {
            for (Object f : files) {
                if (f instanceof Map<?, ?> m && m.get("permissions") instanceof Integer mode && mode >= 0) {
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> entry = (Map<Object, Object>) m;
                    entry.put("permissions", String.format("%04o", mode));
                }
            }
        }
    }

    private static boolean isMarkerCommand(Object entry) {
        return entry instanceof String s && s.contains(ReadinessMarker.PREFIX + " ") && s.contains(ReadinessMarker.FILE);
    }

    private static List<Object> append(String key, Object theirs, List<?> ours) {
        List<Object> out = new ArrayList<>(asList(key, theirs));
        for (Object o : ours) {
            // A package or key twice is noise; a command twice may be meant (it runs twice).
            if (!DEDUPLICATED_LISTS.contains(key) || !out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }

    private static List<Object> mergeUsers(Object theirs, List<?> ours) {
        List<Object> out = new ArrayList<>(asList("users", theirs));
        for (Object u : ours) {
            String name = userName(u);
            out.removeIf(existing -> name != null && name.equals(userName(existing)));
            out.add(u);
        }
        return out;
    }

    private static String userName(Object entry) {
        if (entry instanceof String s) {
            return s;
        }
        if (entry instanceof Map<?, ?> m && m.get("name") instanceof String s) {
            return s;
        }
        return null;
    }

    private static List<?> asList(String key, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw CloudInitException.badInput("merging cloud-config failed: '" + key + "' must be a list, not '"
                + value + "'; try writing it as a YAML list ('" + key + ":' then '  - item' lines)");
    }

    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, deepCopyValue(v)));
        return out;
    }

    private static Object deepCopyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, deepCopyValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(deepCopyValue(x)));
            return out;
        }
        return v;
    }
}
