package dev.hyperlab.tui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One program in a detached tmux session on a server of its own ({@code tmux -L SOCKET}), so the
 * test never touches anyone else's tmux: keys in with {@code send-keys}, the screen out with
 * {@code capture-pane -p}. The pane stays after the program exits ({@code remain-on-exit}), so its
 * exit status can be read. Every wait fails with the last screen it saw in the message.
 */
final class Tmux implements AutoCloseable {
    private static final long POLL_MILLIS = 150;

    private final String socket;
    private final String target;
    private String lastScreen = "";
    /** The server's socket: kill-server leaves the file behind. */
    private Path socketPath;

    private Tmux(String socket, String session) {
        this.socket = socket;
        this.target = session + ":0.0";
    }

    /** Starts {@code command} in {@code dir} in a {@code cols}x{@code rows} pane, with UTF-8 forced and a clean config. */
    static Tmux start(String socket, String session, Path dir, int cols, int rows, Map<String, String> env,
                      String... command) throws IOException, InterruptedException {
        Tmux t = new Tmux(socket, session);
        List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", "/dev/null",
                "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                "new-session", "-d", "-s", session, "-x", Integer.toString(cols), "-y", Integer.toString(rows),
                "-c", dir.toString()));
        env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.addAll(List.of(command));
        t.tmux(cmd);
        t.socketPath = t.format("#{socket_path}").filter(p -> !p.isBlank()).map(Path::of).orElse(null);
        return t;
    }

    /** Named keys as tmux knows them: "Enter", "Escape", "Right", "C-]", or single characters. */
    void keys(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", target));
        cmd.addAll(List.of(keys));
        tmuxQuietly(cmd);
    }

    /** Types {@code text} literally (no key names). */
    void type(String text) {
        tmuxQuietly(List.of("tmux", "-L", socket, "send-keys", "-t", target, "-l", text));
    }

    /** The visible screen, one line per row, trailing blanks trimmed. */
    String screen() {
        try {
            String s = tmux(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", target));
            lastScreen = s.lines().map(l -> l.replaceAll("\\s+$", "")).reduce((a, b) -> a + "\n" + b).orElse("");
        } catch (IOException e) {
            lastScreen = lastScreen + "\n[capture-pane failed: " + e.getMessage() + "]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return lastScreen;
    }

    String lastScreen() { return lastScreen; }

    /**
     * Waits until the screen satisfies {@code ok}. Fails at once when {@code bad} matches a line
     * (an error the program shows: no point waiting out the timeout), or when the program exited.
     */
    String await(String what, Duration timeout, Predicate<String> ok, Pattern bad) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String s = screen();
            if (ok.test(s)) {
                return s;
            }
            if (bad != null) {
                Matcher m = bad.matcher(s);
                if (m.find()) {
                    fail("waiting for " + what + ", the screen showed an error (/" + bad + "/ at '" + m.group()
                            + "'):\n" + frame(s));
                }
            }
            if (paneDead()) {
                fail("waiting for " + what + ", the program exited (status " + exitStatus().orElse(-1)
                        + "); last screen:\n" + frame(s));
            }
            if (System.nanoTime() > deadline) {
                fail("the screen did not show " + what + " within " + timeout.toSeconds() + " s; last screen:\n"
                        + frame(s));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    String awaitText(String text, Duration timeout) throws InterruptedException {
        return await("'" + text + "'", timeout, s -> s.contains(text), null);
    }

    String awaitNoText(String text, Duration timeout) throws InterruptedException {
        return await("no '" + text + "'", timeout, s -> !s.contains(text), null);
    }

    /** Waits for {@code regex} anywhere on the screen (multi-line mode: ^ and $ are line bounds). */
    Matcher awaitRegex(String regex, Duration timeout, Pattern bad) throws InterruptedException {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        String s = await("/" + regex + "/", timeout, t -> p.matcher(t).find(), bad);
        Matcher m = p.matcher(s);
        m.find();
        return m;
    }

    boolean paneDead() {
        return "1".equals(format("#{pane_dead}").orElse("1")); // no pane at all: it is gone as well
    }

    Optional<Integer> exitStatus() {
        return format("#{pane_dead_status}").filter(s -> s.matches("-?\\d+")).map(Integer::parseInt);
    }

    /**
     * Waits until the pane's process exited; returns its exit status. tmux sees the pane's end of
     * file before it reaps the process, so the pane is dead a moment before its status is known; and
     * tmux 3.3a here misses the SIGCHLD altogether now and then (4 quits of 11 measured: the process
     * stays a zombie, {@code pane_dead_status} stays empty, until any later SIGCHLD reaps it). So a
     * pane dead for a second without a status gets its server a SIGCHLD, as a second child's exit
     * would send it; tmux then reaps and records the real status.
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long deadSince = 0;
        while (true) {
            boolean dead = paneDead();
            Optional<Integer> status = dead ? exitStatus() : Optional.empty();
            if (status.isPresent()) {
                return status.get();
            }
            if (dead && deadSince == 0) {
                deadSince = System.nanoTime();
            } else if (dead && System.nanoTime() - deadSince > 1_000_000_000L) {
                format("#{pid}").filter(pid -> pid.matches("\\d+")).ifPresent(pid -> {
                    try {
                        new ProcessBuilder("kill", "-s", "CHLD", pid).start().waitFor(5, TimeUnit.SECONDS);
                    } catch (IOException e) {
                        // the next round tries again
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                deadSince = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                fail("the program did not exit (or tmux never reported its status) within " + timeout.toSeconds()
                        + " s; last screen:\n" + frame(screen()));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private Optional<String> format(String fmt) {
        try {
            return Optional.of(tmux(List.of("tmux", "-L", socket, "display-message", "-p", "-t", target, fmt)).trim());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The screen in a frame, so a CI log shows where it starts and ends and which blanks are there. */
    static String frame(String screen) {
        StringBuilder sb = new StringBuilder("+----\n");
        screen.lines().forEach(l -> sb.append('|').append(l).append('\n'));
        return sb.append("+----").toString();
    }

    private void tmuxQuietly(List<String> cmd) {
        try {
            tmux(cmd);
        } catch (IOException e) {
            fail(String.join(" ", cmd) + " failed: " + e.getMessage() + "; last screen:\n" + frame(lastScreen));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tmux(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("TMUX"); // run from inside tmux: still a server of its own, not a nested client
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + out.trim());
        }
        return out;
    }

    /** Ends the tmux server of this test, and with it the program if it still runs; removes its socket. */
    @Override
    public void close() {
        try {
            tmux(List.of("tmux", "-L", socket, "kill-server"));
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socketPath != null) {
            try {
                java.nio.file.Files.deleteIfExists(socketPath);
            } catch (IOException e) {
                // a stale socket file harms nothing
            }
        }
    }
}
