package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.template.TemplateStore;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One libvirt host as every VM operation sees it: the port, hyperlab's pool and data directory
 * (console logs, templates), the per-name locks and the clock timelines are measured on. Creation,
 * lifecycle and gc ({@link VmCreator}, {@link VmLifecycle}, {@link VmGc}) share one.
 */
final class VmHost {
    private final Hypervisor hv;
    private final Path dataDir;
    private final LongSupplier nanoClock;
    private final NameLocks locks;
    private final boolean remote;
    private final boolean loopback;

    VmHost(Hypervisor hv, Path dataDir, LongSupplier nanoClock) {
        this.hv = hv;
        this.dataDir = dataDir;
        this.nanoClock = nanoClock;
        this.locks = new NameLocks(LabDirs.locksDir(dataDir), hv.uri());
        java.util.Optional<dev.hyperlab.core.hosts.LibvirtUri> uri = HostImages.parsed(hv.uri());
        this.remote = uri.map(dev.hyperlab.core.hosts.LibvirtUri::remote).orElse(false);
        this.loopback = uri.map(dev.hyperlab.core.hosts.LibvirtUri::loopback).orElse(true);
    }

    Hypervisor hv() { return hv; }

    /**
     * Whether the libvirt host is another machine (or another daemon reached over the network): then
     * nothing hyperlab does may rely on a local file there. Its QEMU gets images uploaded
     * ({@link HostImages}) and keeps no console log file; readiness, the console and the timeline go
     * through libvirt streams, metadata and the guest agent.
     */
    boolean remote() { return remote; }

    /** Whether the libvirt host's loopback (where user-mode NICs forward SSH) is this machine's. */
    boolean loopbackReachable() { return !remote || loopback; }

    Path dataDir() { return dataDir; }

    NameLocks locks() { return locks; }

    LongSupplier nanoClock() { return nanoClock; }

    /** Waits (up to {@link VmService#LOCK_WAIT}) for the lock of the VM {@code name}. */
    NameLocks.Held lock(String name) {
        return locks.acquire(VmService.LOCK_KIND, name, VmService.LOCK_WAIT);
    }

    /** Where the pool's volumes live on the libvirt host. */
    Path poolDir() { return dataDir.resolve("pool"); }

    Path logsDir() { return dataDir.resolve("logs"); }

    Path consoleLog(String name) { return logsDir().resolve(name + "-console.log"); }

    TemplateStore templateStore() { return new TemplateStore(dataDir); }

    Duration elapsed(long t0) { return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - t0)); }

    /**
     * Fails with "exists already" when anything create would make under {@code name} is there: the
     * domain, or a volume of its name in the pool that some other tool (or an earlier, crashed
     * create: then 'gc' removes it) made. Such a thing is never touched.
     */
    void requireNameFree(String name) {
        if (hv.find(name).isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "a VM named '" + name + "' exists already",
                    "try another name, or 'hyperlab vm rm " + name + "'");
        }
        for (VolumeRef v : hv.listVolumes(VmService.POOL)) {
            if (v.name().equals(name + ".qcow2") || v.name().equals(name + "-seed.iso")) {
                throw new HyperlabException(ErrorCode.CONFLICT, "creating VM " + name + " failed: storage volume "
                        + VmService.POOL + "/" + v.name() + " exists already and this create did not make it",
                        "try another name; if it is a leftover of a crashed hyperlab run, 'hyperlab gc' removes it");
            }
        }
    }

    /** A free port on 127.0.0.1 for the guest's SSH (QEMU binds it when the guest starts). */
    static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover file is found by 'hyperlab gc'
        }
    }
}
