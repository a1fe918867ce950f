package dev.hyperlab.core.labfile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names of labs and lab networks. A lab's name becomes part of libvirt and Podman network names and of
 * every label, so it follows the guest name rule (lower case, digits, inner dashes), a little shorter.
 */
public final class LabNames {
    static final String RULE = "use 1-40 lower-case letters, digits and inner dashes";
    static final String NETWORK_RULE = "use 1-15 lower-case letters, digits and inner dashes";
    private static final Pattern LAB = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");

    private LabNames() {}

    public static boolean isValid(String name) {
        return name != null && LAB.matcher(name).matches();
    }

    public static boolean isValidNetwork(String name) {
        return name != null && NETWORK.matcher(name).matches();
    }

    /** A directory's name made into a lab name ("My Lab_2" → "my-lab-2"), or "" when nothing is left. */
    public static String fromDirectory(String dir) {
        String s = dir.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-+$", "");
        }
        return isValid(s) ? s : "";
    }
}
