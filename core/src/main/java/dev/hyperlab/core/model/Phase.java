package dev.hyperlab.core.model;

/**
 * The boot phases that VMs and containers share, in the order they happen.
 *
 * <p>Every phase is timestamped on the <em>host</em> clock at the moment the host observes it:
 * under TCG a guest's own clock runs slow, so guest uptime is never used. Not every kind passes
 * through every phase: only VMs have {@link #KERNEL}, only instant clones
 * {@link #RESTORED} and {@link #IDENTITY} (and no KERNEL or INIT: they wake up booted); {@link #SSH} needs a reachable NIC.
 */
public enum Phase {
    /** The domain is defined / the container is created. */
    CREATED("created"),
    /** The QEMU process / the container's init process runs. */
    STARTED("started"),
    /** An instant clone: its template's saved memory and device state was loaded into the clone's QEMU. */
    RESTORED("restored"),
    /** The first kernel line appeared on the VM's serial console. */
    KERNEL("kernel"),
    /** Userspace runs: init (systemd) in a VM or system container, the command in an app container. */
    INIT("init"),
    /** An instant clone: its own hostname, machine id, SSH host keys and login were applied through the guest agent. */
    IDENTITY("identity"),
    /** cloud-init finished (the hyperlab readiness marker was read), or an app container's first output. */
    READY("ready"),
    /** An SSH banner was read from the guest. */
    SSH("ssh");

    private final String label;

    Phase(String label) { this.label = label; }

    /** The name shown in tables, reports and JSON. */
    public String label() { return label; }
}
