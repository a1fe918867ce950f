package dev.hyperlab.cloudinit.bench;

import dev.hyperlab.cloudinit.SampleConfigs;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import dev.hyperlab.cloudinit.seed.NoCloudIsoWriter;
import dev.hyperlab.cloudinit.seed.NoCloudSeedDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints how long rendering and writing a seed take (warm JVM): the tool's cost per guest created. */
public final class SeedBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        CloudConfig config = SampleConfigs.full();
        CloudInitRenderer renderer = new CloudInitRenderer();
        Path dir = Files.createTempDirectory("seedbench");
        try {
            for (int i = 0; i < n / 4; i++) { // warm-up
                NoCloudIsoWriter.toBytes(renderer.render(config));
            }
            long t0 = System.nanoTime();
            RenderedSeed seed = null;
            for (int i = 0; i < n; i++) {
                seed = renderer.render(config);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NoCloudIsoWriter.toBytes(seed);
            }
            long t2 = System.nanoTime();
            Path iso = dir.resolve("seed.iso");
            for (int i = 0; i < n; i++) {
                NoCloudIsoWriter.write(seed, iso);
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NoCloudSeedDirectory.write(seed, dir.resolve("nocloud"));
            }
            long t4 = System.nanoTime();
            System.out.printf("iterations: %d, seed %d bytes, ISO %d bytes%n", n, seed.totalBytes(), Files.size(iso));
            System.out.printf("render (merge+validate+YAML):   %8.1f us%n", (t1 - t0) / 1e3 / n);
            System.out.printf("ISO image in memory:            %8.1f us%n", (t2 - t1) / 1e3 / n);
            System.out.printf("ISO write (temp+fsync+rename):  %8.1f us%n", (t3 - t2) / 1e3 / n);
            System.out.printf("seed directory (3 files, fsync): %7.1f us%n", (t4 - t3) / 1e3 / n);
        } finally {
            NoCloudSeedDirectory.delete(dir.resolve("nocloud"));
            Files.deleteIfExists(dir.resolve("seed.iso"));
            Files.deleteIfExists(dir);
        }
    }
}
