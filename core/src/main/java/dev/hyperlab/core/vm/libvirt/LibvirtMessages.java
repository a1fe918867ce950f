package dev.hyperlab.core.vm.libvirt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt's error text made into one line. When libvirt ran qemu-img for us (creating an overlay),
 * its message holds the whole command line and qemu-img's several lines of output: the user needs
 * only qemu-img's own words, and a hint at the image store, where the base image comes from.
 */
final class LibvirtMessages {
    /** libvirt: "... Child process (/usr/bin/qemu-img create ...) unexpected exit status 1: OUTPUT". */
    private static final Pattern CHILD = Pattern.compile(
            "(?s).*Child process \\((\\S*qemu-img)[^)]*\\) unexpected exit status \\d+:\\s*(.*)");

    private LibvirtMessages() {}

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "libvirt gave no reason";
        }
        Matcher m = CHILD.matcher(message);
        String text = m.matches() ? "qemu-img: " + m.group(2).replaceFirst("^qemu-img:\\s*", "") : message;
        return String.join("; ", text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                .replaceAll("\\s+", " ");
    }

    static boolean fromQemuImg(String message) {
        return message != null && message.contains("qemu-img");
    }
}
