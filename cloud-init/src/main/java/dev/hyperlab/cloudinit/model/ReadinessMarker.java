package dev.hyperlab.cloudinit.model;

import java.util.regex.Pattern;

/**
 * The contract between the seed and the code that waits for a guest: the renderer always appends
 * {@link #command(String)} as the LAST {@code runcmd} entry (after any merge with a user's
 * cloud-config), so when the line {@link #lineFor(String)} appears, cloud-init has run every user
 * command. The line goes to {@code /dev/console} (VM serial console, container stdout) and to the file
 * {@link #FILE} (for containers or guests whose console is not readable).
 */
public final class ReadinessMarker {
    /** Where the guest writes the marker line (tmpfs: gone after a reboot, so a stale marker cannot lie). */
    public static final String FILE = "/run/hyperlab-ready";
    public static final String PREFIX = "hyperlab-ready";

    private static final Pattern PATTERN = Pattern.compile(PREFIX + " ([A-Za-z0-9][A-Za-z0-9._-]*)");

    private ReadinessMarker() {}

    /** The exact line (without line terminator) the guest prints for {@code instanceId}. */
    public static String lineFor(String instanceId) {
        return PREFIX + " " + requireValid(instanceId);
    }

    /** Matches any marker line (use {@code find()}: consoles add {@code \r} and noise); group 1 = instance-id. */
    public static Pattern pattern() {
        return PATTERN;
    }

    /**
     * The runcmd entry. It writes the file through a temporary name and a rename so a reader never sees
     * half a line, then copies it to the console; a console that cannot be opened (some containers) is
     * ignored so the command still succeeds.
     */
    public static String command(String instanceId) {
        String line = lineFor(instanceId);
        return "printf '%s\\n' '" + line + "' > " + FILE + ".tmp && mv -f " + FILE + ".tmp " + FILE
                + "; cat " + FILE + " 2>/dev/null > /dev/console || true";
    }

    /**
     * The marker written with shell builtins only, for a restored clone's identity step, where every
     * program started costs 50-200 ms under TCG (mv and cat were 0.19 s). The file is written in place,
     * not renamed: a clone's readiness is the identity script's return, so nothing polls the file then.
     */
    public static String builtinCommand(String instanceId) {
        String line = lineFor(instanceId);
        return "printf '%s\\n' '" + line + "' > " + FILE + "; { printf '%s\\n' '" + line + "' > /dev/console; } 2>/dev/null || true";
    }

    private static String requireValid(String instanceId) {
        if (!InstanceId.isValid(instanceId)) {
            throw new IllegalArgumentException("invalid instance-id '" + instanceId
                    + "': use letters, digits, '.', '_' and '-' only (see InstanceId.newFor)");
        }
        return instanceId;
    }
}
