package dev.hyperlab.core.hosts;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.files.PrivateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code hosts.yaml} beside config.yaml: the hosts a user added and which one is the default.
 * <pre>
 * default: local
 * hosts:
 *   lab2: qemu+ssh://root@lab2/system
 * </pre>
 * Written whole to a temporary file and moved into place, 0600 in a 0700 directory (URIs may name
 * users, key files and internal host names). A file that does not parse is refused with its path and
 * what is wrong, and is never overwritten by an edit.
 */
public final class HostsFile {
    public static final String FILE_NAME = "hosts.yaml";

    private final Path file;
    private final String defaultHost;
    private final Map<String, String> hosts;

    private HostsFile(Path file, String defaultHost, Map<String, String> hosts) {
        this.file = file;
        this.defaultHost = defaultHost;
        this.hosts = hosts;
    }

    /** The file in {@code dir}; an absent file is an empty one whose default is {@link HostName#LOCAL}. */
    public static HostsFile read(Path dir) {
        Path f = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return new HostsFile(f, HostName.LOCAL, new LinkedHashMap<>());
        }
        Object doc;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            opts.setMaxAliasesForCollections(10);
            doc = new Yaml(new SafeConstructor(opts)).load(Files.readString(f));
        } catch (IOException | YAMLException e) {
            throw broken(f, firstLine(e.getMessage()));
        }
        if (doc == null) {
            return new HostsFile(f, HostName.LOCAL, new LinkedHashMap<>());
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw broken(f, "it is not a mapping of 'default' and 'hosts'");
        }
        for (Object k : top.keySet()) {
            if (!"default".equals(k) && !"hosts".equals(k)) {
                throw broken(f, "unknown key '" + k + "' (the keys are 'default' and 'hosts')");
            }
        }
        Map<String, String> hosts = new LinkedHashMap<>();
        Object h = top.get("hosts");
        if (h != null && !(h instanceof Map<?, ?>)) {
            throw broken(f, "'hosts' is not a mapping of NAME: URI");
        }
        if (h instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof String uri)) {
                    throw broken(f, "host '" + name + "' has no URI");
                }
                try {
                    HostName.check(name);
                } catch (HyperlabException bad) {
                    throw broken(f, bad.getMessage());
                }
                if (name.equals(HostName.LOCAL)) {
                    throw broken(f, "'local' is the built-in host; it takes its URI from config.yaml's 'connect'");
                }
                hosts.put(name, uri);
            }
        }
        String def = top.get("default") == null ? HostName.LOCAL : String.valueOf(top.get("default"));
        if (!def.equals(HostName.LOCAL) && !hosts.containsKey(def)) {
            throw broken(f, "the default host '" + def + "' is not among its hosts");
        }
        return new HostsFile(f, def, hosts);
    }

    public Path file() { return file; }

    public String defaultHost() { return defaultHost; }

    /** The added hosts by name, in the order they were added. */
    public Map<String, String> hosts() { return Map.copyOf(hosts); }

    public List<HostEntry> entries() {
        List<HostEntry> out = new ArrayList<>();
        hosts.forEach((n, u) -> out.add(new HostEntry(n, u)));
        return out;
    }

    public HostsFile with(HostEntry e) {
        Map<String, String> next = new LinkedHashMap<>(hosts);
        next.put(e.name(), e.uri());
        return new HostsFile(file, defaultHost, next);
    }

    /** Without {@code name}; the default falls back to {@link HostName#LOCAL} when it was that host. */
    public HostsFile without(String name) {
        Map<String, String> next = new LinkedHashMap<>(hosts);
        next.remove(name);
        return new HostsFile(file, defaultHost.equals(name) ? HostName.LOCAL : defaultHost, next);
    }

    public HostsFile withDefault(String name) {
        return new HostsFile(file, name, hosts);
    }

    /** Writes the file atomically, 0600 in a 0700 directory. */
    public void write() {
        StringBuilder y = new StringBuilder("# hyperlab's libvirt hosts: 'hyperlab host add|rm|default' edit this file.\n");
        y.append("default: ").append(defaultHost).append('\n');
        y.append("hosts:").append(hosts.isEmpty() ? " {}\n" : "\n");
        // URIs are quoted: '?', ':' and '#' are all legal in them and meaningful to YAML.
        hosts.forEach((n, u) -> y.append("  ").append(n).append(": '").append(u.replace("'", "''")).append("'\n"));
        try {
            PrivateFile.write(file, y.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "could not write " + file + ": " + e.getMessage(),
                    "check the permissions of " + file.getParent());
        }
    }

    private static HyperlabException broken(Path f, String why) {
        return new HyperlabException(ErrorCode.BAD_INPUT, f + " is not a valid hosts file: " + why,
                "fix or remove the file; 'hyperlab host add NAME URI' writes a new one");
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }
}
