package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.UserInput;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import dev.hyperlab.core.model.Sizes;
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
import dev.hyperlab.core.wait.Wait;
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
 * Everything is validated before anything is created, and a failure after creation removes the
 * container and its seed directory.
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
    public void check(ContainerRequest r) {
        validate(r);
        requireNameFree(r.name());
        if (!rootfs.isDefault(r.image()) && (!r.image().matches("[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*")
                || !engine.imageExists(r.image()))) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "image '" + UserInput.show(r.image()) + "' not found in the container engine",
                    "try --image debian-12 (hyperlab's default image)");
        }
    }

    /** Validates, imports the image if needed, writes the seed, creates the container (not started). */
    public Created create(ContainerRequest r, Consumer<String> progress) {
        return create(r, clock.getAsLong(), progress);
    }

    /**
     * As above, with the boot timeline measured from {@code t0} (the clock's reading when the user
     * asked): a VM and a container created together then share one origin and can be compared.
     */
    public Created create(ContainerRequest r, long t0, Consumer<String> progress) {
        validate(r);
        requireNameFree(r.name());
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
            requireNameFree(r.name());
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
                throw dirExists(r.name(), dir); // not made here: left alone
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
     * Fails with "exists already" when a container of this name, or a directory of one (a seed a
     * crashed create left, which 'gc' removes), is there. Such a thing is never touched.
     */
    private void requireNameFree(String name) {
        if (engine.inspect(name).isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "creating container " + name + " failed: a container named '"
                    + name + "' exists already", "try another name, or `hyperlab ct rm " + name + "`");
        }
        Path dir = LabDirs.containerDir(dataDir, name);
        if (Files.exists(dir)) {
            throw dirExists(name, dir);
        }
    }

    private static HyperlabException dirExists(String name, Path dir) {
        return new HyperlabException(ErrorCode.CONFLICT, "creating container " + name + " failed: its directory " + dir
                + " exists already and this create did not make it",
                "try another name; if it is a leftover of a crashed hyperlab run, 'hyperlab gc' removes it");
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

    /** create, start and (optionally) wait for READY; on any failure after create, removes everything. */
    public BootTimeline createAndStart(ContainerRequest r, boolean waitReady, Duration timeout, Consumer<String> progress) {
        return createAndStart(r, clock.getAsLong(), waitReady, timeout, progress, t -> { }, Cancellation.NONE);
    }

    /**
     * As above, cancellable: {@code cancel} is checked before the container is made, after it is made
     * and while its readiness is awaited; when cancelled, the container and its directory are removed
     * here before {@link ErrorCode#CANCELLED} is thrown.
     */
    public BootTimeline createAndStart(ContainerRequest r, boolean waitReady, Duration timeout, Consumer<String> progress,
                                       Cancellation cancel) {
        return createAndStart(r, clock.getAsLong(), waitReady, timeout, progress, t -> { }, cancel);
    }

    /**
     * As above, timed from {@code t0}, reporting the timeline each time a phase is reached (created,
     * started, init, ready) to {@code phases}, on the calling thread, as the TUI's live timeline needs.
     */
    public BootTimeline createAndStart(ContainerRequest r, long t0, boolean waitReady, Duration timeout,
                                       Consumer<String> progress, Consumer<BootTimeline> phases) {
        return createAndStart(r, t0, waitReady, timeout, progress, phases, Cancellation.NONE);
    }

    /** Timed from {@code t0} with live phases, and cancellable: what a lab's {@code up} needs of each container. */
    public BootTimeline createAndStart(ContainerRequest r, long t0, boolean waitReady, Duration timeout,
                                       Consumer<String> progress, Consumer<BootTimeline> phases, Cancellation cancel) {
        String what = "creating container " + r.name();
        cancel.check(what);
        Created c = create(r, t0, progress);
        phases.accept(c.timeline());
        try {
            cancel.check(what);
            return start(r.name(), c.startNanos(), c.timeline(), waitReady, timeout, phases, cancel);
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
        return start(name, clock.getAsLong(), BootTimeline.empty(), waitReady, timeout, t -> { }, Cancellation.NONE);
    }

    private BootTimeline start(String name, long t0, BootTimeline sofar, boolean waitReady, Duration timeout,
                               Consumer<BootTimeline> phases, Cancellation cancel) {
        ContainerDetails d = managed(name);
        boolean system = "system".equals(d.labels().get(ContainerLabels.KIND));
        String readyLine = system ? "hyperlab-ready " + d.labels().get(ContainerLabels.INSTANCE_ID) : null;
        ContainerLogWatcher watcher = new ContainerLogWatcher(clock, readyLine);
        // Lines of earlier runs (and their readiness line) must not count for this start. The API's
        // "since" and Podman's log stamps have whole seconds only, and a stop and start fit in one
        // second: count the lines the stopped container has logged and skip that many instead.
        int earlierLines = countLogLines(d.id());
        engine.start(d.id());
        CrashPoints.reached(Step.CT_START);
        long started = clock.getAsLong();
        BootTimeline tl = sofar.reached(Phase.STARTED, Duration.ofNanos(started - t0));
        phases.accept(tl);
        if (!waitReady) {
            saveTimeline(name, tl);
            return tl;
        }
        Long init = null;
        if (!system) {
            // The command runs once the engine reports its process (or its exit).
            ContainerDetails now = engine.inspect(d.id()).orElseThrow(() -> gone(name));
            if (now.pid() > 0 || now.exitCode().isPresent()) {
                init = clock.getAsLong();
            }
        }
        try (LogStream logs = engine.logs(d.id(), true, skipFirst(earlierLines, watcher::line))) {
            Wait ready = Wait.upTo(timeout, System::nanoTime, cancel, "starting container " + name);
            long lastFileCheck = System.nanoTime();
            BootTimeline reported = tl;
            while (!watcher.awaitReady(200)) {
                ready.check();
                BootTimeline sofarSeen = withSeen(tl, watcher.seen(), init, started, t0);
                if (!sofarSeen.equals(reported)) {
                    reported = sofarSeen;
                    phases.accept(sofarSeen);
                }
                if (ready.expired()) {
                    throw new HyperlabException(ErrorCode.TIMEOUT, "starting container " + name + " failed: not ready after "
                            + timeout.toSeconds() + " s; last output: " + watcher.tail()
                            + (system ? "; still waiting: " + pendingJobs(d.id()) : ""),
                            "try `hyperlab ct logs " + name + "`");
                }
                ContainerDetails now = engine.inspect(d.id()).orElseThrow(() -> gone(name));
                if (now.state() != GuestState.RUNNING) {
                    if (!system && now.exitCode().isPresent()) {
                        // A command that printed nothing: it has run to completion.
                        watcher.awaitReady(500);
                        watcher.ready(clock.getAsLong());
                        break;
                    }
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, "starting container " + name + " failed: it "
                            + now.status() + now.exitCode().map(c -> " with code " + c).orElse("")
                            + " before it was ready; last output: " + watcher.tail(), "try `hyperlab ct logs " + name + "`");
                }
                if (system && System.nanoTime() - lastFileCheck > 2_000_000_000L) {
                    // The console may be lost, and on a restart runcmd (per instance) does not run again:
                    // then the marker file left in /run is gone too, and cloud-init's own result file
                    // (written when its final stage ends, on every boot) says it is done.
                    lastFileCheck = System.nanoTime();
                    String out = engine.exec(d.id(), List.of("sh", "-c", "cat " + ReadinessMarker.FILE
                            + " 2>/dev/null; test -f /run/cloud-init/result.json && echo cloud-init-done"),
                            Duration.ofSeconds(10)).stdout();
                    if (out.contains(readyLine) || out.contains("cloud-init-done")) {
                        watcher.ready(clock.getAsLong());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for " + name + " failed: interrupted", null, e);
        }
        tl = withSeen(tl, watcher.seen(), init, started, t0);
        phases.accept(tl);
        saveTimeline(name, tl);
        return tl;
    }

    /** The timeline with the phases the log watcher saw (never before the start: the engine's clock may lag). */
    private static BootTimeline withSeen(BootTimeline tl, Map<Phase, Long> seen, Long init, long started, long t0) {
        if (init != null) {
            seen.put(Phase.INIT, init);
        }
        for (Map.Entry<Phase, Long> e : seen.entrySet()) {
            tl = tl.reached(e.getKey(), Duration.ofNanos(Math.max(e.getValue(), started) - t0));
        }
        return tl;
    }

    private int countLogLines(String id) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        engine.logs(id, false, line -> n.incrementAndGet()).close();
        return n.get();
    }

    /** Passes lines on after dropping the first {@code n}; logs are append-only, so those are the old ones. */
    static Consumer<String> skipFirst(int n, Consumer<String> sink) {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(n);
        return line -> {
            if (left.get() <= 0 || left.getAndDecrement() <= 0) {
                sink.accept(line);
            }
        };
    }

    /** What systemd is still working on, so that a boot that hangs says where. */
    private String pendingJobs(String id) {
        try {
            return engine.exec(id, List.of("sh", "-c", "systemctl list-jobs --no-pager --no-legend 2>&1 | head -8; "
                    + "cloud-init status --long 2>&1 | head -4"), Duration.ofSeconds(10)).stdout().strip().replace("\n", " | ");
        } catch (HyperlabException e) {
            return "(could not ask: " + e.getMessage() + ")";
        }
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
     * Removes the directories (seed, timeline) under the data directory whose container is gone, as
     * a create or remove that crashed leaves them, unless {@code dryRun}. A name whose lock another
     * operation holds is skipped: its create is between its directory and its container.
     */
    public List<Leftover> gc(boolean dryRun) {
        return gc(dryRun, "");
    }

    /** As above, only for container names that start with {@code prefix}. */
    public List<Leftover> gc(boolean dryRun, String prefix) {
        List<Leftover> out = new ArrayList<>();
        Path root = LabDirs.containerDir(dataDir, "x").getParent();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + root + " failed: " + e.getMessage(), null, e);
        }
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            if (!GuestNames.isValid(name) || !name.startsWith(prefix)) {
                continue; // no create makes such a directory: not ours to judge
            }
            Optional<NameLocks.Held> lock = locks().tryAcquire(LOCK_KIND, name);
            if (lock.isEmpty()) {
                continue;
            }
            try (NameLocks.Held held = lock.get()) {
                Optional<ContainerDetails> d = engine.inspect(name);
                Optional<String> owner = owner(dir);
                boolean orphan = d.isEmpty() || (owner.isPresent()
                        && !owner.get().equals(d.get().labels().get(ContainerLabels.INSTANCE_ID)));
                if (orphan) {
                    if (!dryRun) {
                        deleteTree(dir);
                    }
                    out.add(new Leftover("ct-dir", dir.toString(), d.isEmpty() ? "no container " + name
                            : "container " + name + " is another create's", !dryRun));
                }
            }
        }
        return out;
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

    // ---- validation and helpers ----

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
        if (r.memoryBytes() < 0 || (r.memoryBytes() > 0 && r.memoryBytes() < MIN_MEMORY)) {
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
        if (!image.matches("[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*") || !engine.imageExists(image)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "image '" + UserInput.show(image) + "' not found in the container engine",
                    "try --image debian-12 (hyperlab's default image)");
        }
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
                d.labels().getOrDefault(ContainerLabels.IMAGE, d.image()), loadTimeline(d.name()), Optional.empty());
    }

    private static HyperlabException notOurs(String name) {
        return new HyperlabException(ErrorCode.CONFLICT, "container " + name + " was not created by hyperlab",
                "try `podman` for containers hyperlab does not manage");
    }

    private static HyperlabException gone(String name) {
        return new HyperlabException(ErrorCode.OPERATION_FAILED, "container " + name + " vanished while starting", null);
    }

    // The timeline file: one "phase=millis" line per phase reached.
    private void saveTimeline(String name, BootTimeline tl) {
        Path f = LabDirs.containerDir(dataDir, name).resolve("timeline");
        StringBuilder sb = new StringBuilder();
        tl.asMap().forEach((p, d) -> sb.append(p.name()).append('=').append(d.toNanos()).append('\n'));
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The timeline is informative; the container itself is fine.
        }
    }

    BootTimeline loadTimeline(String name) {
        Path f = LabDirs.containerDir(dataDir, name).resolve("timeline");
        BootTimeline tl = BootTimeline.empty();
        if (!Files.isRegularFile(f)) {
            return tl;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    tl = tl.reached(Phase.valueOf(line.substring(0, eq)), Duration.ofNanos(Long.parseLong(line.substring(eq + 1))));
                }
            }
        } catch (IOException | RuntimeException e) {
            return BootTimeline.empty();
        }
        return tl;
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
