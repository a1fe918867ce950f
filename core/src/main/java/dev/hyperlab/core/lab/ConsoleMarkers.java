package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Phase;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which boot phase a serial-console line shows. With direct kernel boot the firmware prints
 * nothing on the serial port, so the first line is the kernel's (or, with {@code quiet}, the
 * initramfs's, which runs right after the kernel); init is systemd, or cloud-init's banner when
 * systemd's status output is off. Ready is hyperlab's marker (the last runcmd, first boot only) or
 * cloud-init's "finished" line (every boot, just after the marker on the first).
 */
public final class ConsoleMarkers {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern INIT = Pattern.compile(
            "systemd\\[1\\]|Welcome to .*(Linux|Debian)|systemd \\d+ running in system mode|Cloud-init v\\. .* running|login: *$");
    /**
     * cloud-init's final stage prints this on every boot. The readiness marker is a runcmd, which
     * runs once per instance: on a restart this line is the only sign that cloud-init is done.
     */
    private static final Pattern FINISHED = Pattern.compile("Cloud-init v\\. \\S+ finished at ");

    /**
     * With firmware boot, OVMF and GRUB write to the serial port before Linux does (boot entries,
     * menus, escape sequences): only a line that is plainly the kernel's counts as the KERNEL phase.
     */
    private static final Pattern LINUX = Pattern.compile(
            "Linux version |^\\[\\s*\\d+\\.\\d+\\]|Run /init|Loading, please wait|^Begin: ");

    private final String readyLine;
    private final boolean firmwareBoot;

    public ConsoleMarkers(String readyLine) { this(readyLine, false); }

    /** @param firmwareBoot the guest boots through firmware and a boot loader, not a kernel hyperlab passed */
    public ConsoleMarkers(String readyLine, boolean firmwareBoot) {
        this.readyLine = readyLine;
        this.firmwareBoot = firmwareBoot;
    }

    /** The phase this line proves, if any; the caller keeps only the first time each is seen. */
    public Optional<Phase> classify(String rawLine) {
        String line = clean(rawLine);
        if (line.isBlank()) {
            return Optional.empty();
        }
        if ((!readyLine.isEmpty() && line.contains(readyLine)) || FINISHED.matcher(line).find()) {
            return Optional.of(Phase.READY);
        }
        if (INIT.matcher(line).find()) {
            return Optional.of(Phase.INIT);
        }
        if (firmwareBoot && !LINUX.matcher(line).find()) {
            return Optional.empty();
        }
        return Optional.of(Phase.KERNEL);
    }

    public static String clean(String raw) {
        return ANSI.matcher(raw).replaceAll("").replace("\r", "").strip();
    }
}
