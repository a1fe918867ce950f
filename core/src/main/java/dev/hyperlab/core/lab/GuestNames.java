package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.UserInput;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestKind;
import java.util.regex.Pattern;

/** Guest and snapshot names: they become libvirt names, file names and hostnames, so keep them plain. */
public final class GuestNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private GuestNames() {}

    /** A VM's name; see {@link #requireValid(GuestKind, String)}. */
    public static String requireValid(String name) {
        return requireValid(GuestKind.VM, name);
    }

    /**
     * The one name rule for every guest kind: a lab holds VMs and containers side by side, and each
     * name becomes a hostname, a libvirt or engine name and a directory under the data dir.
     */
    public static String requireValid(GuestKind kind, String name) {
        if (!isValid(name)) {
            throw HyperlabException.badInput("bad " + (kind == GuestKind.VM ? "VM" : "container") + " name '" + UserInput.show(name)
                    + "': use 1-63 lower-case letters, digits and inner dashes (it becomes the hostname)", "try e.g. 'web-1'");
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String requireValidSnapshot(String name) {
        if (name == null || !SNAPSHOT.matcher(name).matches()) {
            throw HyperlabException.badInput("bad snapshot name '" + UserInput.show(name) + "': use letters, digits, '.', '_' and '-'",
                    "try e.g. 'before-upgrade'");
        }
        return name;
    }

    /** A login user cloud-init creates (sudo, the SSH keys): a plain lower-case name, never root. */
    public static String requireValidUser(String user) {
        if (user == null || !user.matches("[a-z_][a-z0-9_-]{0,31}") || user.equals("root")) {
            throw HyperlabException.badInput("bad --user '" + UserInput.show(user) + "': use a lower-case login name other than root",
                    "try --user dev");
        }
        return user;
    }
}
