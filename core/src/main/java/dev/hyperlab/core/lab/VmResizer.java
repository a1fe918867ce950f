package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vm resize}: vCPUs and memory in the definition (the next boot takes them), the disk by
 * growing its overlay's virtual size (cloud-init's growpart takes the space on the next boot).
 * Everything is checked before anything changes; shrinking a disk is refused, since the guest's
 * filesystem still reaches past the new end.
 */
final class VmResizer {
    private final VmService vms;
    private final Hypervisor hv;

    VmResizer(VmService vms, Hypervisor hv) {
        this.vms = vms;
        this.hv = hv;
    }

    List<String> resize(String name, VmResize r) {
        GuestNames.requireValid(name);
        if (r.isEmpty()) {
            throw HyperlabException.badInput("nothing to resize", "try --cpus N, --memory SIZE or --disk SIZE");
        }
        r.cpus().ifPresent(c -> {
            if (c < 1 || c > 64) {
                throw HyperlabException.badInput("bad --cpus " + c + ": must be 1-64", "try --cpus 2");
            }
        });
        r.memoryBytes().ifPresent(m -> {
            if (m < (128L << 20)) {
                throw HyperlabException.badInput("bad --memory " + Sizes.human(m) + ": a Debian guest needs at least 128 MiB",
                        "try --memory 1G");
            }
        });
        try (NameLocks.Held lock = vms.locks().acquire(VmService.LOCK_KIND, name, VmService.LOCK_WAIT)) {
            VmInfo vm = hv.get(name);
            List<String> done = new ArrayList<>();
            VolumeRef disk = null;
            if (r.diskBytes().isPresent()) {
                HyperlabLabel l = vm.label().orElseThrow(() -> new HyperlabException(ErrorCode.CONFLICT, "cannot resize the disk of "
                        + name + ": hyperlab did not create it, so it does not know its disk", "try 'virsh blockresize'"));
                if (vm.isRunning()) {
                    throw new HyperlabException(ErrorCode.CONFLICT, "cannot resize the disk of " + name + " while it runs",
                            "try 'hyperlab vm stop " + name + "' first");
                }
                disk = hv.listVolumes(l.pool()).stream().filter(v -> v.name().equals(l.overlayVol())).findFirst()
                        .orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND, "the disk " + l.pool() + "/" + l.overlayVol()
                                + " of " + name + " is gone", "try 'hyperlab gc'"));
                long want = r.diskBytes().getAsLong();
                if (want < disk.capacityBytes()) {
                    throw HyperlabException.badInput("bad --disk " + Sizes.human(want) + ": smaller than the disk of " + name
                            + " (" + Sizes.human(disk.capacityBytes()) + "); shrinking is refused, the filesystem reaches past it",
                            "try --disk " + Sizes.compact(disk.capacityBytes()) + " or more");
                }
            }
            int cpus = r.cpus().orElse(vm.vcpus());
            long memory = r.memoryBytes().orElse(vm.memoryBytes());
            if (cpus != vm.vcpus() || memory != vm.memoryBytes()) {
                hv.setResources(name, cpus, memory);
                String when = vm.isRunning() ? " (at its next boot)" : "";
                if (cpus != vm.vcpus()) {
                    done.add("cpus " + vm.vcpus() + " -> " + cpus + when);
                }
                if (memory != vm.memoryBytes()) {
                    done.add("memory " + Sizes.human(vm.memoryBytes()) + " -> " + Sizes.human(memory) + when);
                }
            }
            if (disk != null && r.diskBytes().getAsLong() > disk.capacityBytes()) {
                hv.resizeVolume(disk.pool(), disk.name(), r.diskBytes().getAsLong());
                done.add("disk " + Sizes.human(disk.capacityBytes()) + " -> " + Sizes.human(r.diskBytes().getAsLong())
                        + " (the guest's growpart takes it at the next boot)");
            }
            if (done.isEmpty()) {
                done.add("nothing changed: " + name + " has that size already");
            }
            return done;
        }
    }
}
