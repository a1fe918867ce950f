package dev.hyperlab.core.lab.bench;

import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.vm.VolumeRef;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Creates N qcow2 overlays on one base through the libvirt storage API (the {@code hyperlab}
 * pool) and prints the total time and each overlay's size before boot; then deletes them.
 *
 * <pre>java -cp tui/target/hyperlab.jar dev.hyperlab.core.lab.bench.OverlayBenchmark [URI] [BASE.qcow2] [N]</pre>
 *
 * Without BASE, a 2 GiB empty qcow2 is made with qemu-img under the pool directory's parent.
 * Targets (issue #3): 50 overlays in at most 5 s in total, each at most 1 MiB.
 */
public final class OverlayBenchmark {
    private OverlayBenchmark() {}

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "qemu:///system";
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dataDir = Path.of(System.getenv().getOrDefault("HYPERLAB_HOME", "/var/lib/hyperlab"));
        Path base;
        if (args.length > 1) {
            base = Path.of(args[1]).toAbsolutePath();
        } else {
            base = dataDir.resolve("bench/base.qcow2");
            Files.createDirectories(base.getParent());
            Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "2G")
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("qemu-img create failed");
            }
        }
        try (LibvirtHypervisor hv = LibvirtHypervisor.connect(uri)) {
            hv.ensurePool(VmService.POOL, dataDir.resolve("pool").toString());
            List<String> names = new ArrayList<>();
            long[] each = new long[n];
            long[] alloc = new long[n];
            long[] onDisk = new long[n];
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < n; i++) {
                    String name = "bench-overlay-" + i + ".qcow2";
                    long s = System.nanoTime();
                    VolumeRef v = hv.createOverlay(VmService.POOL, name, base.toString(), 2L << 30);
                    each[i] = System.nanoTime() - s;
                    names.add(name);
                    alloc[i] = v.allocationBytes();
                    onDisk[i] = Files.exists(Path.of(v.path())) ? Files.size(Path.of(v.path())) : -1;
                }
                long total = System.nanoTime() - t0;
                Arrays.sort(each);
                System.out.printf(Locale.ROOT, "uri=%s base=%s overlays=%d%n", uri, base, n);
                System.out.printf(Locale.ROOT, "total            %8.3f s   (target <= 5 s for 50)%n", total / 1e9);
                System.out.printf(Locale.ROOT, "per overlay      min %.1f ms  median %.1f ms  max %.1f ms%n",
                        each[0] / 1e6, each[n / 2] / 1e6, each[n - 1] / 1e6);
                System.out.printf(Locale.ROOT, "allocation       max %d KiB   (target <= 1024 KiB)%n",
                        Arrays.stream(alloc).max().orElse(0) / 1024);
                System.out.printf(Locale.ROOT, "file size        max %d KiB%n", Arrays.stream(onDisk).max().orElse(0) / 1024);
            } finally {
                for (String name : names) {
                    hv.deleteVolume(VmService.POOL, name);
                }
            }
        }
    }
}
