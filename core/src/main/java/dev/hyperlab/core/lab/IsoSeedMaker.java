package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary seed writer (genisoimage) until the cloud-init module is merged. */
final class IsoSeedMaker implements SeedMaker {
    @Override public void validate(GuestSeed seed) { }

    @Override public void write(GuestSeed seed, Path iso) {
        try {
            Path dir = Files.createTempDirectory("seed");
            StringBuilder ud = new StringBuilder("#cloud-config\nhostname: " + seed.hostname() + "\n");
            seed.user().ifPresent(u -> ud.append("users:\n  - name: ").append(u)
                    .append("\n    sudo: ALL=(ALL) NOPASSWD:ALL\n    shell: /bin/bash\n"));
            ud.append("runcmd:\n");
            for (String c : seed.runcmd()) {
                ud.append("  - ").append(quote(c)).append('\n');
            }
            ud.append("  - ").append(quote("echo '" + readinessLine(seed.instanceId()) + "' > /dev/console")).append('\n');
            Files.writeString(dir.resolve("user-data"), ud);
            Files.writeString(dir.resolve("meta-data"), "instance-id: " + seed.instanceId() + "\nlocal-hostname: "
                    + seed.hostname() + "\n");
            Process p = new ProcessBuilder("genisoimage", "-quiet", "-output", iso.toString(), "-volid", "cidata",
                    "-joliet", "-rock", dir.resolve("user-data").toString(), dir.resolve("meta-data").toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(out);
            }
        } catch (IOException | InterruptedException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing the seed failed: " + e.getMessage(), null, e);
        }
    }

    private static String quote(String s) { return "'" + s.replace("'", "''") + "'"; }

    @Override public String readinessLine(String instanceId) { return "hyperlab-ready " + instanceId; }
}
