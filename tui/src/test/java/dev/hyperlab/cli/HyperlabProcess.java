package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real program in a child process, started as a user starts it: the repository's {@code hyperlab}
 * launcher with {@code HYPERLAB_JAR} set to the jar this build made (so it builds nothing), for ITs
 * that need a process of their own (to kill it, or to run several at once). The launcher's class-data
 * archives take about a fifth off each start, and the crash-point tests start the program over a
 * hundred times. Output goes to files, so a child never blocks on a full pipe.
 */
final class HyperlabProcess {
    record Result(int exit, String out, String err) {
        String both() { return out + err; }
    }

    private final Path jar;
    private final Path launcher;
    private final List<String> prefix;

    HyperlabProcess() {
        this(List.of());
    }

    /** @param prefix a command the program runs under, e.g. {@code nsenter --net=/run/netns/NS --} */
    HyperlabProcess(List<String> prefix) {
        jar = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("target/hyperlab.jar"); // Failsafe runs in tui/
        assertTrue(Files.isRegularFile(jar), jar + " is missing: Failsafe runs after 'package', which builds it");
        launcher = Shell.repositoryRoot().resolve("hyperlab");
        this.prefix = List.copyOf(prefix);
    }

    /** Starts one run; {@code env} is added to this process's environment. */
    Started start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("hyperlab-it-", ".out");
        Path err = Files.createTempFile("hyperlab-it-", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HYPERLAB_JAR", jar.toString());
        // the launcher runs the 'java' on PATH: make it this build's
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        return new Started(pb.start(), out, err, String.join(" ", args));
    }

    Result run(Duration timeout, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(env, args).await(timeout);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(3), Map.of(), args);
    }

    record Started(Process process, Path out, Path err, String what) {
        Result await(Duration timeout) throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
                            "hyperlab " + what + " timed out after " + timeout.toSeconds() + " s\n"
                                    + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}
