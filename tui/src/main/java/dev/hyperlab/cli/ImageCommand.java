package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressText;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.archive.ImageImporter;
import dev.hyperlab.images.archive.Limits;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;
import dev.hyperlab.core.lab.GuestImageUsage;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyperlab image build|pull|import|list|rm}: parses, calls the images module, prints. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Build, download, import, list and remove base images.",
        subcommands = {ImageCommand.Build.class, ImageCommand.Pull.class, ImageCommand.Import.class,
                ImageCommand.ListImages.class, ImageCommand.Remove.class})
final class ImageCommand implements Runnable {

    /** Which guests use an image; tests may set it, otherwise libvirt and the engine are asked. */
    static volatile ImageUsage usage;

    static ImageUsage usage() {
        ImageUsage u = usage;
        return u != null ? u : GuestImageUsage.connect(new ConnectOption().uri());
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs an images-module call, turning its exception into the CLI's (exit code 2 for bad input). */
    static <T> T images(Supplier<T> action) {
        try {
            return action.get();
        } catch (ImageException e) {
            ErrorCode code = switch (e.kind()) {
                case BAD_INPUT -> ErrorCode.BAD_INPUT;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case CONFLICT -> ErrorCode.CONFLICT;
                case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
                case FAILED -> ErrorCode.OPERATION_FAILED;
            };
            throw new HyperlabException(code, e.getMessage(), null, e);
        }
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
            description = "Build the default image locally (mmdebstrap from the host's apt sources; needs root).")
    static final class Build implements Callable<Integer> {
        @Parameters(arity = "0..1", defaultValue = DefaultImage.NAME, description = "Recipe name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--rebuild", description = "Build even if the cached image matches the recipe.")
        boolean rebuild;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Printer printer = new Printer(spec.commandLine().getErr());
            long t0 = System.nanoTime();
            BuiltImage img = images(() -> DefaultImage.ensure(ImageStore.openDefault(), name, rebuild, usage(), printer));
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
                for (CatalogEntry e : Catalog.builtIn().entries()) {
                    out.printf("%-20s %-8s %s%n", e.name(), e.arch(), e.description());
                }
                return 0;
            }
            Printer printer = new Printer(spec.commandLine().getErr());
            ImageRecord r = images(() -> ImagePuller.standard(ImageStore.openDefault(), printer)
                    .pull(new ImagePuller.Request(what, name, checksumUrl, null, digest)));
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
            ImageRecord r = images(() -> new ImageImporter(ImageStore.openDefault(), Limits.DEFAULT, printer).importFile(file, name));
            spec.commandLine().getOut().printf("imported %s (%s, %s, sha256 %s)%n", r.name(), r.format().label(),
                    size(r.virtualSize()), r.sha256());
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the images in the store.")
    static final class ListImages implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ImageStore store = images(ImageStore::openDefault);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ImageListing l : images(() -> store.listing(usage()))) {
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
                rows.add(m);
            }
            if (json) {
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
                        shown.isEmpty() ? "-" : String.join(",", new java.util.LinkedHashSet<>(shown)), m.get("source"));
            }
            unknown.forEach(u -> out.println("? guests not known: " + u));
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove an image (refused while a guest uses it).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            images(() -> {
                ImageStore.openDefault().remove(name, usage());
                return null;
            });
            spec.commandLine().getOut().println("removed " + name);
            return 0;
        }
    }
}
