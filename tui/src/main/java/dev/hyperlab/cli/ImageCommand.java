package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressText;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyperlab image build|pull|import|list|rm}: parses, calls the images module, prints. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Build, download, import, list and remove base images.",
        subcommands = {ImageCommand.Build.class, ImageCommand.Pull.class, ImageCommand.Import.class,
                ImageCommand.ListImages.class, ImageCommand.Info.class, ImageCommand.Remove.class})
final class ImageCommand implements Runnable {

    /** The images as this process is wired: the data directory's store; libvirt and the engine say which guests use one. */
    static ImageService images() {
        return new ConnectOption().wiring().images();
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints progress to stderr: a redrawn line on a terminal, a line per phase (and every few seconds) otherwise. */
    static final class Printer implements ProgressListener {
        private final PrintWriter err;
        private final boolean tty = System.console() != null;
        private String lastPhase = "";
        private long lastLine;

        Printer(PrintWriter err) { this.err = err; }

        @Override
        public void onProgress(Progress p) {
            String line = ProgressText.line(p);
            long now = System.nanoTime();
            boolean newPhase = !p.phase().equals(lastPhase);
            if (tty && p.isTransfer()) {
                err.print("\r" + line + "   ");
            } else if (newPhase || !p.isTransfer() || now - lastLine > 5_000_000_000L) {
                err.println(line);
                lastLine = now;
            }
            lastPhase = p.phase();
            err.flush();
        }

        void done() {
            if (tty) {
                err.println();
            }
        }
    }

    static String size(long bytes) {
        return ProgressText.size(bytes);
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build an image locally with mmdebstrap (needs root): the default image from the host's apt",
                    "sources, or another suite or distribution from a recipe directory (--recipe images/recipes/debian-13)."})
    static final class Build implements Callable<Integer> {
        @Parameters(arity = "0..1", defaultValue = DefaultImage.NAME, description = "Recipe name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--recipe", paramLabel = "DIR", description = "A recipe directory of the same shape as the "
                + "shipped debian-12: recipe.properties (name, suite, variant, disk.size, kernel.cmdline, files, "
                + "optional mirror), packages.txt, essential.sh, customize.sh.")
        java.nio.file.Path recipeDir;

        @Option(names = "--rebuild", description = "Build even if the cached image matches the recipe.")
        boolean rebuild;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Printer printer = new Printer(spec.commandLine().getErr());
            long t0 = System.nanoTime();
            if (recipeDir != null) {
                name = dev.hyperlab.images.build.Recipe.fromDirectory(recipeDir).name(); // checked whole before the build
            }
            BuiltImage img = recipeDir != null ? images().buildFromDirectory(recipeDir, rebuild, printer)
                    : images().build(name, rebuild, printer);
            long secs = (System.nanoTime() - t0) / 1_000_000_000L;
            out.printf("%s ready (%d s)%n  disk    %s%n  kernel  %s%n  initrd  %s%n  rootfs  %s%n  cmdline %s%n",
                    name, secs, img.qcow2(), img.kernel(), img.initrd(), img.rootfsTar(), img.kernelCmdline());
            return 0;
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Download a cloud image from the catalog or a URL, verify its checksum, store it as qcow2.")
    static final class Pull implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "NAME|URL", description = "A catalog name (see --list) or an http(s) URL.")
        String what;

        @Option(names = "--name", description = "Store it under this name.")
        String name;

        @Option(names = "--checksum-url", paramLabel = "URL", description = "For a URL: its SHA256SUMS/SHA512SUMS file.")
        URI checksumUrl;

        @Option(names = {"--sha256", "--sha512"}, paramLabel = "HEX", description = "For a URL: the expected digest.")
        String digest;

        @Option(names = "--list", description = "List the catalog and exit.")
        boolean list;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (list || what == null) {
                for (CatalogEntry e : images().catalog()) {
                    out.printf("%-20s %-8s %s%n", e.name(), e.arch(), e.description());
                }
                return 0;
            }
            Printer printer = new Printer(spec.commandLine().getErr());
            ImageRecord r = images().pull(new ImagePuller.Request(what, name, checksumUrl, null, digest), printer);
            printer.done();
            out.printf("pulled %s (%s, %s virtual, sha256 %s)%n", r.name(), r.format().label(), size(r.virtualSize()),
                    r.sha256());
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a local qcow2, raw disk, rootfs tar(.gz/.xz/.zst) or OCI / docker save archive.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE") Path file;

