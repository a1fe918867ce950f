package dev.hyperlab.cloudinit.validate;

import java.util.regex.Pattern;

/** Syntax rules for names the guest's OS will use. */
public final class Names {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** Debian's adduser NAME_REGEX, length capped at 32 like useradd. */
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}[$]?");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");

    private Names() {}

    /** Why {@code h} is not an RFC 1123 host name (or FQDN), or null when it is one. */
    public static String hostnameProblem(String h) {
        if (h == null || h.isEmpty()) {
            return "it is empty";
        }
        if (h.length() > 253) {
            return "it is longer than 253 characters";
        }
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "it has an empty label (two dots in a row, or a leading dot)";
            }
            if (label.length() > 63) {
                return "the label '" + label + "' is longer than 63 characters";
            }
            if (!LABEL.matcher(label).matches()) {
                return "the label '" + label + "' may hold only letters, digits and '-', and may not start or end with '-'";
            }
        }
        if (name.matches("[0-9.]+")) {
            return "it is all digits (looks like an IP address)";
        }
        return null;
    }

    public static boolean isUserName(String n) {
        return n != null && USER.matcher(n).matches();
    }

    public static boolean isInterfaceName(String n) {
        return n != null && IFACE.matcher(n).matches();
    }
}
