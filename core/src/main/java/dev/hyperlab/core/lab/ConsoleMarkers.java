package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Phase;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which boot phase a serial-console line shows. With direct kernel boot the firmware prints
 * nothing on the serial port, so the first line is the kernel's (or, with {@code quiet}, the
 * initramfs's, which runs right after the kernel); init is systemd, or cloud-init's banner when
 * systemd's status output is off.
 */
public final class ConsoleMarkers {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern INIT = Pattern.compile(
            "systemd\\[1\\]|Welcome to .*(Linux|Debian)|systemd \\d+ running in system mode|Cloud-init v\\. .* running|login: *$");

    private final String readyLine;

    public ConsoleMarkers(String readyLine) { this.readyLine = readyLine; }

    /** The phase this line proves, if any; the caller keeps only the first time each is seen. */
    public Optional<Phase> classify(String rawLine) {
        String line = clean(rawLine);
        if (line.isBlank()) {
            return Optional.empty();
        }
        if (line.contains(readyLine)) {
            return Optional.of(Phase.READY);
        }
        if (INIT.matcher(line).find()) {
            return Optional.of(Phase.INIT);
        }
        return Optional.of(Phase.KERNEL);
    }

    public static String clean(String raw) {
        return ANSI.matcher(raw).replaceAll("").replace("\r", "").strip();
    }
}