        @Option(names = "--name", description = "Store it under this name (default: from the file name).")
        String name;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Printer printer = new Printer(spec.commandLine().getErr());
            ImageRecord r = images().importFile(file, name, printer);
            spec.commandLine().getOut().printf("imported %s (%s, %s, sha256 %s)%n", r.name(), r.format().label(),
                    size(r.virtualSize()), r.sha256());
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the images in the store.")
    static final class ListImages implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @CommandLine.Mixin QuietOption quiet;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (quiet.names(out, images().list().stream().map(l -> l.image().name()).toList())) {
                return 0;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ImageListing l : images().list()) {
                ImageRecord r = l.image();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("format", r.format().label());
                m.put("virtualSize", r.virtualSize());
                m.put("diskSize", l.diskBytes());
                m.put("source", r.source());
                m.put("sha256", r.sha256());
                m.put("created", r.created());
                m.put("guests", l.guests());
                m.put("artifacts", r.artifacts());
                m.put("problem", l.problem());
                rows.add(m);
            }
            // Records that cannot be read are shown beside the good images, never instead of them.
            List<ImageStore.BrokenRecord> broken = images().broken();
            if (json) {
                for (ImageStore.BrokenRecord b : broken) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", b.name());
                    m.put("problem", b.reason());
                    rows.add(m);
                }
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
                return 0;
            }
            out.printf("%-20s %-10s %10s %10s %-14s %s  %s%n", "NAME", "FORMAT", "VIRTUAL", "ON DISK", "SHA256", "GUESTS", "SOURCE");
            // A daemon that could not be asked is one "?" per row and its error once below, not in every row.
            java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
            for (Map<String, Object> m : rows) {
                @SuppressWarnings("unchecked") List<String> guests = (List<String>) m.get("guests");
                List<String> shown = new ArrayList<>();
                for (String g : guests) {
                    if (g.startsWith("unknown (") && g.endsWith(")")) {
                        unknown.add(g.substring("unknown (".length(), g.length() - 1));
                        shown.add("?");
                    } else {
                        shown.add(g);
                    }
                }
                out.printf("%-20s %-10s %10s %10s %-14s %-6s  %s%n", m.get("name"), m.get("format"),
                        size((Long) m.get("virtualSize")), size((Long) m.get("diskSize")),
                        ((String) m.get("sha256")).substring(0, 12),
                        shown.isEmpty() ? "-" : String.join(",", new java.util.LinkedHashSet<>(shown)),
                        m.get("problem") == null ? m.get("source") : "BROKEN: " + m.get("problem"));
            }
            for (ImageStore.BrokenRecord b : broken) {
                out.printf("%-20s %-10s %10s %10s %-14s %-6s  BROKEN: %s%n", b.name(), "?", "-", "-", "-", "-", b.reason());
            }
            int bad = broken.size() + (int) rows.stream().filter(m -> m.get("problem") != null).count();
            if (bad > 0) {
                spec.commandLine().getErr().println(bad + (bad == 1 ? " image is" : " images are")
                        + " broken; try hyperlab image rm NAME, then import or build it again");
            }
            unknown.forEach(u -> out.println("? guests not known: " + u));
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show one image: its store record, how it boots (read from its disk) and its distro facts.")
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--json", description = "Print the stored record as JSON.") boolean json;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ImageRecord r = images().info(name);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
                return 0;
            }
            out.print(describe(r));
            return 0;
        }

        /** The text {@code image info} prints. */
        static String describe(ImageRecord r) {
            StringBuilder b = new StringBuilder();
            java.util.function.BiConsumer<String, Object> line = (k, v) -> b.append(String.format("%-17s%s%n", k, v));
            line.accept("name:", r.name());
            line.accept("format:", r.format().label() + ", " + size(r.virtualSize()) + " virtual");
            line.accept("source:", r.source());
            line.accept("sha256:", r.sha256());
            line.accept("created:", r.created());
            line.accept("boots with:", bootsWith(r));
            java.util.Optional<dev.hyperlab.images.catalog.DistroFacts> facts =
                    dev.hyperlab.images.catalog.DistroFacts.fromLabels(r.labels());
            if (facts.isEmpty()) {
                line.accept("distro facts:", "none stored (an image built or imported here; pull a catalog image for them)");
                return b.toString();
            }
            dev.hyperlab.images.catalog.DistroFacts f = facts.get();
            b.append("distro facts (from the catalog):").append(System.lineSeparator());
            line.accept("  login user:", f.loginUser());
            line.accept("  firmware:", f.firmware());
            line.accept("  seed:", f.seed());
            line.accept("  guest agent:", f.guestAgent() ? "yes" : "no");
            line.accept("  console args:", f.consoleArgs());
            line.accept("  as container:", f.container());
            return b.toString();
        }

        private static String bootsWith(ImageRecord r) {
            if (r.artifacts().containsKey(ImageRecord.KERNEL)) {
                return "its own kernel and initrd, passed by hyperlab (direct kernel boot, SeaBIOS)";
            }
            String fw = r.labels().get(dev.hyperlab.images.firmware.BootFirmware.LABEL);
            String detail = r.labels().getOrDefault(dev.hyperlab.images.firmware.BootFirmware.DETAIL_LABEL, "");
            if (fw == null) {
                return r.format() == dev.hyperlab.images.store.ImageFormat.QCOW2
                        ? "not read yet (vm create reads the disk)" : "- (a rootfs for containers)";
            }
            return fw + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove an image (refused while a guest uses it).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", completionCandidates = dev.hyperlab.cli.complete.NameKind.Images.class) String name;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            images().remove(name);
            spec.commandLine().getOut().println("removed " + name);
            return 0;
        }
    }
}
