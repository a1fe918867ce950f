package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Subject;
import java.util.Objects;

/** One boot of one guest kind, timed on the host clock. {@code run} counts from 1. */
public record BootTrial(Subject subject, int run, BootTimeline timeline) {
    public BootTrial {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(timeline);
        if (run < 1) {
            throw new IllegalArgumentException("run counts from 1: " + run);
        }
    }
}
