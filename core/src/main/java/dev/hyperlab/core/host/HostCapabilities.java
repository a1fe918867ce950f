package dev.hyperlab.core.host;

import java.util.regex.Pattern;

/**
 * What a libvirt host's capabilities XML ({@code virConnectGetCapabilities}) says about KVM. Offering
 * {@code <domain type='kvm'>} is not enough: a host whose /dev/kvm opens but whose CPU lacks VT-x/AMD-V
 * (this project's CI hosts: {@code kvm_pvm} in a microVM) offers it too, and a KVM guest there hangs
 * in the firmware. So, as {@link AcceleratorDecision} does locally, KVM counts only when the host CPU
 * that libvirt reports has {@code vmx} or {@code svm} as well. Pure: the remote host is never read here.
 */
public final class HostCapabilities {
    private static final Pattern KVM_DOMAIN = Pattern.compile("<domain\\s+type=['\"]kvm['\"]");
    private static final Pattern VIRT_FLAG = Pattern.compile("<feature\\s+name=['\"](vmx|svm)['\"]");

    private HostCapabilities() {}

    public static boolean kvmUsable(String capabilitiesXml) {
        int hostEnd = capabilitiesXml.indexOf("</host>");
        String host = hostEnd < 0 ? capabilitiesXml : capabilitiesXml.substring(0, hostEnd);
        return KVM_DOMAIN.matcher(capabilitiesXml).find() && VIRT_FLAG.matcher(host).find();
    }
}
