package dev.hyperlab.core.hosts;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.regex.Pattern;

/**
 * The name a user gives a libvirt host ({@code host add NAME URI}): what {@code --host NAME}, the HOST
 * column and {@code vm migrate --to NAME} show. Lower-case letters, digits and dashes, as a DNS label,
 * so it prints in a table cell and never needs quoting in a shell.
 */
public final class HostName {
    /** The host every command uses unless told otherwise: {@code connect} of config.yaml, else qemu:///system. */
    public static final String LOCAL = "local";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]");

    private HostName() {}

    /** {@code name} itself when it is one; else BAD_INPUT saying what a name may hold. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, "a host needs a name", "try 'hyperlab host add NAME URI'");
        }
        if (!NAME.matcher(name).matches()) {
            throw new HyperlabException(ErrorCode.BAD_INPUT,
                    "host name '" + printable(name) + "' is not valid: 1-32 lower-case letters, digits and dashes, "
                            + "starting with a letter and not ending with a dash",
                    "try e.g. 'lab2'");
        }
        return name;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(64).forEach(c -> b.append(Character.isISOControl(c) ? '?' : Character.toString(c)));
        return s.length() > 64 ? b + "…" : b.toString();
    }
}
