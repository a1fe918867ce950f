package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb of scripts/package.sh, installed on this host as a user would (apt-get install ./FILE),
 * used (doctor, man), and removed: nothing of it may stay behind.
 */
@DisplayName("the Debian package installs, runs and removes cleanly")
class DebPackageIT {
    static final Duration APT = Duration.ofMinutes(5);
    static final String[] APT_GET = {"apt-get", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300"};

    @TempDir Path out;

    @Test
    void buildInstallUseRemove() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
        Path root = Shell.repositoryRoot();
        Shell.Result pkg = Shell.run(Duration.ofMinutes(10), root.resolve("scripts/package.sh").toString(),
                "--jar", root.resolve("tui/target/hyperlab.jar").toString(), "--out", out.toString());
        assertEquals(0, pkg.exit(), pkg.output());
        Path deb = Path.of(pkg.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(deb.getFileName().toString().matches("hyperlab_[0-9][^_]*_all\\.deb"), deb.toString());
        assertTrue(Files.isRegularFile(deb));
        assertNamesWhatSetupInstalls(root, deb);
        List<String> files = List.of();
        try {
            Shell.Result install = Shell.run(Map.of("DEBIAN_FRONTEND", "noninteractive"), APT,
                    concat(APT_GET, "install", deb.toAbsolutePath().toString()));
            assertEquals(0, install.exit(), install.output());
            files = Shell.run(APT, "dpkg", "-L", "hyperlab").output().lines().map(String::strip).toList();
            assertTrue(files.contains("/usr/bin/hyperlab"), String.join("\n", files));
            assertTrue(files.contains("/usr/share/bash-completion/completions/hyperlab"));
            assertTrue(files.contains("/usr/share/man/man1/hyperlab-vm-create.1.gz"));

            Shell.Result doctor = Shell.run(APT, "/usr/bin/hyperlab", "doctor");
            assertEquals(0, doctor.exit(), doctor.output());
            assertTrue(doctor.output().contains("libvirt"), doctor.output());
            // MANPATH keeps setup's copy in /usr/local out of the way: this must be the package's page.
            Shell.Result where = Shell.run(Map.of("MANPATH", "/usr/share/man"), APT, "man", "-w", "hyperlab-vm-create");
            assertEquals("/usr/share/man/man1/hyperlab-vm-create.1.gz", where.output().strip());
            Shell.Result page = Shell.run(Map.of("MANPATH", "/usr/share/man", "MANWIDTH", "100"), APT,
                    "man", "-P", "cat", "hyperlab-vm-create");
            assertTrue(page.output().replaceAll("\\s+", " ").contains("Memory, e.g. 512M, 2G (default: 1G)"), page.output());
        } finally {
            Shell.Result purge = Shell.run(Map.of("DEBIAN_FRONTEND", "noninteractive"), APT, concat(APT_GET, "purge", "hyperlab"));
            assertEquals(0, purge.exit(), purge.output());
        }
        assertFalse(Shell.run(APT, "dpkg", "-s", "hyperlab").exit() == 0, "still known to dpkg");
        for (String f : files) {
            Path p = Path.of(f);
            // Directories such as /usr/share/man stay (other packages own them too); every file goes.
            assertFalse(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), f + " left behind");
            assertFalse(f.contains("hyperlab") && Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), f + " left behind");
        }
    }

    /** Every package scripts/setup.sh installs is a dependency of some strength, except the build tools. */
    private static void assertNamesWhatSetupInstalls(Path root, Path deb) throws Exception {
        String setup = Files.readString(root.resolve("scripts/setup.sh"));
        String list = setup.substring(setup.indexOf("PACKAGES=("), setup.indexOf("\n)", setup.indexOf("PACKAGES=(")));
        Shell.Result fields = Shell.run(APT, "dpkg-deb", "-f", deb.toString(), "Depends", "Recommends", "Suggests");
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String dep : fields.output().replaceAll("(?m)^[A-Za-z]+: ", ",").split("[,|\\n]")) {
            named.add(dep.strip().split(" ")[0]);
        }
        java.util.Set<String> buildOnly = java.util.Set.of("openjdk-17-jdk-headless", "maven", "asciidoctor");
        for (String line : list.lines().skip(1).toList()) {
            String code = line.replaceAll("#.*", "").strip();
            for (String p : code.isEmpty() ? new String[0] : code.split("\\s+")) {
                assertTrue(buildOnly.contains(p) || named.contains(p), p + " (setup.sh) is not in the package's "
                        + "Depends/Recommends/Suggests: " + fields.output());
            }
        }
        assertTrue(named.contains("openjdk-17-jre-headless"), fields.output());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
