package dev.hyperlab.cli;

import dev.hyperlab.core.error.UserInput;
import picocli.CommandLine;

/**
 * Converters for timeouts and counts: a negative one is a usage error (exit 2) before anything
 * connects, instead of "not ready after -1 s" once the work is done.
 */
final class NonNegative {
    private NonNegative() {}

    static long parse(String value) {
        long v;
        try {
            v = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + UserInput.show(value) + "' is not a whole number");
        }
        if (v < 0) {
            throw new CommandLine.TypeConversionException("'" + UserInput.show(value) + "' is negative; use 0 or more");
        }
        return v;
    }

    /** For {@code int} options. */
    static final class Int implements CommandLine.ITypeConverter<Integer> {
        @Override public Integer convert(String value) {
            long v = parse(value);
            if (v > Integer.MAX_VALUE) {
                throw new CommandLine.TypeConversionException("'" + UserInput.show(value) + "' is too large");
            }
            return (int) v;
        }
    }

    /** For {@code long} options. */
    static final class Long_ implements CommandLine.ITypeConverter<Long> {
        @Override public Long convert(String value) { return parse(value); }
    }
}
