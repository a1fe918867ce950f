package dev.hyperlab.core.container;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port to a container engine (Podman or Docker through the Docker-compatible REST API).
 *
 * <p>The port is deliberately literal: it carries exactly the isolation settings the caller put in
 * a {@link ContainerSpec} and decides nothing itself, so the safety policy lives in one place
 * ({@code dev.hyperlab.core.lab.ContainerSpecs}) and the adapter test kit can check the engine
 * applied every setting. Methods throw {@link dev.hyperlab.core.error.HyperlabException}.
 */
public interface ContainerEngine extends Closeable {

    /** Engine name, versions, runtime, socket and host resources, for {@code doctor}. */
    EngineInfo info();

    boolean imageExists(String ref);

    /** Imports a root-filesystem tar as image {@code ref} ("repo:tag"); the engine's import of a flat tar. */
    void importRootfs(Path rootfsTar, String ref);

    /** Creates (does not start) a container; returns its id. Throws CONFLICT when the name is taken. */
    String create(ContainerSpec spec);

    void start(String idOrName);

    /** Stops with the container's stop signal, then SIGKILL after {@code timeout}. Stopping a stopped container is a no-op. */
    void stop(String idOrName, Duration timeout);

    /** Removes the container (force) and its anonymous volumes. Removing a missing container is a no-op. */
    void remove(String idOrName);

    Optional<ContainerDetails> inspect(String idOrName);

    /** The image size and the container's writable layer size (the engine computes them on request; slowish). */
    ContainerDiskSizes diskSizes(String idOrName);

    /**
     * CPU time and uptime of a running container, for the TUI's rows; empty when it is not running
     * or gone. One reading of the engine's statistics (no stream, no waiting for a second sample).
     */
    Optional<ContainerUsage> usage(String idOrName);

    /** Containers (running or not) carrying every label in {@code labels}. */
    List<ContainerDetails> list(Map<String, String> labels);

    /** Runs {@code command} in a running container and waits for it to exit. */
    ExecResult exec(String idOrName, List<String> command, Duration timeout);

    /**
     * Streams the container's output (stdout and stderr, or the tty) line by line to {@code lines},
     * from the beginning; with {@code follow} until the container stops or the handle is closed.
     * {@code lines} is called on an engine thread.
     */
    LogStream logs(String idOrName, boolean follow, Consumer<String> lines);

    /**
     * Creates a network whose containers sit on the host interface {@code spec.parent()} (a macvlan):
     * the same L2 segment as whatever else is on that bridge, a lab's VMs included. Throws CONFLICT
     * when the name is taken.
     */
    void createNetwork(EngineNetwork spec);

    /** Removes a network; nothing happens when there is none of that name. */
    void removeNetwork(String name);

    /** The names of the networks carrying every label in {@code labels}. */
    List<String> networks(Map<String, String> labels);

    /** Blocks until the container exits; returns its exit code. */
    int waitForExit(String idOrName, Duration timeout);

    @Override void close();
}
