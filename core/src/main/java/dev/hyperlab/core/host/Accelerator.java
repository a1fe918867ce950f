package dev.hyperlab.core.host;

/** How guests execute: hardware-assisted (KVM) or emulated by QEMU's tiny code generator (TCG). */
public enum Accelerator {
    KVM("kvm"),
    TCG("qemu");

    private final String libvirtDomainType;

    Accelerator(String libvirtDomainType) { this.libvirtDomainType = libvirtDomainType; }

    /** The value of {@code <domain type='...'>} that selects this accelerator in libvirt. */
    public String libvirtDomainType() { return libvirtDomainType; }

    /** The name used in reports and JSON ({@code kvm} or {@code tcg}). */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
