package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.container.ContainerSpec;
import dev.hyperlab.core.container.EngineInfo;
import dev.hyperlab.core.container.ExecResult;
import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Containers as hyperlab guests: create from the default image (or any engine image) with the
 * isolation policy of {@link ContainerSpecs}, start and time the boot, list, inspect, exec, remove.
 * Everything is validated before anything is created ({@link ContainerRequestCheck}), and a failure
 * after creation removes the container and its seed directory. The timed start is
 * {@link ContainerBoot}'s, leftovers {@link ContainerGc}'s.
 */
public final class ContainerService implements AutoCloseable {
    public static final String DEFAULT_IMAGE_REPO = "localhost/hyperlab/";
    /** cgroup v1 refuses memory limits below this (and the engine's own minimum is 6 MiB). */
    public static final long MIN_MEMORY = 6L << 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The kind of name a container's lock guards (a VM's is "vm"). */
    static final String LOCK_KIND = "ct";
    /** The file in a container's directory that names the create that made it (its instance id). */
    static final String OWNER_FILE = "instance-id";

    private final ContainerEngine engine;
    private final Path dataDir;
    private final RootfsSource rootfs;
    private final SeedWriter seeds;
    private final LongSupplier clock;
    private final HostResources host;
    private final ContainerRequestCheck requests;
    private final ContainerTimelines timelines;
    private final ContainerBoot boot;
    private EngineInfo info;
    private NameLocks locks;

    public ContainerService(ContainerEngine engine, Path dataDir, RootfsSource rootfs, SeedWriter seeds, LongSupplier clock) {
        this(engine, dataDir, rootfs, seeds, clock, HostResources.local());
    }

    public ContainerService(ContainerEngine engine, Path dataDir, RootfsSource rootfs, SeedWriter seeds, LongSupplier clock,
                            HostResources host) {
        this.host = host;
        this.engine = engine;
        this.dataDir = dataDir;
        this.rootfs = rootfs;
        this.seeds = seeds;
        this.clock = clock;
        this.requests = new ContainerRequestCheck(engine, dataDir, rootfs, host);
        this.timelines = new ContainerTimelines(dataDir);
        this.boot = new ContainerBoot(engine, clock, timelines);
    }

    /** Connects to the engine found by discovery: {@link Wiring#containers()} with this process's settings. */
    public static ContainerService connect() {
        return Wiring.fromEnvironment(null).containers();
    }

    public EngineInfo engineInfo() {
        if (info == null) {
            info = engine.info();
        }
        return info;
    }

    public ContainerEngine engine() { return engine; }

    /** The per-name locks of this engine, keyed by its socket. */
    public synchronized NameLocks locks() {
        if (locks == null) {
            locks = new NameLocks(LabDirs.locksDir(dataDir), "engine:" + engineInfo().socket());
        }
        return locks;
    }

    /**
     * The result of {@link #create}: the timeline starts at the moment create was called; the
     * instance id is in the container's label and its directory's {@value #OWNER_FILE} file.
     */
    public record Created(String id, String name, long startNanos, BootTimeline timeline, String instanceId) {}

    /**
     * Checks what {@link #create} checks before it writes anything (input, cloud-config, SSH keys,
     * name not taken, an engine image that exists) and creates nothing. The default image is not
     * built or imported here: that is create's first step.
     */
    public void check(ContainerRequest r) { requests.check(r); }

    /** Validates, imports the image if needed, writes the seed, creates the container (not started). */
    public Created create(ContainerRequest r, Consumer<String> progress) {
        return create(r, clock.getAsLong(), progress);
    }

    /**
     * As above, with the boot timeline measured from {@code t0} (the clock's reading when the user
     * asked): a VM and a container created together then share one origin and can be compared.
     */
    public Created create(ContainerRequest r, long t0, Consumer<String> progress) {
        requests.validate(r);
        requests.requireNameFree(r.name());
        List<String> sshKeys = SshKeyFiles.read(r.sshKeyFiles());
        String imageRef = resolveImage(r.image(), progress); // may import for a minute: before the lock
        Path dir = LabDirs.containerDir(dataDir, r.name());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ContainerLabels.MANAGED, "true");
        labels.put(ContainerLabels.KIND, r.mode().label());
        labels.put(ContainerLabels.IMAGE, r.image());
        ContainerSpec spec;
        // The lock is held from the check that the name is free until the container exists, so two
        // creates of one name give one container and one "exists already", and neither touches the
        // other's directory. The directory is this create's only once createDirectory made it.
        try (NameLocks.Held lock = locks().acquire(LOCK_KIND, r.name(), VmService.LOCK_WAIT)) {
            CrashPoints.reached(Step.CT_CREATE_LOCKED);
            requests.requireNameFree(r.name());
            boolean made = false;
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir);
                made = true;
                String instanceId;
                // The labels are complete before the spec is made from them: the spec copies them.
                if (r.mode() == ContainerMode.SYSTEM) {
                    Path seedDir = dir.resolve("seed");
                    Files.createDirectories(seedDir);
                    SeedWriter.Seed seed = seeds.write(r.name(), r.loginUser(), sshKeys, r.cloudConfig(), r.runcmd(), seedDir);
                    instanceId = seed.instanceId();
                    labels.put(ContainerLabels.INSTANCE_ID, instanceId);
                    labels.put(ContainerLabels.SEED_DIR, seedDir.toString());
                    spec = ContainerSpecs.system(r, imageRef, seed.hostname(), seedDir, labels);
                } else {
                    instanceId = dev.hyperlab.cloudinit.model.InstanceId.newFor(r.name());
                    labels.put(ContainerLabels.INSTANCE_ID, instanceId);
                    spec = ContainerSpecs.app(r, imageRef, labels);
                }
                if (r.address().isPresent()) {
                    spec = spec.onLab(r.address().get(), r.hosts());
                }
                Files.writeString(dir.resolve(OWNER_FILE), instanceId + "\n", StandardCharsets.UTF_8);
                CrashPoints.reached(Step.CT_CREATE_SEED);
                String id = engine.create(spec);
                CrashPoints.reached(Step.CT_CREATE_CONTAINER);
                long created = clock.getAsLong();
                BootTimeline tl = BootTimeline.empty().reached(Phase.CREATED, Duration.ofNanos(created - t0));
                return new Created(id, r.name(), t0, tl, instanceId);
            } catch (FileAlreadyExistsException e) {
                throw ContainerRequestCheck.dirExists(r.name(), dir); // not made here: left alone
            } catch (IOException e) {
                if (made) {
                    deleteTree(dir);
                }
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "creating " + dir + " failed: " + e.getMessage(),
                        "try checking permissions on " + dataDir, e);
            } catch (RuntimeException e) {
                if (made) {
                    deleteTree(dir);
                }
                throw e;
            }
        }
    }

    /**
     * The undo of a create whose container exists: removes the container and its directory, each only
     * while it carries {@code instanceId}. A container of that name made since by someone else stays.
     */
    private void removeIfOurs(String name, String instanceId) {
        try (NameLocks.Held lock = locks().acquire(LOCK_KIND, name, VmService.LOCK_WAIT)) {
            Optional<ContainerDetails> d = engine.inspect(name);
            if (d.isPresent() && instanceId.equals(d.get().labels().get(ContainerLabels.INSTANCE_ID))) {
                engine.remove(d.get().id());
            }
            Path dir = LabDirs.containerDir(dataDir, name);
            if (instanceId.equals(owner(dir).orElse(null))) {
                deleteTree(dir);
            }
        }
    }

    /** The instance id in a container directory's owner file, if it has one. */
    static Optional<String> owner(Path dir) {
        try {
            return Optional.of(Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * create, start and, as {@code how} says, wait for READY (see {@link ContainerStart}); on any
     * failure after create, and on a cancel, removes everything it made.
     */
    public BootTimeline createAndStart(ContainerRequest r, ContainerStart how) {
        long t0 = how.t0().orElseGet(clock::getAsLong);
        boolean waitReady = how.waitReady();
        Duration timeout = how.timeout();
        Consumer<String> progress = how.progress();
        Consumer<BootTimeline> phases = how.phases();
        Cancellation cancel = how.cancel();
        String what = "creating container " + r.name();
        cancel.check(what);
        Created c = create(r, t0, progress);
        phases.accept(c.timeline());
        try {
            cancel.check(what);
            return boot.start(r.name(), managed(r.name()), c.startNanos(), c.timeline(), waitReady, timeout, phases, cancel);
        } catch (RuntimeException e) {
            try {
                removeIfOurs(r.name(), c.instanceId());
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Starts a created or stopped container; with {@code waitReady}, waits for READY and records the timeline. */
    public BootTimeline start(String name, boolean waitReady, Duration timeout) {
        long t0 = clock.getAsLong(); // before the engine is asked anything, as the timeline always began
        return boot.start(name, managed(name), t0, BootTimeline.empty(), waitReady, timeout, t -> { }, Cancellation.NONE);
    }

    public void stop(String name) {
        engine.stop(managed(name).id(), STOP_TIMEOUT);
    }

    /** Removes the container, its volumes and its directory (seed, timeline). Idempotent for hyperlab's own leftovers. */
    public void remove(String name) {
        try (NameLocks.Held lock = locks().acquire(LOCK_KIND, name, VmService.LOCK_WAIT)) {
            Optional<ContainerDetails> d = engine.inspect(name);
            if (d.isPresent()) {
                if (!"true".equals(d.get().labels().get(ContainerLabels.MANAGED))) {
                    throw notOurs(name);
                }
                engine.remove(d.get().id());
                CrashPoints.reached(Step.CT_RM_CONTAINER);
                d.get().label(ContainerLabels.SEED_DIR).map(Path::of).ifPresent(ContainerService::deleteTree);
            }
            deleteTree(LabDirs.containerDir(dataDir, name));
        }
    }

    /** A leftover {@link #gc} found: a container directory no container uses. */
    public record Leftover(String kind, String name, String reason, boolean removed) {}

    /**
     * Removes the directories (seed, timeline) whose container is gone, as a crashed create or
     * remove leaves them, unless {@code dryRun}; see {@link ContainerGc}.
     */
    public List<Leftover> gc(boolean dryRun) {
        return gc(dryRun, "");
    }

    /** As above, only for container names that start with {@code prefix}. */
    public List<Leftover> gc(boolean dryRun, String prefix) {
        return new ContainerGc(engine, dataDir, this::locks).gc(dryRun, prefix);
    }

    /**
     * {@code ct rm}: like {@link #remove(String)}, but a name with neither a container nor hyperlab's
     * files is an error, and a running container is removed only with {@code force} (as {@code vm rm}).
     */
    public void remove(String name, boolean force) {
        Optional<ContainerDetails> d = engine.inspect(name);
        if (d.isEmpty() && !Files.exists(LabDirs.containerDir(dataDir, name))) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "removing container " + name + " failed: no such container",
                    "try `hyperlab ct list`");
        }
        if (d.isPresent() && d.get().state() == GuestState.RUNNING && !force) {
            throw new HyperlabException(ErrorCode.CONFLICT, "removing container " + name + " failed: it is running",
                    "try `hyperlab ct stop " + name + "` first, or `hyperlab ct rm --force " + name + "`");
        }
        remove(name);
    }

    public List<GuestSummary> list() {
        List<GuestSummary> out = new ArrayList<>();
        for (ContainerDetails d : engine.list(Map.of(ContainerLabels.MANAGED, "true"))) {
            out.add(summary(d));
        }
        out.sort(Comparator.comparing(GuestSummary::name));
        return out;
    }

    public ContainerInfo info(String name) {
        ContainerDetails d = managed(name);
        return new ContainerInfo(summary(d), ContainerMode.parse(d.labels().getOrDefault(ContainerLabels.KIND, "app")), d,
                d.labels().getOrDefault(ContainerLabels.INSTANCE_ID, ""), d.labels().getOrDefault(ContainerLabels.SEED_DIR, ""));
    }

    public ExecResult exec(String name, List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw HyperlabException.badInput("exec needs a command", "try `hyperlab ct exec " + name + " -- hostname`");
        }
        ContainerDetails d = managed(name);
        if (d.state() != GuestState.RUNNING) {
            // Asked first: the engine's own answer is a 500 with a JSON body and the 64-hex id.
            throw new HyperlabException(ErrorCode.CONFLICT, "running a command in container " + name + " failed: it is "
                    + d.state().label(), "try `hyperlab ct start " + name + "` first");
        }
        return engine.exec(d.id(), command, timeout);
    }

    /** Streams the container's output; see {@link ContainerEngine#logs}. */
    public LogStream logs(String name, boolean follow, Consumer<String> lines) {
        return engine.logs(managed(name).id(), follow, lines);
    }

    @Override public void close() { engine.close(); }

    // ---- helpers ----

    /** The request's own fields checked, asking no engine (see {@link ContainerRequestCheck#validate}). */
    void validate(ContainerRequest r) { requests.validate(r); }

    /** The engine reference for {@code image}: the default image is imported once per build id. */
    public String resolveImage(String image, Consumer<String> progress) {
        if (rootfs.isDefault(image)) {
            RootfsSource.Rootfs fs = rootfs.ensure(progress);
            String ref = DEFAULT_IMAGE_REPO + fs.name() + ":" + fs.id();
            if (!engine.imageExists(ref)) {
                progress.accept("importing " + fs.tar() + " into the container engine as " + ref);
                engine.importRootfs(fs.tar(), ref);
            }
            return ref;
        }
        requests.requireEngineImage(image);
        return image;
    }

    private ContainerDetails managed(String name) {
        ContainerDetails d = engine.inspect(name).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND,
                "container " + name + " not found", "try `hyperlab ct list`"));
        if (!"true".equals(d.labels().get(ContainerLabels.MANAGED))) {
            throw notOurs(name);
        }
        return d;
    }

    private GuestSummary summary(ContainerDetails d) {
        int vcpus = d.nanoCpus() > 0 ? (int) Math.ceil(d.nanoCpus() / 1e9) : host.cpus();
        return new GuestSummary(GuestKind.CONTAINER, d.name(), d.state(), vcpus, d.memoryBytes(),
                d.labels().getOrDefault(ContainerLabels.IMAGE, d.image()), timelines.load(d.name()), Optional.empty());
    }

    private static HyperlabException notOurs(String name) {
        return new HyperlabException(ErrorCode.CONFLICT, "container " + name + " was not created by hyperlab",
                "try `podman` for containers hyperlab does not manage");
    }


    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing " + dir + " failed: " + e.getMessage(),
                    "try `rm -r " + dir + "`", e);
        }
    }
}
