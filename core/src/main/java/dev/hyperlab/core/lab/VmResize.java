package dev.hyperlab.core.lab;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@code vm resize}: what to change; an empty field stays as it is. */
public record VmResize(OptionalInt cpus, OptionalLong memoryBytes, OptionalLong diskBytes) {
    public boolean isEmpty() {
        return cpus.isEmpty() && memoryBytes.isEmpty() && diskBytes.isEmpty();
    }
}
