package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.HypervisorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUI's screen tests drive {@link ScriptedHypervisor}; it keeps the port's promises as the
 * libvirt adapter does (core's contract kit, from core's test-jar), so a screen test cannot pass on
 * behaviour the real adapter lacks.
 */
class ScriptedHypervisorContractTest extends HypervisorContract {
    @TempDir Path dir;

    @Override protected Hypervisor open() { return new ScriptedHypervisor(); }

    @Override protected String poolDir() { return dir.resolve("pool").toString(); }

    @Override protected String basePath() {
        Path base = dir.resolve("base.qcow2");
        try {
            if (!Files.exists(base)) {
                Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "64M")
                        .inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("qemu-img failed");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return base.toString();
    }
}
