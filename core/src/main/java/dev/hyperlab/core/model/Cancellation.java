package dev.hyperlab.core.model;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;

/**
 * A cancellation token for long operations (creating and booting a guest): the thread doing the work
 * calls {@link #check} between its steps and polls {@link #isCancelled} while it waits, and on
 * cancellation undoes what it made itself, so nothing is removed behind its back while it still
 * creates it. Any thread may {@link #cancel}. A {@link #child} is cancelled with its parent, or on
 * its own (e.g. one race among the guests of a comparison).
 *
 * <p>No thread interrupts: an interrupted thread cannot wait for the libvirt calls of its own
 * rollback, and the cancel must not leave half of what it was undoing behind.
 */
public final class Cancellation {
    /** Never cancelled; for callers that do not cancel. */
    public static final Cancellation NONE = new Cancellation(null);

    private final Cancellation parent;
    private volatile String reason;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /** A token cancelled when this one is, and also on its own. */
    public Cancellation child() {
        return new Cancellation(this);
    }

    /** Cancels; the first reason given is kept. Cancelling {@link #NONE} is refused. */
    public void cancel(String why) {
        if (this == NONE) {
            throw new UnsupportedOperationException("Cancellation.NONE cannot be cancelled");
        }
        synchronized (this) {
            if (reason == null) {
                reason = why == null || why.isBlank() ? "cancelled" : why;
            }
        }
    }

    public boolean isCancelled() {
        return reason != null || (parent != null && parent.isCancelled());
    }

    /** Why it was cancelled (its own reason first, else the parent's); empty when it is not. */
    public String reason() {
        String r = reason;
        if (r != null) {
            return r;
        }
        return parent == null ? "" : parent.reason();
    }

    /**
     * Throws a {@link ErrorCode#CANCELLED} error when cancelled.
     *
     * @param what what was going on, e.g. "creating VM x"
     */
    public void check(String what) {
        if (isCancelled()) {
            throw cancelled(what);
        }
    }

    /** The error a cancelled operation ends with. */
    public HyperlabException cancelled(String what) {
        return new HyperlabException(ErrorCode.CANCELLED, what + " was cancelled (" + reason() + ")", null);
    }
}
