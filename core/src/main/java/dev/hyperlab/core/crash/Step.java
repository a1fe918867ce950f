package dev.hyperlab.core.crash;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The named steps of creating and removing a guest, and of bringing a lab up. Each marks the moment just after its action
 * succeeded, the worst moment to die: the thing exists and nothing has recorded it yet. The
 * crash-point test halts the process at each of them in turn ({@link CrashPoints}) and checks that
 * {@code hyperlab gc} then leaves the guest whole or gone.
 */
public enum Step {
    /** The name lock is held; nothing is made yet. */
    VM_CREATE_LOCKED("vm-create-locked"),
    /** The overlay volume exists. */
    VM_CREATE_OVERLAY("vm-create-overlay"),
    /** The seed ISO volume exists. */
    VM_CREATE_SEED("vm-create-seed"),
    /** The domain is defined (with its label). */
    VM_CREATE_DEFINE("vm-create-define"),
    /** QEMU runs (in a create --start or a start; paused when the boot is watched, before the console opens). */
    VM_START("vm-start"),
    /** A running domain was destroyed. */
    VM_RM_DESTROY("vm-rm-destroy"),
    /** The domain is undefined; its volumes remain. */
    VM_RM_UNDEFINE("vm-rm-undefine"),
    /** The overlay is deleted; the seed remains. */
    VM_RM_OVERLAY("vm-rm-overlay"),
    /** A clone's copy of its source's overlay exists. */
    VM_CLONE_OVERLAY("vm-clone-overlay"),
    /** A clone's new seed ISO volume exists. */
    VM_CLONE_SEED("vm-clone-seed"),
    /** A clone's domain is defined (with its own label). */
    VM_CLONE_DEFINE("vm-clone-define"),
    /** A template's VM booted to ready (its domain, overlay and seed exist; no record yet). */
    VM_TEMPLATE_BOOTED("vm-template-booted"),
    /** The template's state overlay holds its saved state; the domain is still defined, paused. */
    VM_TEMPLATE_FROZEN("vm-template-frozen"),
    /** The template's domain is gone; its two volumes remain and the record is not written yet. */
    VM_TEMPLATE_UNDEFINED("vm-template-undefined"),
    /** An instant clone's copy of its template's state overlay exists. */
    VM_INSTANT_OVERLAY("vm-instant-overlay"),
    /** An instant clone's seed ISO volume exists. */
    VM_INSTANT_SEED("vm-instant-seed"),
    /** An instant clone's domain is defined (with its own label), not yet restored. */
    VM_INSTANT_DEFINE("vm-instant-define"),
    /** The name lock of a container is held; nothing is made yet. */
    CT_CREATE_LOCKED("ct-create-locked"),
    /** The container's directory (and a system container's seed) exists. */
    CT_CREATE_SEED("ct-create-seed"),
    /** The container exists, not started. */
    CT_CREATE_CONTAINER("ct-create-container"),
    /** The container was started (by a create with a start, or a start). */
    CT_START("ct-start"),
    /** The container is removed; its directory remains. */
    CT_RM_CONTAINER("ct-rm-container"),
    /** A lab's state file names the lab, before anything of a first {@code up} is made. */
    LAB_UP_STATE("lab-up-state"),
    /** A lab's libvirt network (named in its state) is made. */
    LAB_UP_NETWORK("lab-up-network"),
    /** The engine's macvlan network on a lab network's bridge is made. */
    LAB_UP_ENGINE_NETWORK("lab-up-engine-network"),
    /** A lab's guest is up, and its state says so; the other guests may be mid-way. */
    LAB_UP_GUEST("lab-up-guest"),
    /** The lab's port forwarder serves its ports (its pid file is written); {@code up} has not reported. */
    LAB_UP_FORWARDER("lab-up-forwarder");

    private final String id;

    Step(String id) { this.id = id; }

    /** The name a test passes in {@link CrashPoints#PROPERTY} or {@link CrashPoints#ENV}. */
    public String id() { return id; }

    public static Optional<Step> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** The steps whose id starts with {@code prefix} ("vm-create-", "ct-rm-"), in order. */
    public static List<Step> withPrefix(String prefix) {
        return Arrays.stream(values()).filter(s -> s.id.startsWith(prefix)).toList();
    }
}
