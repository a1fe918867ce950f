package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CloudInitCommandTest {
    @TempDir Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cli.create();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsTheThreeFiles() {
        assertEquals(0, run("cloud-init", "render", "--hostname", "web-1", "--user", "alice", "--no-default-ssh-keys",
                "--runcmd", "echo yes", "--instance-id", "web-1-abc"), err.toString());
        String s = out.toString();
        assertTrue(s.startsWith("==> user-data <==\n#cloud-config\n"), s);
        assertTrue(s.contains("- 'echo yes'\n"), s);
        assertTrue(s.contains("==> meta-data <==\ninstance-id: web-1-abc\nlocal-hostname: web-1\n"), s);
        assertTrue(s.contains("hyperlab-ready web-1-abc"), s);
    }

    @Test
    void badInputExitsWithUsageCodeAndSaysWhatToChange() {
        assertEquals(2, run("cloud-init", "render", "--hostname", "bad_host", "--no-default-ssh-keys",
                "--iso", tmp.resolve("x.iso").toString()));
        assertTrue(err.toString().contains("not a valid host name"), err.toString());
        assertFalse(Files.exists(tmp.resolve("x.iso")), "nothing written on bad input");
    }

    @Test
    void writesIsoAndDirectory() throws Exception {
        Path key = tmp.resolve("k.pub");
        Files.writeString(key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyKeyKey me@host\n");
        assertEquals(0, run("cloud-init", "render", "--hostname", "web-1", "--ssh-key", key.toString(),
                "--iso", tmp.resolve("seed.iso").toString(), "--out", tmp.resolve("seed").toString()), err.toString());
        assertTrue(Files.size(tmp.resolve("seed.iso")) > 16 * 2048);
        assertTrue(Files.readString(tmp.resolve("seed/user-data")).contains("me@host"));
    }
}
