package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.container.ContainerSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hyperlab's isolation policy for containers, in one place: what an app and a system container may do.
 *
 * <p>App containers: an unprivileged user, no capabilities at all, no-new-privileges, no network.
 * System containers run systemd as PID 1, which needs what Podman's {@code --systemd=always} gives
 * it (tmpfs on /run, /run/lock, /tmp, /var/log/journal; {@code container=podman}; stop with
 * SIGRTMIN+3) and a handful of capabilities to drop privileges for its services and for cloud-init
 * to create users and files. They do not get no-new-privileges: the users cloud-init creates need
 * sudo, exactly as in the VM.
 */
public final class ContainerSpecs {
    /** nobody:nogroup, present in every Debian image. */
    public static final String APP_DEFAULT_USER = "65534:65534";
    /** Where cloud-init's NoCloud datasource looks for a seed directory. */
    public static final String SEED_MOUNT = "/var/lib/cloud/seed/nocloud";
    /** Capabilities systemd and cloud-init need (Podman's rootful default set minus NET_BIND_SERVICE, NET_RAW, SETFCAP, MKNOD, AUDIT_WRITE). */
    public static final List<String> SYSTEM_CAPS = List.of(
            "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "SYS_CHROOT");
    /**
     * Explicit limits: this host's Podman default (from containers.conf) exceeds the hard limits
     * runc may set and fails with "error setting rlimit".
     */
    public static final Map<String, Long> ULIMITS = Map.of("nofile", 1024L, "nproc", 1024L);

    private static final String TMPFS_OPTS = "rw,nosuid,nodev";

    private ContainerSpecs() {}

    public static ContainerSpec app(ContainerRequest r, String imageRef, Map<String, String> labels) {
        return new ContainerSpec(r.name(), imageRef, r.command(), r.user().orElse(APP_DEFAULT_USER), r.name(),
                nanoCpus(r.cpus()), r.memoryBytes(), r.network(), labels, Map.of(), List.of(), true,
                Map.of("/tmp", TMPFS_OPTS + ",size=64m"), Map.of(), ULIMITS, "", false);
    }

    public static ContainerSpec system(ContainerRequest r, String imageRef, String hostname, Path seedDir,
                                       Map<String, String> labels) {
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String dir : List.of("/run", "/run/lock", "/tmp", "/var/log/journal")) {
            tmpfs.put(dir, TMPFS_OPTS);
        }
        // A tty makes /dev/console exist (runc only creates it for terminals): the readiness marker
        // written there, and systemd's boot messages, then reach the log stream.
        return new ContainerSpec(r.name(), imageRef, List.of("/sbin/init"), r.user().orElse(""), hostname,
                nanoCpus(r.cpus()), r.memoryBytes(), r.network(), labels, Map.of("container", "podman"),
                SYSTEM_CAPS, false, tmpfs, Map.of(seedDir.toString(), SEED_MOUNT), ULIMITS, "SIGRTMIN+3", true);
    }

    static long nanoCpus(double cpus) { return Math.round(cpus * 1e9); }

    public static boolean isSystem(ContainerMode m) { return m == ContainerMode.SYSTEM; }
}
