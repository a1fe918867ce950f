package dev.hyperlab.core.labfile;

import java.util.Locale;
import java.util.Optional;

/** What a lab guest is: the three things hyperlab makes from one image. */
public enum LabGuestKind {
    /** A QEMU/KVM guest ({@code vm create}). */
    VM,
    /** A system container: systemd and cloud-init, configured like the VM ({@code ct create --mode system}). */
    SYSTEM,
    /** An app container: one command, non-root, no capabilities ({@code ct create --mode app}). */
    APP;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LabGuestKind> of(String word) {
        for (LabGuestKind k : values()) {
            if (k.word().equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public boolean isContainer() {
        return this != VM;
    }
}
