package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.error.UserInput;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a container request must pass before anything is written: its fields on their own
 * ({@link #validate}, which asks no engine), then against the engine and the data directory (the
 * name free, an engine image that exists).
 */
final class ContainerRequestCheck {
    private final ContainerEngine engine;
    private final Path dataDir;
    private final RootfsSource rootfs;
    private final HostResources host;

    ContainerRequestCheck(ContainerEngine engine, Path dataDir, RootfsSource rootfs, HostResources host) {
        this.engine = engine;
        this.dataDir = dataDir;
        this.rootfs = rootfs;
        this.host = host;
    }

    /** {@link ContainerService#check}: everything but the default image's build or import. */
    void check(ContainerRequest r) {
        validate(r);
        requireNameFree(r.name());
        if (!rootfs.isDefault(r.image())) {
            requireEngineImage(r.image());
        }
    }

    /** An image the engine has (any image but hyperlab's default, which create imports). */
    void requireEngineImage(String image) {
        if (!image.matches("[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*") || !engine.imageExists(image)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "image '" + UserInput.show(image) + "' not found in the container engine",
                    "try --image debian-12 (hyperlab's default image)");
        }
    }

    /**
     * Fails with "exists already" when a container of this name, or a directory of one (a seed a
     * crashed create left, which 'gc' removes), is there. Such a thing is never touched.
     */
    void requireNameFree(String name) {
        if (engine.inspect(name).isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "creating container " + name + " failed: a container named '"
                    + name + "' exists already", "try another name, or `hyperlab ct rm " + name + "`");
        }
        Path dir = LabDirs.containerDir(dataDir, name);
        if (Files.exists(dir)) {
            throw dirExists(name, dir);
        }
    }

    static HyperlabException dirExists(String name, Path dir) {
        return new HyperlabException(ErrorCode.CONFLICT, "creating container " + name + " failed: its directory " + dir
                + " exists already and this create did not make it",
                "try another name; if it is a leftover of a crashed hyperlab run, 'hyperlab gc' removes it");
    }

    /** The request on its own: asks neither the engine nor the data directory. */
    void validate(ContainerRequest r) {
        GuestNames.requireValid(GuestKind.CONTAINER, r.name());
        if (r.mode() == ContainerMode.APP && r.command().isEmpty()) {
            throw HyperlabException.badInput("an app container needs a command", "try `hyperlab ct create " + r.name()
                    + " --image debian-12 -- echo hello`");
        }
        if (r.mode() == ContainerMode.SYSTEM && !r.command().isEmpty()) {
            throw HyperlabException.badInput("a system container runs /sbin/init, not a command",
                    "try --mode app for a command, or put it in runcmd of --cloud-config");
        }
        if (r.mode() == ContainerMode.SYSTEM && r.user().isPresent()) {
            throw HyperlabException.badInput("--user applies to app containers; systemd runs as the container's root",
                    "try declaring users in --cloud-config");
        }
        if (r.mode() == ContainerMode.APP && (r.loginUser().isPresent() || !r.sshKeyFiles().isEmpty())) {
            throw HyperlabException.badInput("a login user and SSH keys need a system container (cloud-init creates them)",
                    "try --mode system");
        }
        if (r.mode() == ContainerMode.APP && !r.runcmd().isEmpty()) {
            throw HyperlabException.badInput("runcmd needs a system container (cloud-init runs it)", "try kind: system");
        }
        r.loginUser().ifPresent(GuestNames::requireValidUser);
        SshKeyFiles.read(r.sshKeyFiles());
        if (r.mode() == ContainerMode.APP && r.cloudConfig().isPresent()) {
            throw HyperlabException.badInput("--cloud-config needs a system container (cloud-init runs under systemd)",
                    "try --mode system");
        }
        r.cloudConfig().ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw HyperlabException.badInput("cloud-config " + p + " cannot be read", "try an existing file");
            }
        });
        if (r.user().isPresent() && !r.user().get().matches("[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?")) {
            throw HyperlabException.badInput("user '" + UserInput.show(r.user().get()) + "' is not valid", "try a name or uid:gid such as 65534:65534");
        }
        if (r.network() == null || !r.network().matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw HyperlabException.badInput("network '" + UserInput.show(r.network()) + "' is not valid", "try --network none");
        }
        if (r.cpus() < 0 || Double.isNaN(r.cpus())) {
            throw HyperlabException.badInput("--cpus " + r.cpus() + " is out of range", "try a value such as 0.5 or 1");
        }
        if (r.cpus() > 0 && r.cpus() < 0.01) {
            throw HyperlabException.badInput("--cpus " + r.cpus() + " is below the smallest quota (0.01)", "try 0.01 or more");
        }
        if (r.memoryBytes() < 0 || (r.memoryBytes() > 0 && r.memoryBytes() < ContainerService.MIN_MEMORY)) {
            throw HyperlabException.badInput("--memory " + Sizes.compact(r.memoryBytes()) + " is below the minimum of 6M",
                    "try e.g. --memory 256M");
        }
        if (r.cpus() > 0 || r.memoryBytes() > 0) {
            if (r.cpus() > host.cpus()) {
                throw HyperlabException.badInput("--cpus " + r.cpus() + " exceeds this host's " + host.cpus() + " CPUs",
                        "try --cpus " + host.cpus() + " or less");
            }
            if (host.memoryBytes() > 0 && r.memoryBytes() > host.memoryBytes()) {
                throw HyperlabException.badInput("--memory " + Sizes.compact(r.memoryBytes()) + " exceeds this host's "
                        + Sizes.compact(host.memoryBytes()), "try a smaller --memory");
            }
        }
    }
}
