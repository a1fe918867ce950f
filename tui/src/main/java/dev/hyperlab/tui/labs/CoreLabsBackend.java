package dev.hyperlab.tui.labs;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labrun.LabRunner;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.labrun.LabForwards;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.labrun.LabTeardown;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.images.ProgressText;
import dev.hyperlab.images.build.DefaultImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The labs of this host through core's {@link LabRunner} and {@link LabTeardown}, with the options
 * {@code hyperlab up} has by default (4 guests at once, 15 minutes each). VMs go through the TUI's
 * own {@link VmService} (one libvirt connection for the list, the actions and the labs); the container
 * engine is connected only when a lab has containers, for that operation, and closed after it.
 */
public final class CoreLabsBackend implements LabsBackend {
    static final LabRunner.Options OPTIONS = new LabRunner.Options(Set.of(), 4, Duration.ofMinutes(15));

    private final Supplier<VmService> vms;
    private final Supplier<ContainerService> containers;
    private final LabStates states;
    private final LabForwards forwards;
    /** The CLI's main class, which answers the forwarder's subcommand (named, not imported: cli depends on tui). */
    private static final String CLI_MAIN = "dev.hyperlab.cli.Main";
    private final Predicate<String> images;
    private final BiConsumer<LabFile, LabRunner.Board> prepare;
    private final LabFinder finder;

    /**
     * @param images  whether an image is in the store (the lab file's check)
     * @param prepare runs before an up: makes missing images that can be made (the default image)
     */
    public CoreLabsBackend(Supplier<VmService> vms, Supplier<ContainerService> containers, Path dataDir,
                           Predicate<String> images, BiConsumer<LabFile, LabRunner.Board> prepare, LabFinder finder) {
        this.vms = vms;
        this.containers = containers;
        this.states = new LabStates(dataDir);
        // the forwarder is started as 'hyperlab up' starts it: this JVM's jar, the CLI's main class
        this.forwards = new LabForwards(dataDir, LabForwards.programOfThisJvm(CLI_MAIN));
        this.images = images;
        this.prepare = prepare;
        this.finder = finder;
    }

    /** As the process is wired: its data directory and image store, lab files from here and the config directory. */
    public static CoreLabsBackend of(Wiring wiring, Supplier<VmService> vms) {
        ImageService store = wiring.images();
        return new CoreLabsBackend(vms, wiring::containers, wiring.dataDir(), name -> has(store, name),
                (lab, board) -> buildDefaultImage(store, lab, board), LabFinder.forThisProcess());
    }

    /** As {@code hyperlab up}: the default image is built first (once) when a guest asks for it and the store has none. */
    static void buildDefaultImage(ImageService store, LabFile lab, LabRunner.Board board) {
        if (lab.guests().stream().anyMatch(g -> g.image().equals(DefaultImage.NAME)) && !store.upToDate(DefaultImage.NAME)
                && !has(store, DefaultImage.NAME)) {
            store.build(DefaultImage.NAME, false, p -> board.update(DefaultImage.NAME, "image",
                    "building (once): " + ProgressText.line(p).strip()));
            board.update(DefaultImage.NAME, "image", "built");
        }
    }

    static boolean has(ImageService store, String name) {
        try {
            store.info(name);
            return true;
        } catch (HyperlabException e) {
            return false;
        }
    }

    @Override
    public String location() {
        return finder.workDir() + " and " + finder.configLabs();
    }

    @Override public Path workDir() { return finder.workDir(); }

    @Override public List<LabFileEntry> files() { return finder.find(); }

    @Override public List<LabState> states() { return states.all(); }

    @Override
    public List<LabRunner.Outcome> up(LabFile lab, LabRunner.Board board, Cancellation cancel) {
        prepare.accept(lab, board);
        cancel.check("bringing up lab " + lab.name());
        try (Engine engine = new Engine(containers)) {
            LabRunner.Report report = new LabRunner(vms.get(), engine, states, forwards, images, System::nanoTime)
                    .up(lab, OPTIONS, board, cancel);
            if (!report.ports().failed()) {
                return report.guests();
            }
            // the guests are up; the forwards are not: the board's outcome says so as 'hyperlab up' does
            List<LabRunner.Outcome> out = new java.util.ArrayList<>(report.guests());
            out.add(new LabRunner.Outcome("ports", "forward", LabRunner.Result.FAILED, report.ports().error(), null));
            return out;
        }
    }

    @Override
    public List<String> down(String lab) {
        try (Engine engine = new Engine(containers)) {
            return new LabTeardown(vms.get(), engine, states, forwards).down(lab);
        }
    }

    /** The engine of one operation: connected on first use (a lab of VMs never asks), closed with the operation. */
    private static final class Engine implements Supplier<ContainerService>, AutoCloseable {
        private final Supplier<ContainerService> connect;
        private ContainerService service;

        Engine(Supplier<ContainerService> connect) { this.connect = connect; }

        @Override public synchronized ContainerService get() {
            if (service == null) {
                service = connect.get(); // a failure is not kept: the next use tries again
            }
            return service;
        }

        @Override public synchronized void close() {
            if (service != null) {
                service.close();
            }
        }
    }
}
