package dev.hyperlab.core.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A second process for {@link NameLocksTest}: {@code hold DIR HOST KIND NAME} takes a lock, prints
 * "held" and keeps it until its stdin closes (or it is killed); {@code churn DIR HOST KIND NAME N LOG}
 * takes and releases the lock N times, writing "in PID" and "out PID" to LOG while it holds it.
 */
public final class LockHolder {
    public static void main(String[] args) throws Exception {
        NameLocks locks = new NameLocks(Path.of(args[1]), args[2]);
        if (args[0].equals("hold")) {
            try (NameLocks.Held h = locks.acquire(args[3], args[4], Duration.ofSeconds(30))) {
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
            try (NameLocks.Held h = locks.acquire(args[3], args[4], Duration.ofSeconds(60))) {
                churn(log);
            }
        }
    }

    /** One turn inside the lock, as the test's own threads do it. */
    static void churn(Path log) throws IOException, InterruptedException {
        String pid = ProcessHandle.current().pid() + "/" + Thread.currentThread().getId();
        Files.writeString(log, "in " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(0, 200_000);
        Files.writeString(log, "out " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
