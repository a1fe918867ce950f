package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.leak.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two libvirt hosts on one machine (scripts/second-host.sh: a second libvirtd in its own mount namespace
 * on 127.0.0.1:16510), as a user drives them with the real program: the second host added under a
 * hosts file of the test's own, a VM created there from the default image and seen ready over the remote
 * connection, both hosts in one list, a live migration to this machine while a counter runs in the
 * guest (it must keep counting), the VM removed, and neither host left with anything of it. One TCG boot.
 */
class MultiHostIT {
    private static final String VM = "hl-mh-1";
    private static final String URI = "qemu+tcp://127.0.0.1:16510/system";
    private static final Pattern COUNTER = Pattern.compile("(?m)^(\\d+)\\s*$");
    private static final Pattern MIGRATED = Pattern.compile(
            "migrated " + VM + " from lab2 to local in ([\\d.]+) s: (\\S+ \\S+) moved, downtime (\\d+) ms");

    @RegisterExtension static final LeakCheck LEAKS = LeakCheck.afterAll("hl-mh-");

    private static Path root;
    private static Path config;
    private static Map<String, String> env;
    private final HyperlabProcess hyperlab = new HyperlabProcess();

    @BeforeAll
    static void secondHost() throws Exception {
        root = Shell.repositoryRoot();
        dev.hyperlab.images.build.DefaultImage.ensure(dev.hyperlab.images.store.ImageStore.openDefault(), p -> { });
        Shell.Result up = Shell.run(Duration.ofMinutes(2), root.resolve("scripts/second-host.sh").toString(), "up");
        Assumptions.assumeTrue(up.exit() == 0, "the second host did not start:\n" + up.output());
        String[] lines = up.output().strip().split("\n");
        assertEquals(URI, lines[lines.length - 1], "up prints its URI last");
        config = Files.createTempDirectory("hl-mh-config-");
        env = Map.of("XDG_CONFIG_HOME", config.toString());
    }

    @AfterAll
    static void removeEverything() throws Exception {
        if (env == null) {
            return;
        }
        HyperlabProcess p = new HyperlabProcess();
        p.run(Duration.ofMinutes(1), env, "vm", "rm", "-f", VM, "--host", "lab2");
        p.run(Duration.ofMinutes(1), env, "vm", "rm", "-f", VM);
        Shell.run(Duration.ofMinutes(2), root.resolve("scripts/second-host.sh").toString(), "down");
        try (var files = Files.walk(config)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private HyperlabProcess.Result ok(Duration timeout, String... args) throws Exception {
        HyperlabProcess.Result r = hyperlab.run(timeout, env, args);
        assertEquals(0, r.exit(), "hyperlab " + String.join(" ", args) + ":\n" + r.both());
        return r;
    }

    private long counter(String... host) throws Exception {
        String[] args = concat(new String[] {"vm", "exec", VM}, host, new String[] {"--", "cat", "/run/counter"});
        Matcher m = COUNTER.matcher(ok(Duration.ofMinutes(1), args).out());
        assertTrue(m.find(), "a number from the guest");
        return Long.parseLong(m.group(1));
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static List<String> onLab2(String... virsh) throws Exception {
        Shell.Result r = Shell.run(Duration.ofSeconds(30), concat(new String[] {"virsh", "-c", URI}, virsh));
        assertEquals(0, r.exit(), r.output());
        return r.output().lines().map(String::strip).filter(l -> l.contains("hl-mh-")).toList();
    }

    @Test
    @DisplayName("a VM made on the second host, listed with both hosts, live-migrated here while it counts, removed: nothing left on either")
    void createListMigrateRemove() throws Exception {
        ok(Duration.ofSeconds(30), "host", "add", "lab2", URI);

        HyperlabProcess.Result created = ok(Duration.ofMinutes(8), "vm", "create", VM, "--host", "lab2", "--network", "user",
                "--memory", "1G", "--wait", "--no-default-ssh-keys");
        assertTrue(created.out().contains("ready by the readiness marker on the serial console"),
                "ready, read from the console stream over the remote connection:\n" + created.both());
        System.out.println("MultiHostIT: vm create on lab2:\n" + created.out());

        HyperlabProcess.Result listed = ok(Duration.ofMinutes(1), "list", "--all-hosts");
        assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("HOST ")), listed.both());
        assertTrue(listed.out().lines().anyMatch(l -> l.matches("lab2\\s+vm\\s+" + VM + "\\s+running.*")), listed.both());
        assertTrue(!listed.both().contains("does not answer"), "both hosts answer:\n" + listed.both());

        ok(Duration.ofMinutes(1), "vm", "exec", VM, "--host", "lab2", "--", "sh", "-c",
                "nohup sh -c 'i=0; while :; do i=$((i+1)); echo $i > /run/counter; sleep 0.2; done' >/dev/null 2>&1 &");
        Thread.sleep(1000);
        long before = counter("--host", "lab2");

        HyperlabProcess.Result migrated = ok(Duration.ofMinutes(5), "vm", "migrate", VM, "--host", "lab2", "--to", "local",
                "--live", "--copy-storage");
        Matcher m = MIGRATED.matcher(migrated.out());
        assertTrue(m.find(), migrated.both());
        System.out.printf("MultiHostIT: live migration lab2 -> local of a 1 GiB TCG guest: %s s in all, %s moved, downtime %s ms%n",
                m.group(1), m.group(2), m.group(3));
        System.out.println(migrated.out());

        long after = counter();
        Thread.sleep(1000);
        long later = counter();
        assertTrue(after > before && later > after, "the counter went on: " + before + " -> " + after + " -> " + later);
        assertEquals(List.of(), onLab2("list", "--all", "--name"), "no domain left on lab2");
        assertEquals(List.of(), onLab2("vol-list", "hyperlab"), "no volume left on lab2");
        HyperlabProcess.Result here = ok(Duration.ofMinutes(1), "list", "--all-hosts");
        assertTrue(here.out().lines().anyMatch(l -> l.matches("local\\s+vm\\s+" + VM + "\\s+running.*")), here.both());

        ok(Duration.ofMinutes(2), "vm", "rm", "-f", VM);
        assertEquals(List.of(), onLab2("list", "--all", "--name"));
        assertEquals(List.of(), onLab2("vol-list", "hyperlab"));
        assertTrue(LEAKS.leftovers().isEmpty(), "left on this host: " + LEAKS.leftovers());
    }
}
