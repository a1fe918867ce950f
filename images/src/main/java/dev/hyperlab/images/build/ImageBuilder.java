package dev.hyperlab.images.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ImageException.Kind;
import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.Tools;
import dev.hyperlab.images.store.DataDir;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds an image from a {@link Recipe}, all or nothing:
 * mmdebstrap (host apt sources, no mirror argument) into a directory in the store's staging area,
 * then in parallel a tar of that directory (for the container engine) and an ext4 filesystem
 * filled from it with {@code mkfs.ext4 -d} (no loop mount), converted to qcow2; the kernel and
 * initrd are copied out for direct kernel boot. Only when every step succeeded do the artifacts
 * enter the store, by atomic moves; a failure deletes the staging directory and leaves the store
 * as it was.
 *
 * <p>Needs root: mmdebstrap's root mode and mkfs.ext4 -d keep file owners only as root (the host
 * need not run systemd). Downloaded .debs are kept in a cache next to the store, so a rebuild
 * fetches nothing it already has.
 */
public final class ImageBuilder {
    private static final long BOOTSTRAP_TIMEOUT_S = 1800;
    private static final long STEP_TIMEOUT_S = 600;

    private final ImageStore store;
    private final Clock clock;
    private final ProgressListener progress;
    private Instant start;

    public ImageBuilder(ImageStore store, Clock clock, ProgressListener progress) {
        this.store = store;
        this.clock = clock;
        this.progress = progress;
    }

    public ImageRecord build(Recipe recipe, ImageUsage usage) {
        start = clock.instant();
        preflight();
        try (ImageStore.Staging stage = store.staging()) {
            Path rootfs = stage.file("rootfs");
            try {
                Path recipeDir = stage.file("recipe");
                recipe.writeTo(recipeDir);
                bootstrap(recipe, recipeDir, rootfs, stage.file("mmdebstrap.log"));

                phase("kernel", "copying vmlinuz and initrd.img out of /boot");
                Path kernel = copyOne(rootfs.resolve("boot"), "vmlinuz-", stage.file("vmlinuz"));
                Path initrd = copyOne(rootfs.resolve("boot"), "initrd.img-", stage.file("initrd.img"));
                String kernelVersion = kernelVersion(rootfs.resolve("boot"));

                phase("disk+tar", "mkfs.ext4 -d and tar of the root filesystem, in parallel");
                Path tar = stage.file("rootfs.tar");
                Path raw = stage.file("disk.raw");
                CompletableFuture<Void> tarJob = CompletableFuture.runAsync(() -> tar(rootfs, tar));
                makeExt4(rootfs, raw, recipe.diskSize());
                join(tarJob);
                deleteRootfs(rootfs);

                phase("qcow2", "qemu-img convert -O qcow2");
                Path qcow2 = stage.file("disk.qcow2");
                Tools.check("image build", List.of("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(),
                        qcow2.toString()), STEP_TIMEOUT_S);
                Files.delete(raw);
                long virtualSize = virtualSize(qcow2);

                phase("store", "moving the artifacts into " + store.root());
                Map<String, Path> files = new LinkedHashMap<>();
                files.put(ImageRecord.DISK, qcow2);
                files.put(ImageRecord.KERNEL, kernel);
                files.put(ImageRecord.INITRD, initrd);
                files.put(ImageRecord.ROOTFS, tar);
                ImageRecord rec = store.commit(new ImageStore.NewImage(recipe.name(), ImageFormat.QCOW2, virtualSize,
                        "built:" + recipe.name() + "@" + recipe.hash().substring(0, 12), files,
                        Map.of(BuiltImage.RECIPE_LABEL, recipe.hash(), BuiltImage.CMDLINE_LABEL, recipe.kernelCmdline(),
                                "kernel.version", kernelVersion, "build.seconds", Long.toString(elapsed().toSeconds()))),
                        true, usage);
                phase("done", "built " + recipe.name() + " in " + elapsed().toSeconds() + " s");
                return rec;
            } catch (IOException e) {
                throw new ImageException(Kind.FAILED, "image build failed: " + e + "; try again, or free disk space in "
                        + store.root(), e);
            } finally {
                deleteRootfs(rootfs);
            }
        }
    }

    private void preflight() {
        if (!DataDir.isRoot()) {
            throw new ImageException(Kind.BAD_INPUT, "image build failed: it needs root (mmdebstrap and "
                    + "mkfs.ext4 -d keep file owners only as root); try sudo hyperlab image build");
        }
        for (String tool : List.of("mmdebstrap", "mkfs.ext4", "qemu-img", "tar")) {
            Tools.requireOnPath(tool);
        }
    }

