package dev.hyperlab.core.container;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine needs to create one container, spelled out: the adapter maps each field to
 * the API one to one and adds nothing (no engine defaults are relied on for isolation).
 *
 * @param command       the command, empty for the image's default
 * @param user          "uid:gid" or a user name, empty for the image's default (root)
 * @param nanoCpus      CPU limit in 1e-9 CPUs (cgroup CFS quota), 0 for none
 * @param memoryBytes   memory limit (cgroup), 0 for none; swap is capped to the same value
 * @param network       "none" or the name of an engine network
 * @param capAdd        capabilities kept after dropping all (names without CAP_)
 * @param tmpfs         mount point to tmpfs options
 * @param binds         read-only host directories: host path to container path
 * @param ulimits       name ("nofile", "nproc") to soft=hard limit
 * @param stopSignal    e.g. "SIGTERM" or "SIGRTMIN+3", empty for the image default
 * @param tty           allocate a terminal (it then also becomes /dev/console)
 * @param ipv4Address   the container's address on {@code network}, empty for the engine's choice
 * @param extraHosts    "NAME:ADDRESS" lines the engine adds to the container's /etc/hosts
 */
public record ContainerSpec(String name, String image, List<String> command, String user, String hostname,
                            long nanoCpus, long memoryBytes, String network, Map<String, String> labels,
                            Map<String, String> env, List<String> capAdd, boolean noNewPrivileges,
                            Map<String, String> tmpfs, Map<String, String> binds, Map<String, Long> ulimits,
                            String stopSignal, boolean tty, String ipv4Address, List<String> extraHosts) {
    /** On {@code network} with the engine's choice of address and no extra hosts entries. */
    public ContainerSpec(String name, String image, List<String> command, String user, String hostname,
                         long nanoCpus, long memoryBytes, String network, Map<String, String> labels,
                         Map<String, String> env, List<String> capAdd, boolean noNewPrivileges,
                         Map<String, String> tmpfs, Map<String, String> binds, Map<String, Long> ulimits,
                         String stopSignal, boolean tty) {
        this(name, image, command, user, hostname, nanoCpus, memoryBytes, network, labels, env, capAdd, noNewPrivileges,
                tmpfs, binds, ulimits, stopSignal, tty, "", List.of());
    }

    /** The same container with a fixed address on its network and these hosts entries (a lab's). */
    public ContainerSpec onLab(String address, List<String> hosts) {
        return new ContainerSpec(name, image, command, user, hostname, nanoCpus, memoryBytes, network, labels, env, capAdd,
                noNewPrivileges, tmpfs, binds, ulimits, stopSignal, tty, address, hosts);
    }

    public ContainerSpec {
        Objects.requireNonNull(ipv4Address, "ipv4Address");
        extraHosts = List.copyOf(extraHosts);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
        capAdd = List.copyOf(capAdd);
        tmpfs = Map.copyOf(tmpfs);
        binds = Map.copyOf(binds);
        ulimits = Map.copyOf(ulimits);
    }
}
