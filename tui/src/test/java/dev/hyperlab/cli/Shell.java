package dev.hyperlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program for the ITs that test hyperlab as a shell user meets it: output and stderr together. */
final class Shell {
    record Result(int exit, String output) {}

    private Shell() {}

    static Result run(Map<String, String> env, Duration timeout, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("hl-native-", ".out");
        try {
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(Map.of(), timeout, command);
    }

    static Result bash(Map<String, String> env, String script) throws IOException, InterruptedException {
        return run(env, Duration.ofMinutes(2), List.of("bash", "--norc", "--noprofile", "-c", script).toArray(String[]::new));
    }

    /** The repository root above the tui module, where ./hyperlab and scripts/ are. */
    static Path repositoryRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("hyperlab")) && Files.isDirectory(p.resolve("scripts"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("no ./hyperlab launcher above " + System.getProperty("user.dir"));
    }
}
