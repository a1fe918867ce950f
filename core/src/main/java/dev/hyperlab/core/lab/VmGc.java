package dev.hyperlab.core.lab;

import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code hyperlab gc} for VMs: what crashed or killed runs left on the libvirt host, found and removed under the names' locks. */
final class VmGc {
    private final VmHost host;
    private final Hypervisor hv;
    private final VmLifecycle lifecycle;

    VmGc(VmHost host, VmLifecycle lifecycle) {
        this.host = host;
        this.hv = host.hv();
        this.lifecycle = lifecycle;
    }

    /**
     * Finds what a crashed run left: volumes in the hyperlab pool and console logs that no
     * labelled domain owns, and lock files no process holds. Removes them unless {@code dryRun}.
     * Domains themselves are only reported (a user may want to keep one), except labelled stopped
     * domains whose overlay is gone.
     *
     * <p>Each leftover is looked at again, and removed, under its guest name's lock; a name whose lock
     * another operation holds (a create between its first volume and its define) is skipped, so a
     * 'gc' racing a create never takes the create's volumes. Only guest names that start with
     * {@code prefix} (a lab's, a test's; "" for all).
     */
    List<VmService.Leftover> gc(boolean dryRun, String prefix) {
        List<VmInfo> vms = hv.list().stream().filter(v -> v.name().startsWith(prefix)).toList();
        Set<String> ownedVols = new HashSet<>();
        Set<String> ownedLogs = new HashSet<>();
        List<VmService.Leftover> out = new ArrayList<>();
        Set<String> vols = new java.util.TreeSet<>();
        for (VolumeRef v : hv.listVolumes(VmService.POOL)) {
            if (v.name().startsWith(prefix)) {
                vols.add(v.name());
            }
        }
        dev.hyperlab.core.template.TemplateStore templates = host.templateStore();
        for (dev.hyperlab.core.template.TemplateStore.Entry e : templates.all()) {
            e.record().ifPresent(r -> {
                ownedVols.add(r.diskVol());
                ownedVols.add(r.stateVol());
                if (r.hasMemoryFile()) {
                    ownedVols.add(r.memoryVol());
                }
            });
        }
        for (VmInfo vm : vms) {
            if (vm.label().isEmpty()) {
                continue;
            }
            HyperlabLabel l = vm.label().get();
            String template = dev.hyperlab.core.template.TemplateNames.isReserved(vm.name())
                    ? dev.hyperlab.core.template.TemplateNames.templateOf(vm.name()) : null;
            if (template != null && !templates.exists(template)) {
                // A template's VM without a record: its 'template create' was killed (a running one holds the lock).
                withIdleLock(VmTemplates.LOCK_KIND, template, () -> {
                    if (!dryRun) {
                        hv.find(vm.name()).ifPresent(now -> lifecycle.removeLocked(now, true));
                        hv.deleteVolume(VmService.POOL, dev.hyperlab.core.template.TemplateNames.stateVol(template));
                        hv.deleteVolume(VmService.POOL, dev.hyperlab.core.template.TemplateNames.memoryVol(template));
                    }
                    out.add(new VmService.Leftover("domain", vm.name(), "its 'vm template create " + template + "' was interrupted",
                            !dryRun));
                });
                continue;
            }
            ownedVols.add(l.overlayVol());
            ownedVols.add(l.seedVol());
            ownedLogs.add(l.consoleLog());
            if (VmService.POOL.equals(l.pool()) && !vols.contains(l.overlayVol()) && !vm.isRunning()) {
                withIdleLock(vm.name(), () -> {
                    Optional<VmInfo> now = hv.find(vm.name());
                    boolean broken = now.isPresent() && !now.get().isRunning()
                            && now.get().label().map(HyperlabLabel::instanceId).equals(Optional.of(l.instanceId()))
                            && hv.listVolumes(VmService.POOL).stream().noneMatch(v -> v.name().equals(l.overlayVol()));
                    if (broken) {
                        if (!dryRun) {
                            hv.undefine(vm.name());
                            hv.deleteVolume(VmService.POOL, l.seedVol());
                        }
                        out.add(new VmService.Leftover("domain", vm.name(), "its overlay " + l.overlayVol() + " is gone", !dryRun));
                    }
                });
            }
        }
        for (String v : vols) {
            String template = dev.hyperlab.core.template.TemplateNames.templateOf(v);
            if (!ownedVols.contains(v) && template != null) {
                // a template being made owns its volumes under the template's lock, before its record exists
                withIdleLock(VmTemplates.LOCK_KIND, template, () -> {
                    if (!templates.exists(template) && hv.find(dev.hyperlab.core.template.TemplateNames.domain(template)).isEmpty()) {
                        if (!dryRun) {
                            hv.deleteVolume(VmService.POOL, v);
                        }
                        out.add(new VmService.Leftover("volume", VmService.POOL + "/" + v, "no template record or template VM owns it", !dryRun));
                    }
                });
                continue;
            }
            if (!ownedVols.contains(v)) {
                String guest = guestOf(v, ".qcow2", "-seed.iso");
                withIdleLock(guest, () -> {
                    if (!ownedBy(guest, l -> l.overlayVol().equals(v) || l.seedVol().equals(v))) {
                        if (!dryRun) {
                            hv.deleteVolume(VmService.POOL, v);
                        }
                        out.add(new VmService.Leftover("volume", VmService.POOL + "/" + v, "no hyperlab VM uses it", !dryRun));
                    }
                });
            }
        }
        Path logs = host.logsDir();
        // This machine's console logs belong to this machine's VMs: a remote host's gc must not judge them
        // by its own domains (a VM migrated here from it writes one).
        if (!host.remote() && Files.isDirectory(logs)) {
            try (var s = Files.list(logs)) {
                for (Path p : s.sorted().toList()) {
                    String file = p.getFileName().toString();
                    if (file.endsWith("-console.log") && file.startsWith(prefix) && !ownedLogs.contains(p.toString())) {
                        String guest = guestOf(p.getFileName().toString(), "-console.log");
                        withIdleLock(guest, () -> {
                            if (!ownedBy(guest, l -> l.consoleLog().equals(p.toString()))) {
                                if (!dryRun) {
                                    VmHost.deleteQuietly(p);
                                }
                                out.add(new VmService.Leftover("log", p.toString(), "no hyperlab VM writes it", !dryRun));
                            }
                        });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (NameLocks.Stale st : NameLocks.removeStale(LabDirs.locksDir(host.dataDir()), prefix, dryRun)) {
            out.add(new VmService.Leftover("lock", st.file().toString(), "no running operation holds it", st.removed()));
        }
        return out;
    }

    /** Runs {@code action} under the lock of {@code guest}, or not at all when another operation holds it. */
    private void withIdleLock(String guest, Runnable action) {
        withIdleLock(VmService.LOCK_KIND, guest, action);
    }

    private void withIdleLock(String kind, String guest, Runnable action) {
        if (!guest.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            action.run(); // no hyperlab create makes such a name: nothing to race with
            return;
        }
        Optional<NameLocks.Held> lock = host.locks().tryAcquire(kind, guest);
        if (lock.isEmpty()) {
            return; // busy: a create or remove of this name is under way
        }
        try (NameLocks.Held held = lock.get()) {
            action.run();
        }
    }

    /** Whether the domain {@code name}, as libvirt has it now, carries a label that {@code owns}. */
    private boolean ownedBy(String name, java.util.function.Predicate<HyperlabLabel> owns) {
        return hv.find(name).flatMap(VmInfo::label).map(owns::test).orElse(false);
    }

    /** The guest name a file of {@code create} is named after ("web.qcow2" is web's). */
    private static String guestOf(String file, String... suffixes) {
        for (String suffix : suffixes) {
            if (file.endsWith(suffix)) {
                return file.substring(0, file.length() - suffix.length());
            }
        }
        return file;
    }
}
