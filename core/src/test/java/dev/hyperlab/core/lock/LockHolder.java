package dev.hyperlab.core.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        int n = Integer.parseInt(args[5]);
        Path log = Path.of(args[6]);
        for (int i = 0; i < n; i++) {
            if (shared) {
                try (NameLocks.Held h = locks.acquireShared(args[3], args[4], Duration.ofSeconds(60))) {
                    churn(log, "s");
                }
                Thread.sleep(1); // a gap, so that the exclusive holders get their turns
            } else {
                try (NameLocks.Held h = locks.acquire(args[3], args[4], Duration.ofSeconds(60))) {
                    churn(log);
                }
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

    /** One turn inside the lock, as the test's own threads do it. */
    static void churn(Path log) throws IOException, InterruptedException {
        churn(log, "");
    }

    /** As {@link #churn(Path)}, the lines starting with {@code prefix} ("s" for a shared holder). */
    static void churn(Path log, String prefix) throws IOException, InterruptedException {
        String pid = ProcessHandle.current().pid() + "/" + Thread.currentThread().getId();
        Files.writeString(log, prefix + "in " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Thread.sleep(0, 200_000);
        Files.writeString(log, prefix + "out " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
