package dev.hyperlab.core.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes and checks a byte pattern in a stopped guest's qcow2 with qemu-io (a disk change seen from the host). */
final class DiskPattern {
    private static final String PATTERN = "0xa5";
    private static final String LEN = "64k";

    private DiskPattern() {}

    static long offsetNearEnd(Path qcow2) throws IOException, InterruptedException {
        String info = run("qemu-img", "info", "--force-share", "--output=json", qcow2.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"virtual-size\":\\s*(\\d+)").matcher(info);
        if (!m.find()) {
            throw new IOException("no virtual size in: " + info);
        }
        return Long.parseLong(m.group(1)) - (1L << 20);
    }

    static void write(Path qcow2, long offset) throws IOException, InterruptedException {
        String out = run("qemu-io", "-f", "qcow2", "-c", "write -P " + PATTERN + " " + offset + " " + LEN, qcow2.toString());
        if (!out.contains("wrote")) {
            throw new IOException("qemu-io write failed: " + out);
        }
    }

    static boolean present(Path qcow2, long offset) throws IOException, InterruptedException {
        String out = run("qemu-io", "-f", "qcow2", "-r", "-c", "read -P " + PATTERN + " " + offset + " " + LEN, qcow2.toString());
        return out.contains("read ") && !out.contains("Pattern verification failed");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
