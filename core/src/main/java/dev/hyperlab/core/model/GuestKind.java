package dev.hyperlab.core.model;

/** What isolates a guest: a hypervisor (VM) or kernel namespaces and cgroups (CONTAINER). */
public enum GuestKind {
    VM("vm"),
    CONTAINER("ct");

    private final String shortName;

    GuestKind(String shortName) { this.shortName = shortName; }

    /** The name used on the command line and in tables ("vm", "ct"). */
    public String shortName() { return shortName; }
}
