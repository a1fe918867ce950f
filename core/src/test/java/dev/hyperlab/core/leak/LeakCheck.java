package dev.hyperlab.core.leak;

import dev.hyperlab.images.store.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * After an integration test, asserts that nothing whose name starts with the test's prefix is left
 * on the host, as Podman's system tests do: libvirt domains, volumes of the {@code hyperlab} pool,
 * libvirt networks, Podman containers and networks, and under hyperlab's data directory the
 * container directories (seeds), console logs, lock files and labs' files (state, forwarder's pid
 * file and log). It asks {@code virsh} and
 * {@code podman} directly, not hyperlab's own code, so a bug there cannot hide a leak.
 *
 * <p>Whatever it finds fails the test, and is then removed (it carries the test's prefix, so it is
 * the test's), so that one leak does not fail every test after it.
 *
 * <pre>{@code @RegisterExtension static final LeakCheck LEAKS = LeakCheck.afterEach("hl-it-");}</pre>
 */
public final class LeakCheck implements AfterEachCallback, AfterAllCallback {
    private static final String LIBVIRT = "qemu:///system";
    private static final String POOL = "hyperlab";

    private final String prefix;
    private final boolean afterEach;

    private LeakCheck(String prefix, boolean afterEach) {
        if (prefix.length() < 3) {
            throw new IllegalArgumentException("a leak-check prefix must be specific: '" + prefix + "'");
        }
        this.prefix = prefix;
        this.afterEach = afterEach;
    }

    /** Checks after every test method (for tests that make and remove their guests in one method). */
    public static LeakCheck afterEach(String prefix) { return new LeakCheck(prefix, true); }

    /** Checks once after the class (for a class whose guest lives across its test methods). */
    public static LeakCheck afterAll(String prefix) { return new LeakCheck(prefix, false); }

    @Override public void afterEach(ExtensionContext context) {
        if (afterEach) {
            check(context.getDisplayName());
        }
    }

    @Override public void afterAll(ExtensionContext context) {
        if (!afterEach) {
            check(context.getDisplayName());
        }
    }

    /** What is left with the prefix, one "kind name" per entry. */
    public List<String> leftovers() {
        List<String> out = new ArrayList<>();
        for (String d : lines("virsh", "-c", LIBVIRT, "list", "--all", "--name")) {
            add(out, "domain", d);
        }
        for (String line : lines("virsh", "-c", LIBVIRT, "vol-list", POOL)) {
            add(out, "volume", line.strip().split("\\s+")[0]);
        }
        for (String n : lines("virsh", "-c", LIBVIRT, "net-list", "--all", "--name")) {
            add(out, "network", n);
        }
        for (String c : lines("podman", "ps", "-a", "--format", "{{.Names}}")) {
            add(out, "container", c);
        }
        for (String n : lines("podman", "network", "ls", "--format", "{{.Name}}")) {
            add(out, "podman-network", n);
        }
        Path data = DataDir.resolve();
        for (Path p : children(data.resolve("containers"))) {
            add(out, "container-dir", p.getFileName().toString());
        }
        for (Path p : children(data.resolve("logs"))) {
            add(out, "log", p.getFileName().toString());
        }
        for (Path host : children(data.resolve("locks"))) {
            for (Path p : children(host)) {
                String f = p.getFileName().toString(); // KIND-NAME.lock
                add(out, "lock", f.substring(f.indexOf('-') + 1));
            }
        }
        for (Path p : children(data.resolve("labs"))) { // LAB.json, LAB.forward.pid, LAB.forward.log
            add(out, "lab-file", p.getFileName().toString());
        }
        return out;
    }

    private void check(String test) {
        List<String> left = leftovers();
        if (left.isEmpty()) {
            return;
        }
        String cleanup = removeAll();
        throw new AssertionFailedError(test + " left " + left.size() + " thing(s) named " + prefix + "*: "
                + String.join(", ", left) + (cleanup.isEmpty() ? " (removed now)" : " (removing them failed: " + cleanup + ")"));
    }

    private void add(List<String> out, String kind, String name) {
        if (name.startsWith(prefix)) {
            out.add(kind + " " + name);
        }
    }

    /** Best effort: every kind of thing, by the CLI that owns it. Returns what failed. */
    private String removeAll() {
        StringBuilder failed = new StringBuilder();
        for (String c : lines("podman", "ps", "-a", "--format", "{{.Names}}")) {
            if (c.startsWith(prefix)) {
                run(failed, "podman", "rm", "-f", "-v", c);
            }
        }
        for (String n : lines("podman", "network", "ls", "--format", "{{.Name}}")) {
            if (n.startsWith(prefix)) {
                run(failed, "podman", "network", "rm", "-f", n);
            }
        }
        for (String d : lines("virsh", "-c", LIBVIRT, "list", "--all", "--name")) {
            if (d.startsWith(prefix)) {
                run(null, "virsh", "-c", LIBVIRT, "destroy", d);
                run(failed, "virsh", "-c", LIBVIRT, "undefine", d, "--snapshots-metadata", "--nvram");
            }
        }
        for (String line : lines("virsh", "-c", LIBVIRT, "vol-list", POOL)) {
            String v = line.strip().split("\\s+")[0];
            if (v.startsWith(prefix)) {
                run(failed, "virsh", "-c", LIBVIRT, "vol-delete", v, "--pool", POOL);
            }
        }
        for (String n : lines("virsh", "-c", LIBVIRT, "net-list", "--all", "--name")) {
            if (n.startsWith(prefix)) {
                run(null, "virsh", "-c", LIBVIRT, "net-destroy", n);
                run(failed, "virsh", "-c", LIBVIRT, "net-undefine", n);
            }
        }
        Path data = DataDir.resolve();
        List<Path> files = new ArrayList<>();
        // A lab's files last: a forwarder whose pid file is gone ends by itself within 2 s.
        Stream.of("containers", "logs", "labs").flatMap(d -> children(data.resolve(d)).stream())
                .filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(files::add);
        for (Path host : children(data.resolve("locks"))) {
            children(host).stream().filter(p -> {
                String f = p.getFileName().toString();
                return f.substring(f.indexOf('-') + 1).startsWith(prefix);
            }).forEach(files::add);
        }
        for (Path p : files) {
            deleteTree(p, failed);
        }
        return failed.toString();
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteTree(Path p, StringBuilder failed) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            failed.append(p).append(": ").append(e.getMessage()).append("; ");
        }
    }

    /** The output lines of a command; none when it fails (no pool yet, no podman on this host). */
    private static List<String> lines(String... cmd) {
        StringBuilder unused = new StringBuilder();
        String out = exec(unused, cmd);
        return out == null ? List.of() : Arrays.stream(out.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static void run(StringBuilder failed, String... cmd) {
        StringBuilder err = new StringBuilder();
        if (exec(err, cmd) == null && failed != null) {
            failed.append(String.join(" ", cmd)).append(": ").append(err.toString().strip()).append("; ");
        }
    }

    /** stdout, or null when the command fails (its stderr appended to {@code err}). */
    private static String exec(StringBuilder err, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String e = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                err.append("timed out");
                return null;
            }
            if (p.exitValue() != 0) {
                err.append(e);
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.append(e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
