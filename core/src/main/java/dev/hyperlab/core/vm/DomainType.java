package dev.hyperlab.core.vm;

/** The libvirt domain type: {@code kvm} with hardware acceleration, {@code qemu} for TCG emulation. */
public enum DomainType {
    KVM("kvm"),
    QEMU("qemu");

    private final String xmlName;

    DomainType(String xmlName) { this.xmlName = xmlName; }

    public String xmlName() { return xmlName; }
}