    private void bootstrap(Recipe recipe, Path recipeDir, Path rootfs, Path log) throws IOException {
        // One .deb cache per host (not per store): a scratch store in a test reuses the downloads.
        Path cache = DataDir.images().resolve("cache/debs");
        Files.createDirectories(cache);
        List<String> cmd = new ArrayList<>(List.of("mmdebstrap", "--variant=" + recipe.variant(),
                "--include=" + String.join(",", recipe.packages()),
                "--format=directory",
                // Keep the essential .debs in the archive dir so the cache below sees them too.
                "--skip=essential/unlink",
                // No fsync per file: a build that crashes is thrown away anyway, and the files are
                // read back by mkfs/tar right after. Saves much time on a busy or slow disk.
                "--dpkgopt=force-unsafe-io",
                "--aptopt=Acquire::Languages \"none\"",
                "--dpkgopt=path-exclude=/usr/share/man/*",
                "--dpkgopt=path-exclude=/usr/share/doc/*",
                "--dpkgopt=path-exclude=/usr/share/info/*",
                "--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/",
                "--setup-hook=sync-in " + cache + " /var/cache/apt/archives/",
                "--essential-hook=sh " + recipeDir.resolve("essential.sh") + " \"$1\"",
                "--customize-hook=sync-out /var/cache/apt/archives " + cache,
                "--customize-hook=sh " + recipeDir.resolve("customize.sh") + " \"$1\" " + recipeDir,
                // No mirror argument: mmdebstrap uses the host's own apt sources.
                recipe.suite(), rootfs.toString()));
        recipe.mirror().ifPresent(cmd::add);
        phase("bootstrap", "mmdebstrap " + recipe.suite() + " (" + recipe.packages().size() + " packages)");
        int rc = runStreaming(cmd, log, "bootstrap");
        if (rc != 0) {
            throw new ImageException(Kind.FAILED, "image build failed: mmdebstrap exited with " + rc + ": "
                    + Tools.tail(Files.readString(log), 8) + "; try apt-get update on the host (mmdebstrap uses its "
                    + "apt sources), then hyperlab image build --rebuild");
        }
    }

    /** Runs a command, turning each of its "I: ..." lines into a progress event; returns the exit code. */
    private int runStreaming(List<String> cmd, Path log, String phase) throws IOException {
        Tools.requireOnPath(cmd.get(0));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + ":" + b);
        Process p = pb.start();
        p.getOutputStream().close();
        Deque<String> lines = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(log)) {
            for (String line; (line = r.readLine()) != null; ) {
                w.write(line);
                w.newLine();
                if (line.startsWith("I: ")) {
                    progress.onProgress(Progress.phase(phase, elapsed(), line.substring(3)));
                }
                lines.add(line);
            }
        }
        try {
            if (!p.waitFor(BOOTSTRAP_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImageException(Kind.FAILED, "image build failed: interrupted", e);
        }
        return p.exitValue();
    }

    private static Path copyOne(Path boot, String prefix, Path target) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.list(boot)) {
            found = s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p)).toList();
        }
        if (found.size() != 1) {
            throw new ImageException(Kind.FAILED, "image build failed: expected one " + prefix + "* in /boot, found "
                    + found.size() + "; try checking that the recipe installs exactly one kernel");
        }
        Files.copy(found.get(0), target);
        return target;
    }

    private static String kernelVersion(Path boot) throws IOException {
        try (Stream<Path> s = Files.list(boot)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> n.substring("vmlinuz-".length())).findFirst().orElse("unknown");
        }
    }

    private static void tar(Path rootfs, Path tar) {
        Tools.check("image build (rootfs tar)", List.of("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*",
                "--sort=name",
                // The container engine provides /dev; device nodes in the tar are only trouble.
                "--exclude=./dev/*", "-C", rootfs.toString(), "-cf", tar.toString(), "."), STEP_TIMEOUT_S);
    }

    private static void makeExt4(Path rootfs, Path raw, long size) throws IOException {
        try (var f = new java.io.RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(size); // sparse
        }
        Tools.check("image build (mkfs.ext4 -d)", List.of("mkfs.ext4", "-q", "-F", "-L", "rootfs",
                "-E", "lazy_itable_init=1,lazy_journal_init=1", "-d", rootfs.toString(), raw.toString()), STEP_TIMEOUT_S);
    }

    static long virtualSize(Path image) {
        String out = Tools.check("image build (qemu-img info)", List.of("qemu-img", "info", "--output=json", image.toString()), 60);
        try {
            JsonNode n = new ObjectMapper().readTree(out);
            return n.path("virtual-size").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void join(CompletableFuture<Void> job) {
        try {
            job.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /**
     * Deletes the bootstrap directory. mmdebstrap unmounts what it mounted, but if it died, /proc,
     * /sys or /dev entries may still be mounted inside: unmount them first and never cross into
     * another filesystem, so a failed build cannot delete host files.
     */
    static void deleteRootfs(Path rootfs) {
        if (!Files.exists(rootfs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            List<String> mounts = new ArrayList<>();
            String prefix = rootfs.toRealPath().toString() + "/";
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].startsWith(prefix)) {
                    mounts.add(f[4]);
                }
            }
            mounts.sort(java.util.Comparator.reverseOrder()); // deepest first
            for (String m : mounts) {
                Tools.run(List.of("umount", "-l", m), 60);
            }
        } catch (IOException e) {
            // /proc unreadable: rm --one-file-system below still refuses to cross mounts
        }
        Tools.run(List.of("rm", "-rf", "--one-file-system", rootfs.toString()), STEP_TIMEOUT_S);
    }

    private void phase(String name, String detail) {
        progress.onProgress(Progress.phase(name, elapsed(), detail));
    }

    private Duration elapsed() {
        return Duration.between(start, clock.instant());
    }
}
