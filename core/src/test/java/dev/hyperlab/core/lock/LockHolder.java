package dev.hyperlab.core.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A second process for {@link NameLocksTest} and {@link NameLocksSharedTest}: {@code hold DIR HOST
 * KIND NAME} takes a lock, prints "held" and keeps it until its stdin closes (or it is killed);
 * {@code churn DIR HOST KIND NAME N LOG} takes and releases the lock N times, writing "in PID" and
 * "out PID" to LOG while it holds it. {@code hold-shared} and {@code churn-shared} do the same with
 * the lock taken shared, writing "sin" and "sout".
 */
public final class LockHolder {
    public static void main(String[] args) throws Exception {
        NameLocks locks = new NameLocks(Path.of(args[1]), args[2]);
        boolean shared = args[0].endsWith("-shared");
        if (args[0].startsWith("hold")) {
            try (NameLocks.Held h = shared ? locks.acquireShared(args[3], args[4], Duration.ofSeconds(30))
                    : locks.acquire(args[3], args[4], Duration.ofSeconds(30))) {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our stdin
                }
            }
            return;
        }
        turns(locks, args[3], args[4], shared, Integer.parseInt(args[5]), Path.of(args[6]));
    }

    /**
     * Takes and releases the lock {@code n} times, inside it writing "in" and "out" lines to
     * {@code log} ("sin" and "sout" when shared), as this process and the tests' own threads do.
     */
    static void turns(NameLocks locks, String kind, String name, boolean shared, int n, Path log)
            throws IOException, InterruptedException {
        for (int i = 0; i < n; i++) {
            if (shared) {
                try (NameLocks.Held h = locks.acquireShared(kind, name, Duration.ofSeconds(60))) {
                    churn(log, "s");
                }
                Thread.sleep(1); // a gap, so that the exclusive holders get their turns
            } else {
                try (NameLocks.Held h = locks.acquire(kind, name, Duration.ofSeconds(60))) {
                    churn(log, "");
                }
            }
        }
    }

    /** Waits for the test's threads and the other processes to finish their turns, each without failing. */
    static void awaitTurns(List<Future<?>> threads, List<Process> processes) throws Exception {
        for (Future<?> f : threads) {
            f.get(180, TimeUnit.SECONDS);
        }
        for (Process p : processes) {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError("a holder process did not finish its turns");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Starts this class in a JVM of its own: {@code mode DIR HOST KIND NAME MORE...}. */
    static Process start(Path dir, String host, String mode, String kind, String name, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), mode, dir.toString(), host, kind,
                name));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).start();
    }

    /** One turn inside the lock, its lines starting with {@code prefix} ("s" for a shared holder). */
    private static void churn(Path log, String prefix) throws IOException, InterruptedException {
        String pid = ProcessHandle.current().pid() + "/" + Thread.currentThread().getId();
        Files.writeString(log, prefix + "in " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Thread.sleep(0, 200_000);
        Files.writeString(log, prefix + "out " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
