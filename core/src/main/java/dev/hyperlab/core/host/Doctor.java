package dev.hyperlab.core.host;

import dev.hyperlab.core.model.Sizes;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link HostFacts} into checks with fixes. Pure: no I/O, so every branch is unit-tested.
 */
public final class Doctor {
    /** Below this much free space a default image build (rootfs + ext4 + qcow2) will not fit. */
    static final long MIN_FREE_BYTES = 6L * 1024 * 1024 * 1024;
    static final String SETUP = "run scripts/setup.sh as root";

    private Doctor() {}

    public static DoctorReport diagnose(HostFacts f) {
        AcceleratorDecision acc = AcceleratorDecision.decide(f.kvm());
        List<Check> checks = new ArrayList<>();
        checks.add(accelerator(acc));
        checks.add(libvirt(f.libvirt()));
        checks.add(virtlogd(f.virtlogdRunning()));
        checks.add(engine(f.engine()));
        checks.add(cgroups(f.cgroupMode()));
        checks.add(tool("mmdebstrap", f.mmdebstrap().isPresent(), "needed to build the default image",
                "install mmdebstrap (" + SETUP + ")"));
        checks.add(tool("qemu-img", f.qemuImg().isPresent(), "needed for qcow2 images and overlays",
                "install qemu-utils (" + SETUP + ")"));
        checks.add(disk(f));
        return new DoctorReport(acc, List.copyOf(checks));
    }

    static Check accelerator(AcceleratorDecision d) {
        if (d.accelerator() == Accelerator.KVM) {
            return Check.ok("accelerator", "kvm: " + d.reason());
        }
        return Check.warn("accelerator", "tcg: " + d.reason(),
                "for hardware speed, run on a host whose CPU exposes VT-x/AMD-V (enable it in firmware, "
                        + "or nested virtualization for a VM host) with the kvm_intel or kvm_amd module loaded");
    }

    static Check libvirt(LibvirtFacts l) {
        if (!l.reachable()) {
            return Check.fail("libvirt", l.uri() + " unreachable: " + l.error().orElse(""),
                    "start libvirtd (" + SETUP + ") or pick another host with --connect URI");
        }
        return Check.ok("libvirt", l.uri() + ": libvirt " + l.libvirtVersion().orElse("?")
                + ", hypervisor " + l.hypervisorVersion().orElse("?"));
    }

    static Check virtlogd(boolean running) {
        return running
                ? Check.ok("virtlogd", "running (serial console logs)")
                : Check.fail("virtlogd", "not running: guests with a serial log file will not start",
                        "start it with 'virtlogd -d' (" + SETUP + ")");
    }

    static Check engine(EngineFacts e) {
        if (!e.reachable()) {
            return Check.fail("container engine", "no engine API answered (tried "
                            + String.join(", ", e.socketsTried()) + "): " + e.error().orElse(""),
                    "start the Podman API with 'podman system service --time=0 unix:///run/podman/podman.sock' ("
                            + SETUP + "), or set CONTAINER_HOST/DOCKER_HOST");
        }
        String what = e.engine() + " " + e.version() + " (API " + e.apiVersion() + ") at " + e.socket().orElse("?")
                + ", runtime " + (e.runtime().isBlank() ? "?" : e.runtime());
        if (e.runtime().equals("crun")) {
            return Check.warn("container engine", what, "crun refuses hybrid cgroups on some hosts; set runtime = \"runc\" in containers.conf ("
                    + SETUP + ")");
        }
        return Check.ok("container engine", what);
    }

    static Check cgroups(String mode) {
        if (mode.startsWith("v2")) {
            return Check.ok("cgroups", mode);
        }
        return Check.ok("cgroups", mode + ": containers use the v1 controllers; limits still apply");
    }

    static Check tool(String name, boolean present, String why, String fix) {
        return present ? Check.ok(name, "installed") : Check.fail(name, "missing: " + why, fix);
    }

    static Check disk(HostFacts f) {
        String free = Sizes.human(f.dataDirFreeBytes());
        if (f.dataDirFreeBytes() < MIN_FREE_BYTES) {
            return Check.warn("disk", free + " free in " + f.dataDir() + ", less than the "
                    + Sizes.human(MIN_FREE_BYTES) + " an image build needs", "free space there or set HYPERLAB_HOME to a larger disk");
        }
        return Check.ok("disk", free + " free in " + f.dataDir());
    }
}
