package dev.hyperlab.core.labrun;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link LabForwards.Processes} on this machine: started through {@link ProcessBuilder} (which closes
 * every other descriptor in the child, so a forwarder holds none of its parent's locks), read from
 * {@code /proc/PID/cmdline}, signalled through {@link ProcessHandle}.
 */
final class LinuxProcesses implements LabForwards.Processes {
    @Override
    public Started start(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(new File("/")) // the directory 'up' ran in may be deleted while the forwarder runs
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        return new Started() {
            @Override public OptionalInt exitCode() {
                return p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
            }

            @Override public void kill() {
                p.destroyForcibly();
            }
        };
    }

    @Override
    public Optional<List<String>> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) {
                return Optional.empty();
            }
            String s = new String(raw, StandardCharsets.UTF_8);
            if (s.endsWith("\0")) {
                s = s.substring(0, s.length() - 1);
            }
            return Optional.of(Arrays.asList(s.split("\0", -1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Long> all() {
        List<Long> out = new ArrayList<>();
        File[] dirs = new File("/proc").listFiles();
        if (dirs != null) {
            for (File d : dirs) {
                String n = d.getName();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    out.add(Long.parseLong(n));
                }
            }
        }
        return out;
    }

    @Override
    public void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    @Override
    public void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
