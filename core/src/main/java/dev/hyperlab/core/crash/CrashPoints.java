package dev.hyperlab.core.crash;

import java.util.Optional;

/**
 * A test-only hook that halts the JVM at one named {@link Step}, as {@code kill -9} would: no
 * finally blocks, no shutdown hooks, no rollback. Off unless the system property {@value #PROPERTY}
 * or the environment variable {@value #ENV} names a step; read once, when this class loads.
 */
public final class CrashPoints {
    public static final String PROPERTY = "hyperlab.crash-at";
    public static final String ENV = "HYPERLAB_CRASH_AT";
    /** The exit status of a halted process: what a shell reports for a process killed by SIGKILL. */
    public static final int EXIT_STATUS = 137;

    private static final Optional<Step> ARMED = armed(System.getProperty(PROPERTY), System.getenv(ENV));

    private CrashPoints() {}

    /** Called just after {@code step} succeeded; halts the process when a test armed this step. */
    public static void reached(Step step) {
        if (ARMED.isPresent() && ARMED.get() == step) {
            System.err.println("hyperlab: crash point " + step.id() + " reached, halting");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    /** The armed step, from the property or else the environment; empty when neither names one. */
    static Optional<Step> armed(String property, String env) {
        String v = property != null && !property.isBlank() ? property : env;
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        Optional<Step> s = Step.byId(v.strip());
        if (s.isEmpty()) {
            // A typo would silently test nothing: say so where the test reads it.
            System.err.println("hyperlab: unknown crash point '" + v + "' ignored");
        }
        return s;
    }
}
