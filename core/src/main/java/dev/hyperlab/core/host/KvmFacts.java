package dev.hyperlab.core.host;

import java.util.Optional;

/**
 * What this host says about hardware virtualization.
 *
 * @param devicePresent  {@code /dev/kvm} exists
 * @param openError      why opening {@code /dev/kvm} failed, empty when it opened
 * @param apiVersion     the answer to {@code KVM_GET_API_VERSION}, or -1 when not asked
 * @param cpuVirtFlag    the CPU advertises {@code vmx} (Intel VT-x) or {@code svm} (AMD-V)
 * @param kvmModules     loaded kernel modules whose name starts with {@code kvm}
 */
public record KvmFacts(boolean devicePresent, Optional<String> openError, int apiVersion,
                       boolean cpuVirtFlag, java.util.List<String> kvmModules) {

    /** The stable KVM API version every usable kernel reports. */
    public static final int STABLE_API_VERSION = 12;

    public boolean deviceOpens() { return devicePresent && openError.isEmpty(); }
}
