package dev.hyperlab.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hyperlab.images.store.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real program, end to end, as a user drives it: {@code ./hyperlab} in a 100x30 tmux pane on
 * the real stack (libvirtd with TCG, Podman, the default image). It opens the help, creates a VM
 * and a system container from the default image with the wizard, watches both reach ready in the
 * boot window, opens the VM's serial console and sees the login prompt, removes both from the list,
 * checks from outside the TUI that nothing of them is left, and quits with exit status 0.
 *
 * <p>About one TCG boot (~2 min on an idle host); the test gives up after 6 min. The VM has no NIC
 * and the container no network (the wizard's defaults, checked on screen before Create). Whatever
 * happens, the tmux server is killed and both guests are removed with the CLI afterwards.
 */
class TuiEndToEndIT {
    /** Nothing named hl-e2e-* may be left on the host after each test. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hl-e2e-");

    private static final String LIBVIRT = "qemu:///system";
    private static final Duration SHORT = Duration.ofSeconds(20);
    /** The JVM starts and the first listing answers; slow on a loaded 2-core host. */
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration CONTAINER_READY = Duration.ofSeconds(120);
    /** From the Create key press: a TCG boot takes 70-130 s here. */
    private static final Duration VM_READY = Duration.ofSeconds(300);
    private static final Duration REMOVE = Duration.ofSeconds(120);
    /** What the TUI shows when something went wrong: no point waiting for the timeout then. */
    private static final Pattern ERROR = Pattern.compile("─Error─|failed after [0-9]|: failed$", Pattern.MULTILINE);

    private static Path root;
    private static Path dataDir;

    private final String name = "hl-e2e-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private final String socket = "hyperlab-e2e-" + name;
    private Tmux tmux;
    private final long t0 = System.nanoTime();
    private final List<String> timings = new ArrayList<>();

    @BeforeAll
    static void findTheProgram() throws Exception {
        root = repositoryRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        Path jar = root.resolve("tui/target/hyperlab.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: Failsafe runs after 'package', which builds it");
        dataDir = DataDir.resolve();
        // The default image is built by the core ITs before this one; on a host without it, build it
        // here (a no-op when present), so the wizard's first use does not eat the boot's time budget.
        Result r = run(Duration.ofMinutes(20), root.resolve("hyperlab").toString(), "image", "build");
        assertEquals(0, r.exit(), "hyperlab image build:\n" + r.output());
    }

    /** The test runs in the tui module; the launcher is in the repository root above it. */
    static Path repositoryRoot(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("hyperlab")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("tui"))) {
                return p;
            }
        }
        throw new AssertionError("no ./hyperlab launcher above " + from);
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void helpWizardBootConsoleRemoveAndQuit() throws Exception {
        tmux = Tmux.start(socket, "tui", root, 100, 30,
                Map.of("LANG", "C.UTF-8", "LIBVIRT_DEFAULT_URI", LIBVIRT), "./hyperlab");
        tmux.awaitRegex("^KIND +NAME +STATE +CPU +MEM +CPU% +UPTIME +READY +ADDRESS$", STARTUP, ERROR);
        tmux.awaitNoText("loading guests from", STARTUP);
        mark("the list is up");

        // ---- help: open, see the key table, close
        tmux.keys("?");
        tmux.awaitRegex("─Keys─", SHORT, null);
        tmux.awaitText("-- guest list --", SHORT);
        tmux.awaitText("create a VM, a system container or both from one image", SHORT);
        tmux.keys("Escape");
        tmux.awaitNoText("-- guest list --", SHORT);

        // ---- the wizard: both kinds from the default image, no NIC
        tmux.keys("c");
        tmux.awaitText("Create guests", SHORT);
        tmux.awaitRegex("Kind: +< VM >", SHORT, null);
        tmux.keys("Right");
        tmux.awaitRegex("Kind: +< container >", SHORT, null);
        tmux.keys("Right");
        tmux.awaitRegex("Kind: +< both >", SHORT, null);
        tmux.awaitRegex("Image: +debian-12 ", SHORT, null);
        // Enter moves field by field; the hint under the form names the focused field.
        next("Image:", "an image from 'hyperlab image list'");
        next("Name:", "lower-case letters, digits and inner dashes");
        tmux.type(name);
        tmux.awaitRegex("Name: +" + name + " ", SHORT, null);
        next("vCPUs:", "VM vCPUs; the container's CPU limit");
        next("Memory:", "e.g. 512M or 2G");
        next("Disk:", "VMs only, e.g. 8G");
        next("User:", "a login user with sudo");
        next("SSH keys:", "public key files, comma-separated");
        next("Cloud-config:", "optional #cloud-config file");
        next("VM NIC:", "Left/Right: none, or QEMU user-mode");
        next("<Create>", "Enter: check, then create and boot");
        String form = tmux.screen();
        assertTrue(Pattern.compile("vCPUs: +2 ").matcher(form).find(), Tmux.frame(form));
        assertTrue(Pattern.compile("Memory: +1G ").matcher(form).find(), Tmux.frame(form));
        assertTrue(Pattern.compile("VM NIC: +< none >").matcher(form).find(),
                "the network rule: the VM gets no NIC\n" + Tmux.frame(form));
        tmux.keys("Enter"); // press Create
        long created = System.nanoTime();
        mark("Create pressed");

        // ---- the boot window: the container's ready line, then the VM's, then back to the list
        Pattern wizardError = Pattern.compile("^ *│! .*|" + ERROR.pattern(), Pattern.MULTILINE);
        tmux.await("the boot window", SHORT, s -> s.contains("─Booting─") && s.contains("vm/" + name)
                && s.contains("ct/" + name), wizardError);
        String s = tmux.await("the container's ready line", CONTAINER_READY,
                t -> readyLine(t, "ct/" + name).isPresent(), ERROR);
        String ctReady = readyLine(s, "ct/" + name).orElseThrow();
        mark("ct ready (" + ctReady + " s on screen)");
        assertTrue(headline(s, "ct/" + name).contains("ready in " + ctReady + " s"), Tmux.frame(s));
        s = tmux.await("the VM's ready line and 'all ready'", VM_READY.minus(Duration.ofNanos(System.nanoTime() - created)),
                t -> readyLine(t, "vm/" + name).isPresent() && t.contains("all ready: back to the list in"), ERROR);
        String vmReady = readyLine(s, "vm/" + name).orElseThrow();
        mark("vm ready (" + vmReady + " s on screen)");
        assertTrue(headline(s, "vm/" + name).contains("ready in " + vmReady + " s"), Tmux.frame(s));
        // The window goes back to the list by itself; the rows carry the same ready times.
        tmux.awaitNoText("─Booting─", SHORT);
        tmux.awaitRegex("^vm +" + name + " +running .* " + Pattern.quote(vmReady) + "s +-$", SHORT, ERROR);
        tmux.awaitRegex("^ct +" + name + " +running .* " + Pattern.quote(ctReady) + "s +-$", SHORT, ERROR);
        mark("back on the list");

        // ---- only our guests in the list (others may run theirs on this host), the VM selected
        tmux.keys("/");
        tmux.type(name);
        tmux.keys("Enter");
        tmux.awaitRegex("/" + name + " 2/\\d+$", SHORT, null);
        select("vm");
        assertTrue(tmux.screen().contains("vm/" + name + "  running  image debian-12"),
                "the detail pane names the image\n" + Tmux.frame(tmux.lastScreen()));

        // ---- the VM's console: connected, a key press brings the login prompt, Ctrl-] leaves
        tmux.keys("Enter");
        tmux.awaitText("console vm/" + name + "  (Ctrl-] back to the list)", SHORT);
        tmux.awaitRegex("connected$", SHORT, ERROR);
        awaitLogin();
        mark("console shows the login prompt");
        tmux.keys("C-]");
        tmux.awaitNoText("console vm/" + name, SHORT);
        tmux.awaitRegex("^KIND +NAME", SHORT, null);

        // ---- remove both, each after its confirmation
        remove("vm");
        remove("ct");
        tmux.awaitRegex("/" + name + " 0/\\d+$", SHORT, ERROR); // the filter's count: none of ours left
        mark("both removed in the TUI");

        // ---- nothing of them is left, as seen from outside the TUI
        assertNothingLeft();

        // ---- quit: the pane's process exits with 0
        tmux.keys("q");
        int status = tmux.awaitExit(SHORT);
        assertEquals(0, status, "exit status of ./hyperlab; last screen:\n" + Tmux.frame(tmux.screen()));
        String after = tmux.screen();
        assertFalse(after.contains("Exception"), "nothing printed on the terminal after the TUI\n" + Tmux.frame(after));
        mark("quit, exit 0");
    }

    /** Enter moves to the next field: the hint names it (the label must be on screen too). */
    private void next(String label, String hint) throws InterruptedException {
        tmux.keys("Enter");
        String s = tmux.awaitText(hint, SHORT);
        assertTrue(s.contains(label), "no " + label + " on the form\n" + Tmux.frame(s));
    }

    /** Selects our guest of {@code kind} in the filtered list, checked in the detail pane. */
    private void select(String kind) throws InterruptedException {
        String line = kind + "/" + name + "  ";
        tmux.keys("g");
        for (int i = 0; i < 3 && !detailLine(tmux.screen()).startsWith(line); i++) {
            tmux.keys("j");
            Thread.sleep(300);
        }
        tmux.await("'" + line + "' in the detail pane", SHORT, t -> detailLine(t).startsWith(line), ERROR);
    }

    /** The detail pane's first line: the first line under the table that starts with "vm/" or "ct/". */
    private static String detailLine(String screen) {
        return screen.lines().filter(l -> l.matches("^(vm|ct)/\\S+  .*")).findFirst().orElse("");
    }

    private void awaitLogin() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern login = Pattern.compile("^" + name + " login:", Pattern.MULTILINE);
        while (true) {
            tmux.keys("Enter"); // getty prints its prompt again for every line
            long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < wait) {
                if (login.matcher(tmux.screen()).find()) {
                    return;
                }
                Thread.sleep(200);
            }
            if (System.nanoTime() > deadline) {
                fail("the console never showed '" + name + " login:'; last screen:\n" + Tmux.frame(tmux.lastScreen()));
            }
        }
    }

    private void remove(String kind) throws InterruptedException {
        String key = kind + "/" + name;
        select(kind);
        tmux.keys("x");
        tmux.awaitRegex("─Remove " + Pattern.quote(key) + "─", SHORT, null); // the confirmation names our guest
        tmux.awaitText("y: yes", SHORT);
        tmux.keys("y");
        tmux.awaitText("remove " + key + ": done", REMOVE);
        tmux.await("no " + key + " row", SHORT,
                t -> t.lines().noneMatch(l -> l.matches("^" + kind + " +" + name + " .*")), ERROR);
        mark(key + " removed");
    }

    /** libvirt, Podman and the data dir know nothing of the test's name any more. */
    private void assertNothingLeft() throws Exception {
        Result domains = run(SHORT, "virsh", "-c", LIBVIRT, "list", "--all", "--name");
        assertEquals(0, domains.exit(), domains.output());
        assertFalse(domains.output().lines().anyMatch(l -> l.trim().equals(name)), "domain left:\n" + domains.output());
        Result vols = run(SHORT, "virsh", "-c", LIBVIRT, "vol-list", "hyperlab");
        assertEquals(0, vols.exit(), vols.output());
        assertFalse(vols.output().contains(name), "volume left:\n" + vols.output());
        Result cts = run(SHORT, "podman", "ps", "-a", "--filter", "name=" + name, "--format", "{{.Names}}");
        assertEquals(0, cts.exit(), cts.output());
        assertEquals("", cts.output().trim(), "container left");
        List<Path> files = leftoverFiles();
        assertEquals(List.of(), files, "seed dirs, console logs, overlays of " + name + " under " + dataDir);
    }

    private List<Path> leftoverFiles() throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dataDir, 3)) {
            return all.filter(p -> p.getFileName().toString().contains(name)).toList();
        }
    }

    /** The seconds of the "  ready   12.3 s" line under {@code key}'s headline in the boot window. */
    static Optional<String> readyLine(String screen, String key) {
        Pattern ready = Pattern.compile("^  ready +([0-9]+\\.[0-9]) s$");
        for (String l : bootBlock(screen, key)) {
            Matcher m = ready.matcher(l);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    static String headline(String screen, String key) {
        List<String> block = bootBlock(screen, key);
        return block.isEmpty() ? "" : block.get(0);
    }

    /** {@code key}'s headline and its phase lines, read from inside the boot window's frame. */
    static List<String> bootBlock(String screen, String key) {
        List<String> inside = new ArrayList<>();
        for (String l : screen.lines().toList()) {
            int a = l.indexOf('│');
            int b = l.lastIndexOf('│');
            inside.add(a >= 0 && b > a ? l.substring(a + 1, b).replaceAll("\\s+$", "") : "");
        }
        List<String> block = new ArrayList<>();
        for (String l : inside) {
            if (block.isEmpty()) {
                if (l.startsWith(key + "  ")) {
                    block.add(l);
                }
            } else if (l.startsWith("  ")) {
                block.add(l);
            } else {
                break;
            }
        }
        return block;
    }

    private void mark(String what) {
        timings.add(String.format(Locale.ROOT, "%6.1f s  %s", (System.nanoTime() - t0) / 1e9, what));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (tmux != null) {
            String last = tmux.lastScreen();
            tmux.close(); // kills ./hyperlab if it still runs
            // Seconds since the test began, step by step: how far it got, and where the time went.
            System.out.println("TuiEndToEndIT " + name + ":\n  " + String.join("\n  ", timings)
                    + "\nlast screen:\n" + Tmux.frame(last));
        }
        // Whatever the test got to: remove the guests by the CLI, then anything else named after them.
        String hyperlab = root.resolve("hyperlab").toString();
        List<String> removed = new ArrayList<>();
        if (run(SHORT, "virsh", "-c", LIBVIRT, "dominfo", name).exit() == 0) {
            Result r = run(REMOVE, hyperlab, "vm", "rm", "-f", name);
            removed.add("vm (hyperlab vm rm -f: exit " + r.exit() + " " + r.output().trim() + ")");
        }
        if (run(SHORT, "podman", "container", "exists", name).exit() == 0) {
            Result r = run(REMOVE, hyperlab, "ct", "rm", "-f", name);
            removed.add("container (hyperlab ct rm -f: exit " + r.exit() + " " + r.output().trim() + ")");
        }
        for (String vol : List.of(name + ".qcow2", name + "-seed.iso")) {
            if (run(SHORT, "virsh", "-c", LIBVIRT, "vol-info", "--pool", "hyperlab", vol).exit() == 0) {
                run(SHORT, "virsh", "-c", LIBVIRT, "vol-delete", "--pool", "hyperlab", vol);
                removed.add("volume " + vol);
            }
        }
        for (Path p : leftoverFiles()) {
            try (Stream<Path> tree = Files.walk(p)) {
                for (Path f : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
            removed.add(p.toString());
        }
        if (!removed.isEmpty()) {
            System.out.println("TuiEndToEndIT cleanup removed what the test left of " + name + ": " + removed);
        }
    }

    record Result(int exit, String output) {}

    static Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("hyperlab-e2e-", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", cmd) + " timed out after " + timeout.toSeconds() + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
