package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Subject;

/** A guest a {@link GuestLab} started for a comparison, with its boot timeline (host clock). */
public record LaunchedGuest(Subject kind, String name, BootTimeline timeline) {}
