package dev.hyperlab.core.lab;

import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.error.UserInput;
import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.template.TemplateRecord;
import dev.hyperlab.core.template.TemplateStore;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code vm template create|list|rm}: a VM booted from an image to ready, then frozen (see
 * {@link Hypervisor#freezeToTemplate}) into two volumes and a record. The VM that booted is gone
 * afterwards; what stays is the frozen disk every clone shares as its backing file, the state
 * overlay each clone starts as a copy of, and the record with the definitions.
 *
 * <p>The template boots with the restricted user-mode NIC: it needs no network to reach ready,
 * and its clones can still choose NAT or restricted, since both are the same QEMU device.
 */
public final class VmTemplates {
    /** The lock kind of a template name, held across the whole make and around a removal. */
    static final String LOCK_KIND = "template";

    private final VmService vms;
    private final Hypervisor hv;
    private final ImageResolver images;
    private final TemplateStore store;

    VmTemplates(VmService vms, Hypervisor hv, ImageResolver images, TemplateStore store) {
        this.vms = vms;
        this.hv = hv;
        this.images = images;
        this.store = store;
    }

    public TemplateStore store() { return store; }

    /** What {@code vm template create} asks for. */
    public record Request(String name, String image, int cpus, long memoryBytes, Optional<Long> diskBytes, Duration timeout) {}

    /** A template with what it costs on disk and which VMs still need its frozen disk. */
    public record Listing(String name, Optional<TemplateRecord> record, long diskBytes, long stateBytes,
                          long memoryBytes, List<String> clones, String problem) {}

    public static String requireValidName(String name) {
        if (!GuestNames.isValid(name) || (TemplateNames.PREFIX + name).length() > 63) {
            throw HyperlabException.badInput("bad template name '" + UserInput.show(name)
                    + "': use 1-51 lower-case letters, digits and inner dashes", "try e.g. 'debian'");
        }
        return name;
    }

    public TemplateRecord create(Request req, long t0, VmService.Listener listener, Cancellation cancel) {
        requireValidName(req.name());
        if (store.exists(req.name())) {
            throw new HyperlabException(ErrorCode.CONFLICT, "a template named '" + req.name() + "' exists already",
                    "try another name, or 'hyperlab vm template rm " + req.name() + "'");
        }
        String domain = TemplateNames.domain(req.name());
        String stateVol = TemplateNames.stateVol(req.name());
        CreateVmRequest vm = new CreateVmRequest(domain, req.image(), req.cpus(), req.memoryBytes(), req.diskBytes(),
                Optional.empty(), List.of(), Optional.empty(), NetworkSpec.USER, true, true, req.timeout(),
                Optional.empty(), List.of());
        vms.check(vm); // everything the boot would refuse, refused before anything is made
        try (NameLocks.Held lock = vms.locks().acquire(LOCK_KIND, req.name(), VmService.LOCK_WAIT)) {
            if (store.exists(req.name())) {
                throw new HyperlabException(ErrorCode.CONFLICT, "a template named '" + req.name() + "' exists already",
                        "try another name");
            }
            requireNoVolume(stateVol);
            String memoryVol = TemplateNames.memoryVol(req.name());
            requireNoVolume(memoryVol);
            // The guest's RAM in a file of the template's own, so clones map it instead of loading it
            // (TemplateMemory); a host that cannot give QEMU the file keeps the memory in the saved state.
            hv.ensurePool(VmService.POOL, vms.host().poolDir().toString());
            Optional<VolumeRef> memory = hv.createMemoryVolume(VmService.POOL, memoryVol, req.memoryBytes());
            VmService.Created booted;
            try {
                booted = vms.create(memory.map(m -> vm.withMemoryFile(m.path())).orElse(vm), t0, listener, cancel);
            } catch (RuntimeException e) {
                memory.ifPresent(m -> hv.deleteVolume(VmService.POOL, memoryVol));
                throw e instanceof HyperlabException h ? new HyperlabException(h.code(), "making template " + req.name()
                        + " failed: " + h.getMessage(), h.hint(), h) : e;
            }
            HyperlabLabel label = booted.vm().label().orElseThrow();
            boolean domainGone = false;
            try {
                CrashPoints.reached(Step.VM_TEMPLATE_BOOTED);
                cancel.check("making template " + req.name());
                listener.step("freezing " + domain + ": pausing it, moving its writes to " + stateVol
                        + " and saving its memory there");
                // Flushed, so the frozen disk holds what the guest believes it wrote; the page cache dropped
                // and a pause for free page reporting (which waits 2 s before it reports), so the saved
                // state holds the memory the guest uses, not what it cached while booting.
                String loginUser = vms.exec(domain, List.of("sh", "-c", "getent passwd 1000 | cut -d: -f1; sync;"
                        + " echo 3 > /proc/sys/vm/drop_caches; sleep 3"), Duration.ofSeconds(60)).stdout().strip();
                String snapshotXml = hv.freezeToTemplate(domain, VmService.POOL, stateVol, TemplateNames.SNAPSHOT);
                CrashPoints.reached(Step.VM_TEMPLATE_FROZEN);
                String domainXml = hv.inactiveXml(domain);
                hv.destroy(domain);
                hv.undefine(domain);
                domainGone = true;
                hv.deleteVolume(VmService.POOL, label.seedVol());
                VmHost.deleteQuietly(Path.of(label.consoleLog()));
                CrashPoints.reached(Step.VM_TEMPLATE_UNDEFINED);
                Map<String, VolumeRef> vols = volumes();
                VolumeRef state = vols.get(stateVol);
                if (state == null) {
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, "the state overlay " + stateVol
                            + " did not appear in pool " + VmService.POOL, "try 'hyperlab doctor'");
                }
                double ready = booted.timeline().at(Phase.READY).map(d -> d.toMillis() / 1000.0).orElse(0.0);
                TemplateRecord r = new TemplateRecord(req.name(), label.image(), digestOf(images.resolve(req.image()).qcow2()),
                        req.cpus(), req.memoryBytes(), vols.get(label.overlayVol()).capacityBytes(),
                        domainTypeOf(domainXml), machineOf(domainXml), VmService.POOL, label.overlayVol(), stateVol,
                        state.allocationBytes(), label.instanceId(), loginUser.isEmpty() ? "debian" : loginUser,
                        domainXml, snapshotXml, Instant.now().toString(), ready, memory.isPresent() ? memoryVol : "");
                store.save(r);
                listener.step("template " + req.name() + ": frozen disk " + label.overlayVol() + ", saved state "
                        + Sizes.human(state.allocationBytes()));
                return r;
            } catch (RuntimeException e) {
                // Undo only what this make made: the template's domain and its volumes, named after it.
                try {
                    if (!domainGone) {
                        vms.lifecycle().removeIfOurs(domain, label.instanceId());
                    } else {
                        hv.deleteVolume(VmService.POOL, label.overlayVol());
                    }
                    hv.deleteVolume(VmService.POOL, stateVol);
                    if (memory.isPresent()) {
                        hv.deleteVolume(VmService.POOL, memoryVol);
                    }
                } catch (RuntimeException again) {
                    e.addSuppressed(again); // 'hyperlab gc' finds what is left
                }
                throw e instanceof HyperlabException h ? h : new HyperlabException(ErrorCode.OPERATION_FAILED,
                        "making template " + req.name() + " failed: " + e.getMessage() + "; nothing was left behind",
                        "try 'hyperlab doctor'", e);
            }
        }
    }

    public List<Listing> list() {
        Map<String, VolumeRef> vols = volumes();
        Map<String, List<String>> clones = clonesByDisk();
        List<Listing> out = new ArrayList<>();
        for (TemplateStore.Entry e : store.all()) {
            if (e.record().isEmpty()) {
                out.add(new Listing(e.name(), Optional.empty(), 0, 0, 0, List.of(), e.problem()));
                continue;
            }
            TemplateRecord r = e.record().get();
            VolumeRef disk = vols.get(r.diskVol());
            VolumeRef state = vols.get(r.stateVol());
            VolumeRef memory = vols.get(r.memoryVol());
            out.add(new Listing(r.name(), Optional.of(r), disk == null ? 0 : disk.allocationBytes(),
                    state == null ? 0 : state.allocationBytes(), memory == null ? 0 : memory.allocationBytes(),
                    disk == null ? List.of() : clones.getOrDefault(disk.path(), List.of()), problem(r, vols)));
        }
        return out;
    }

    /** What is wrong with a template's volumes, found in {@code vols} (its pool's, by name), or "" when nothing is. */
    static String problem(TemplateRecord r, Map<String, VolumeRef> vols) {
        VolumeRef disk = vols.get(r.diskVol());
        VolumeRef state = vols.get(r.stateVol());
        VolumeRef memory = r.hasMemoryFile() ? vols.get(r.memoryVol()) : null;
        if (disk == null) {
            return "its frozen disk " + r.pool() + "/" + r.diskVol() + " is gone";
        }
        if (state == null) {
            return "its saved state " + r.pool() + "/" + r.stateVol() + " is gone";
        }
        if (r.hasMemoryFile() && memory == null) {
            return "its memory file " + r.pool() + "/" + r.memoryVol() + " is gone";
        }
        if (r.hasMemoryFile() && memory.capacityBytes() != r.memoryBytes()) {
            // QEMU would map a shorter file and the guest would fault on the pages past its end
            return "its memory file " + r.memoryVol() + " is " + Sizes.human(memory.capacityBytes()) + ", not the "
                    + Sizes.human(r.memoryBytes()) + " of the template's RAM";
        }
        if (state.allocationBytes() < r.stateBytes()) {
            return "its saved state " + r.stateVol() + " is truncated (" + Sizes.human(state.allocationBytes()) + " of "
                    + Sizes.human(r.stateBytes()) + ")";
        }
        return "";
    }

    /** Removes a template; refused while a VM's disk still has the frozen disk as its backing file. */
    public void remove(String name) {
        requireValidName(name);
        try (NameLocks.Held lock = vms.locks().acquire(LOCK_KIND, name, VmService.LOCK_WAIT)) {
            boolean recorded = store.exists(name);
            Optional<TemplateRecord> r;
            try {
                r = store.find(name);
            } catch (HyperlabException broken) {
                r = Optional.empty(); // a record that cannot be read is removed with what its name says
            }
            String diskVol = r.map(TemplateRecord::diskVol).orElse(TemplateNames.diskVol(name));
            String stateVol = r.map(TemplateRecord::stateVol).orElse(TemplateNames.stateVol(name));
            String memoryVol = TemplateNames.memoryVol(name);
            Map<String, VolumeRef> vols = volumes();
            VolumeRef disk = vols.get(diskVol);
            if (!recorded && disk == null && !vols.containsKey(stateVol) && !vols.containsKey(memoryVol)) {
                throw new HyperlabException(ErrorCode.NOT_FOUND, "no template named '" + name + "'",
                        "try 'hyperlab vm template list'");
            }
            if (disk != null) {
                List<String> users = clonesByDisk().getOrDefault(disk.path(), List.of());
                if (!users.isEmpty()) {
                    throw new HyperlabException(ErrorCode.CONFLICT, "template " + name + " is still needed: "
                            + String.join(", ", users) + (users.size() == 1 ? " runs" : " run") + " on its frozen disk",
                            "try 'hyperlab vm rm " + users.get(0) + "' first");
                }
            }
            hv.deleteVolume(VmService.POOL, stateVol);
            if (vols.containsKey(memoryVol)) {
                hv.deleteVolume(VmService.POOL, memoryVol);
            }
            hv.deleteVolume(VmService.POOL, diskVol);
            store.remove(name);
        }
    }

    /** Every hyperlab VM by the backing file of its overlay (one volume read per VM: a removal, not a refresh). */
    private Map<String, List<String>> clonesByDisk() {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (VmInfo vm : hv.list()) {
            if (vm.label().isEmpty()) {
                continue;
            }
            HyperlabLabel l = vm.label().get();
            try {
                hv.backingPath(l.pool(), l.overlayVol())
                        .ifPresent(b -> out.computeIfAbsent(b, k -> new ArrayList<>()).add(vm.name()));
            } catch (HyperlabException gone) {
                // its overlay is gone: it needs no backing file ('hyperlab gc' removes such a VM)
            }
        }
        return out;
    }

    private Map<String, VolumeRef> volumes() {
        return hv.listVolumes(VmService.POOL).stream().collect(Collectors.toMap(VolumeRef::name, Function.identity(),
                (a, b) -> a));
    }

    private void requireNoVolume(String vol) {
        if (volumes().containsKey(vol)) {
            throw new HyperlabException(ErrorCode.CONFLICT, "storage volume " + VmService.POOL + "/" + vol
                    + " exists already and no template record names it", "try 'hyperlab gc' if it is a leftover");
        }
    }

    static String digestOf(Path blob) {
        String f = blob.getFileName().toString();
        return f.matches("[0-9a-f]{64}") ? f : "";
    }

    static String domainTypeOf(String xml) {
        Matcher m = Pattern.compile("<domain[^>]*\\btype='([a-z]+)'").matcher(xml);
        return m.find() ? m.group(1) : "";
    }

    static String machineOf(String xml) {
        Matcher m = Pattern.compile("machine='([^']+)'").matcher(xml);
        return m.find() ? m.group(1) : "";
    }
}
