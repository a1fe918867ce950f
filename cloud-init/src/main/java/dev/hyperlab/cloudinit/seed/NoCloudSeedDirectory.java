package dev.hyperlab.cloudinit.seed;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a NoCloud seed for containers: the same three files as the ISO, in a directory that is (or is
 * bind-mounted at) {@value #CONTAINER_SEED_PATH} in the container, where a system container's
 * cloud-init finds them. Files are 0600; all three are staged first and then renamed into place, and
 * on failure everything this call created is removed.
 */
public final class NoCloudSeedDirectory {
    /** Where cloud-init's NoCloud datasource looks for a local seed. */
    public static final String CONTAINER_SEED_PATH = "/var/lib/cloud/seed/nocloud";

    private NoCloudSeedDirectory() {}

    /** Writes the seed into {@code dir}, creating it (and missing parents) if needed. */
    public static void write(RenderedSeed seed, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw CloudInitException.badInput("writing NoCloud seed directory failed: " + dir
                    + " is a file; give a directory path");
        }
        List<Path> createdDirs = new ArrayList<>();
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            createDirectories(dir.toAbsolutePath(), createdDirs);
            for (Map.Entry<String, byte[]> f : seed.files().entrySet()) {
                Path target = dir.resolve(f.getKey());
                staged.put(AtomicFiles.stage(target, f.getValue()), target);
            }
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                AtomicFiles.commit(s.getKey(), s.getValue());
            }
        } catch (IOException | RuntimeException e) {
            staged.keySet().forEach(AtomicFiles::deleteQuietly);
            if (!createdDirs.isEmpty()) {
                staged.values().forEach(AtomicFiles::deleteQuietly);
            }
            for (int i = createdDirs.size() - 1; i >= 0; i--) {
                AtomicFiles.deleteQuietly(createdDirs.get(i));
            }
            if (e instanceof CloudInitException ce) {
                throw ce;
            }
            throw CloudInitException.ioFailure("writing NoCloud seed directory failed: " + dir + ": " + e
                    + "; try a directory you can write to, with free space", e);
        }
    }

    /** Writes the seed at {@value #CONTAINER_SEED_PATH} inside a container's root file system; returns that directory. */
    public static Path writeIntoRootfs(RenderedSeed seed, Path rootfs) {
        if (!Files.isDirectory(rootfs)) {
            throw CloudInitException.badInput("writing NoCloud seed failed: root file system " + rootfs
                    + " is not a directory; give the unpacked rootfs directory");
        }
        Path dir = rootfs.resolve(CONTAINER_SEED_PATH.substring(1));
        write(seed, dir);
        return dir;
    }

    /** Removes the three seed files and then the directory if it is empty; missing files are fine. */
    public static void delete(Path dir) {
        try {
            for (String name : List.of(RenderedSeed.USER_DATA, RenderedSeed.META_DATA, RenderedSeed.NETWORK_CONFIG)) {
                Files.deleteIfExists(dir.resolve(name));
            }
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw CloudInitException.ioFailure("removing NoCloud seed directory failed: " + dir + ": " + e
                    + "; try removing it by hand", e);
        }
    }

    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent, created);
        }
        Files.createDirectory(dir);
        created.add(dir);
    }
}
