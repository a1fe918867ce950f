package dev.hyperlab.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host tools this module relies on (qemu-img, mmdebstrap, mkfs.ext4, tar) and turns a
 * failure into an {@link ImageException} that quotes the tool's last lines of output.
 */
public final class Tools {
    private Tools() {}

    /** Result of a finished command: exit code and its combined stdout+stderr. */
    public record Result(int exitCode, String output) {
        public boolean ok() { return exitCode == 0; }
    }

    /** Runs a command to completion; output is collected (callers pass quiet commands only). */
    public static Result run(List<String> command, long timeoutSeconds) {
        Path log = null;
        try {
            log = Files.createTempFile("hyperlab-tool", ".log");
            return run(command, log, timeoutSeconds);
        } catch (IOException e) {
            throw ImageException.failed(command.get(0) + " failed: " + e.getMessage(), e);
        } finally {
            if (log != null) {
                try { Files.deleteIfExists(log); } catch (IOException ignored) { /* temp file */ }
            }
        }
    }

    /** Runs a command with its output going to {@code log}; returns the exit code and the log's text. */
    public static Result run(List<String> command, Path log, long timeoutSeconds) {
        requireOnPath(command.get(0));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LC_ALL", "C.UTF-8");
        // Tools like mkfs.ext4 live in sbin, which a non-login PATH may lack.
        pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + ":" + b);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new ImageException(ImageException.Kind.FAILED, command.get(0) + " failed: no result within "
                        + timeoutSeconds + " s; try again on a less busy host");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ImageException.failed(command.get(0) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageException.failed(command.get(0) + " failed: interrupted", e);
        }
    }

    /** Like {@link #run(List, long)} but throws with the tool's last output lines when it fails. */
    public static String check(String what, List<String> command, long timeoutSeconds) {
        Result r = run(command, timeoutSeconds);
        if (!r.ok()) {
            throw new ImageException(ImageException.Kind.FAILED, what + " failed: " + String.join(" ", command)
                    + " exited with " + r.exitCode() + ": " + tail(r.output(), 6));
        }
        return r.output();
    }

    /** The last {@code n} non-empty lines of a tool's output, joined with " | ". */
    public static String tail(String output, int n) {
        List<String> lines = new ArrayList<>();
        for (String l : output.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    public static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static void requireOnPath(String tool) {
        if (!onPath(tool)) {
            throw new ImageException(ImageException.Kind.UNAVAILABLE, tool + " not found: it is needed for images; "
                    + "try scripts/setup.sh (installs qemu-utils, mmdebstrap, e2fsprogs)");
        }
    }
}
