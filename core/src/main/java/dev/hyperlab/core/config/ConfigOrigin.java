package dev.hyperlab.core.config;

/**
 * Where a value came from, printed as {@code git config --show-origin} does:
 * {@code file:/home/me/.config/hyperlab/config.yaml:3}, {@code env:HYPERLAB_MEMORY}, {@code built-in}.
 */
public record ConfigOrigin(Kind kind, String where, int line) {
    public enum Kind { ENV, USER_FILE, SYSTEM_FILE, BUILT_IN }

    public static ConfigOrigin env(String var) { return new ConfigOrigin(Kind.ENV, var, 0); }

    public static ConfigOrigin builtIn() { return new ConfigOrigin(Kind.BUILT_IN, "", 0); }

    @Override public String toString() {
        return switch (kind) {
            case ENV -> "env:" + where;
            case USER_FILE, SYSTEM_FILE -> "file:" + where + ":" + line;
            case BUILT_IN -> "built-in";
        };
    }
}
