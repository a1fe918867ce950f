package dev.hyperlab.core.vm;

/** A domain lifecycle change delivered by the hypervisor's event loop (DEFINED, STARTED, STOPPED, ...). */
public record LifecycleEvent(String domain, String type, String detail, long hostNanos) {}
