package dev.hyperlab.cloudinit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a guest gets at first boot, VM or container alike. Immutable; build with {@link #builder()}.
 * {@link #base()} is a user's own {@code #cloud-config} (see {@code CloudConfigParser}); the typed fields
 * are merged on top of it when rendering, and the readiness marker always comes last.
 */
public final class CloudConfig {
    private final String instanceId;
    private final String hostname;
    private final List<User> users;
    private final List<String> sshAuthorizedKeys;
    private final List<String> packages;
    private final List<WriteFile> writeFiles;
    private final List<String> bootcmd;
    private final List<String> runcmd;
    private final String timezone;
    private final NetworkConfig network;
    private final Map<String, Object> base;

    private CloudConfig(Builder b) {
        this.instanceId = b.instanceId != null ? b.instanceId : InstanceId.newFor(b.hostname);
        this.hostname = b.hostname;
        this.users = List.copyOf(b.users);
        this.sshAuthorizedKeys = List.copyOf(b.sshAuthorizedKeys);
        this.packages = List.copyOf(b.packages);
        this.writeFiles = List.copyOf(b.writeFiles);
        this.bootcmd = List.copyOf(b.bootcmd);
        this.runcmd = List.copyOf(b.runcmd);
        this.timezone = b.timezone;
        this.network = b.network;
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) (Map<?, ?>) deepCopy(b.base);
        this.base = copy;
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this config's values, e.g. to re-provision with {@code .instanceId(null)}. */
    public Builder toBuilder() {
        Builder b = new Builder().instanceId(instanceId).hostname(hostname).timezone(timezone).network(network).base(base);
        b.users.addAll(users);
        b.sshAuthorizedKeys.addAll(sshAuthorizedKeys);
        b.packages.addAll(packages);
        b.writeFiles.addAll(writeFiles);
        b.bootcmd.addAll(bootcmd);
        b.runcmd.addAll(runcmd);
        return b;
    }

    /** Unique per guest and per provisioning; also the id in the readiness marker line. */
    public String instanceId() { return instanceId; }
    /** Null when not set (then the user's cloud-config or the image decides). */
    public String hostname() { return hostname; }
    public List<User> users() { return users; }
    /** Keys for the image's default user (top-level {@code ssh_authorized_keys}). */
    public List<String> sshAuthorizedKeys() { return sshAuthorizedKeys; }
    public List<String> packages() { return packages; }
    public List<WriteFile> writeFiles() { return writeFiles; }
    public List<String> bootcmd() { return bootcmd; }
    public List<String> runcmd() { return runcmd; }
    public String timezone() { return timezone; }
    public NetworkConfig network() { return network; }
    /** The user's raw cloud-config (unmodifiable, possibly empty). */
    public Map<String, Object> base() { return base; }

    private static Object deepCopy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(deepCopy(v)));
            return Collections.unmodifiableList(copy);
        }
        return o;
    }

    public static final class Builder {
        private String instanceId;
        private String hostname;
        private final List<User> users = new ArrayList<>();
        private final List<String> sshAuthorizedKeys = new ArrayList<>();
        private final List<String> packages = new ArrayList<>();
        private final List<WriteFile> writeFiles = new ArrayList<>();
        private final List<String> bootcmd = new ArrayList<>();
        private final List<String> runcmd = new ArrayList<>();
        private String timezone;
        private NetworkConfig network = NetworkConfig.fallback();
        private Map<String, Object> base = Map.of();

        private Builder() {}

        /** Leave unset (or null) to get a fresh {@link InstanceId#newFor} id at {@link #build()}. */
        public Builder instanceId(String id) { this.instanceId = id; return this; }
        public Builder hostname(String h) { this.hostname = h; return this; }
        public Builder user(User u) { users.add(Objects.requireNonNull(u)); return this; }
        public Builder sshAuthorizedKey(String key) { sshAuthorizedKeys.add(Objects.requireNonNull(key)); return this; }
        public Builder sshAuthorizedKeys(List<String> keys) { sshAuthorizedKeys.addAll(keys); return this; }
        public Builder packages(String... p) { packages.addAll(List.of(p)); return this; }
        public Builder packages(List<String> p) { packages.addAll(p); return this; }
        public Builder writeFile(WriteFile f) { writeFiles.add(Objects.requireNonNull(f)); return this; }
        public Builder bootcmd(String cmd) { bootcmd.add(Objects.requireNonNull(cmd)); return this; }
        public Builder runcmd(String cmd) { runcmd.add(Objects.requireNonNull(cmd)); return this; }
        public Builder runcmd(List<String> cmds) { runcmd.addAll(cmds); return this; }
        public Builder timezone(String tz) { this.timezone = tz; return this; }
        public Builder network(NetworkConfig n) { this.network = n == null ? NetworkConfig.fallback() : n; return this; }
        /** A user's raw cloud-config, as returned by {@code CloudConfigParser}. */
        public Builder base(Map<String, Object> raw) { this.base = raw == null ? Map.of() : raw; return this; }

        public CloudConfig build() { return new CloudConfig(this); }
    }
}
