package dev.hyperlab.core.host;

/**
 * Which accelerator guests get, and why, in words a user can check.
 *
 * <p>A present {@code /dev/kvm} is not enough: some hosts (nested sandboxes with {@code kvm_pvm})
 * expose a device that opens and answers the API version but cannot run a stock guest kernel;
 * QEMU then hangs after SeaBIOS. So KVM is chosen only when the device opens, speaks the stable
 * API, <em>and</em> the CPU advertises VT-x or AMD-V.
 */
public record AcceleratorDecision(Accelerator accelerator, String reason) {

    public static AcceleratorDecision decide(KvmFacts f) {
        if (!f.devicePresent()) {
            return tcg("/dev/kvm is missing (no KVM module loaded, or virtualization disabled in firmware)");
        }
        if (f.openError().isPresent()) {
            return tcg("/dev/kvm is present but cannot be opened: " + f.openError().get());
        }
        if (f.apiVersion() != KvmFacts.STABLE_API_VERSION) {
            return tcg("/dev/kvm answers KVM API version " + f.apiVersion() + ", expected "
                    + KvmFacts.STABLE_API_VERSION);
        }
        if (!f.cpuVirtFlag()) {
            String modules = f.kvmModules().isEmpty() ? "" : " (kernel offers " + String.join(", ", f.kvmModules()) + ")";
            return tcg("/dev/kvm is present but the CPU advertises neither vmx nor svm" + modules
                    + ", so it cannot run stock guest kernels");
        }
        return new AcceleratorDecision(Accelerator.KVM,
                "/dev/kvm opens (API " + f.apiVersion() + ") and the CPU supports hardware virtualization");
    }

    private static AcceleratorDecision tcg(String why) {
        return new AcceleratorDecision(Accelerator.TCG,
                why + "; guests run under TCG emulation, so VM boots are far slower (minutes, not seconds)");
    }
}
