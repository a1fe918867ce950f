package dev.hyperlab.core.model;

/** One vocabulary for the states of VMs and containers, so both fit in one table. */
public enum GuestState {
    /** Defined (VM) or created (container) but never started, or shut off. */
    STOPPED,
    RUNNING,
    PAUSED,
    /** Shutting down or starting; transient. */
    TRANSITIONING,
    CRASHED,
    UNKNOWN;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
