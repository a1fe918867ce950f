package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.hosts.LibvirtUri;
import dev.hyperlab.core.hosts.UriAliases;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Base images on a libvirt host that is not this machine. Its QEMU cannot open this machine's image
 * store, so each artifact a guest boots from (disk, kernel, initrd) is uploaded through libvirt's
 * storage API (streams: works over qemu+ssh and qemu+tcp alike), once per content hash, into the pool
 * {@value #POOL} whose directory is the <em>same path</em> as the local store's blob directory. The
 * blobs keep their digest names, so an overlay's backing file has one path on every host: that is
 * what lets {@code vm migrate --copy-storage} copy only the overlay and find the base on the target.
 *
 * <p>An upload that was cut off (a crash, a lost connection) must never pass for a whole base: a small
 * marker volume {@code DIGEST.whole} is uploaded only after the blob's last byte arrived, and a blob
 * without its marker is deleted and sent again.
 */
public final class HostImages {
    public static final String POOL = "hyperlab-images";
    static final String WHOLE = ".whole";

    private HostImages() {}

    /**
     * {@code uri} as hyperlab reads it; empty for a URI it does not understand, which libvirt was given and
     * connected to, so it is treated as this machine's.
     */
    static java.util.Optional<LibvirtUri> parsed(String uri) {
        try {
            return java.util.Optional.of(LibvirtUri.parse(uri, UriAliases.forThisProcess()));
        } catch (HyperlabException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether guests on the host at {@code uri} need their images uploaded: every host but this machine's own. */
    public static boolean remote(String uri) {
        return parsed(uri).map(LibvirtUri::remote).orElse(false);
    }

    /** {@code local} with every artifact's path on {@code hv}'s host, uploading what that host lacks. */
    public static BootImage onHost(Hypervisor hv, BootImage local, Consumer<String> step) {
        java.util.Map<String, VolumeRef> there = poolAt(hv, local.qcow2().getParent());
        String disk = ship(hv, there, local.qcow2(), "disk of " + local.name(), step);
        Optional<Path> kernel = local.kernel().map(k -> Path.of(ship(hv, there, k, "kernel of " + local.name(), step)));
        Optional<Path> initrd = local.initrd().map(i -> Path.of(ship(hv, there, i, "initrd of " + local.name(), step)));
        return new BootImage(local.name(), Path.of(disk), local.virtualSize(), kernel, initrd, local.cmdline(),
                local.firmware(), local.facts());
    }

    /** Whether {@code hv}'s host holds every artifact of {@code local} whole. */
    public static boolean present(Hypervisor hv, BootImage local) {
        return missing(hv, java.util.stream.Stream.of(Optional.of(local.qcow2()), local.kernel(), local.initrd())
                .flatMap(Optional::stream).toList()).isEmpty();
    }

    /** Which of the store's {@code blobs} (disk, kernel, initrd) {@code hv}'s remote host lacks whole (migration checks this). */
    public static java.util.List<Path> missing(Hypervisor hv, java.util.List<Path> blobs) {
        Set<String> there;
        try {
            there = hv.listVolumes(POOL).stream().map(VolumeRef::name).collect(Collectors.toSet());
        } catch (HyperlabException e) {
            return blobs; // no such pool there yet
        }
        return blobs.stream().filter(p -> !there.contains(p.getFileName() + WHOLE)).toList();
    }

    /** Uploads each of this machine's {@code blobs} the remote host lacks (migration with --copy-storage). */
    public static void ship(Hypervisor hv, java.util.List<Path> blobs, Consumer<String> step) {
        java.util.Map<String, VolumeRef> there = poolAt(hv, blobs.get(0).getParent());
        for (Path blob : blobs) {
            ship(hv, there, blob, "image blob " + blob.getFileName().toString().substring(0, 12), step);
        }
    }

    /** The pool {@value #POOL} at the store's blob directory {@code dir}, made when missing, and its volumes by name. */
    private static java.util.Map<String, VolumeRef> poolAt(Hypervisor hv, Path dir) {
        hv.ensurePool(POOL, dir.toString());
        return hv.listVolumes(POOL).stream().collect(Collectors.toMap(VolumeRef::name, v -> v, (a, b) -> a));
    }

    /** {@code there}: the pool's volumes by name, listed once for all of an image's artifacts. */
    private static String ship(Hypervisor hv, java.util.Map<String, VolumeRef> there, Path blob, String what,
                               Consumer<String> step) {
        String name = blob.getFileName().toString();
        if (there.containsKey(name) && there.containsKey(name + WHOLE)) {
            return there.get(name).path();
        }
        if (there.containsKey(name)) {
            hv.deleteVolume(POOL, name); // a cut-off upload: never boot from it
        }
        long size = sizeOf(blob);
        step.accept("uploading the " + what + " (" + Sizes.human(size) + ") to the host's pool " + POOL);
        long t0 = System.nanoTime();
        long[] told = {0};
        VolumeRef ref = hv.uploadVolume(POOL, name, blob, sent -> {
            // a line per tenth: an image of a GiB over SSH takes a while, and the user should see it move
            if (size > 0 && sent * 10 / size > told[0] && sent < size) {
                told[0] = sent * 10 / size;
                step.accept("uploading the " + what + ": " + (told[0] * 10) + " % (" + Sizes.human(sent) + " of "
                        + Sizes.human(size) + ")");
            }
        });
        markWhole(hv, name);
        double s = (System.nanoTime() - t0) / 1e9;
        step.accept(String.format(java.util.Locale.ROOT, "uploaded the %s in %.1f s (%s/s)", what, s,
                Sizes.human((long) (size / Math.max(s, 0.001)))));
        return ref.path();
    }

    private static void markWhole(Hypervisor hv, String name) {
        try {
            Path marker = Files.createTempFile("hyperlab-whole-", ".txt");
            try {
                Files.writeString(marker, name + "\n");
                hv.uploadVolume(POOL, name + WHOLE, marker);
            } finally {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new HyperlabException(dev.hyperlab.core.error.ErrorCode.OPERATION_FAILED,
                    "marking the uploaded " + name + " whole failed: " + e.getMessage(), "try again", e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
