package dev.hyperlab.core.model;

import java.util.List;

/**
 * What a comparison measures: the bare host as the baseline, and the kinds of guest made from the
 * same image and cloud-init (an instant clone from a template made of that image).
 */
public enum Subject {
    HOST("host", "bare host", List.of()),
    VM("vm", "VM", List.of(Phase.CREATED, Phase.STARTED, Phase.KERNEL, Phase.INIT, Phase.READY)),
    /** A VM restored from a warm template's saved state, then given its own identity (no boot, no cloud-init run). */
    VM_CLONE("vm-clone", "VM (instant clone)", List.of(Phase.CREATED, Phase.RESTORED, Phase.IDENTITY, Phase.READY)),
    /** A container whose PID 1 is systemd, so cloud-init runs as in the VM. */
    SYSTEM_CONTAINER("system-ct", "system container", List.of(Phase.CREATED, Phase.STARTED, Phase.INIT, Phase.READY)),
    /** A container running one command; ready at its first output. */
    APP_CONTAINER("app-ct", "app container", List.of(Phase.CREATED, Phase.STARTED, Phase.READY));

    private final String label;
    private final String title;
    private final List<Phase> phases;

    Subject(String label, String title, List<Phase> phases) {
        this.label = label;
        this.title = title;
        this.phases = phases;
    }

    /** Stable machine name used in JSON and CSV. */
    public String label() { return label; }

    /** Human name used in tables. */
    public String title() { return title; }

    /** The boot phases this kind passes through, in order. */
    public List<Phase> phases() { return phases; }

    public boolean isContainer() { return this == SYSTEM_CONTAINER || this == APP_CONTAINER; }

    /** A VM, cold-booted or an instant clone: QEMU, the guest agent, a qcow2 overlay. */
    public boolean isVm() { return this == VM || this == VM_CLONE; }

    /** The guest kinds, without the host. */
    public static List<Subject> guests() { return List.of(VM, VM_CLONE, SYSTEM_CONTAINER, APP_CONTAINER); }
}
