package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark (not a test): app-container start through hyperlab vs bare {@code podman run --rm
 * --network none} of the same image, interleaved in the same run; then system-container time to
 * READY. Usage: {@code java -cp hyperlab.jar dev.hyperlab.core.lab.ContainerBenchmark [rounds] [systemRounds]}.
 */
public final class ContainerBenchmark {
    private ContainerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int sysRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (ContainerService svc = ContainerService.connect()) {
            String image = svc.resolveImage("debian-12", System.err::println);
            System.out.println("engine: " + svc.engineInfo());
            System.out.println("image:  " + image);
            List<Double> hlReady = new ArrayList<>();
            List<Double> hlTotal = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            for (int i = -1; i < rounds; i++) { // round -1 warms up the JVM and the engine's caches
                String name = "hl-bench-" + ProcessHandle.current().pid() + "-" + (i + 1);
                long t0 = System.nanoTime();
                BootTimeline tl = svc.createAndStart(ContainerRequest.app(name, "debian-12", List.of("echo", "hi")),
                        ContainerStart.waitingUpTo(Duration.ofSeconds(60)));
                svc.engine().waitForExit(name, Duration.ofSeconds(60));
                svc.remove(name);
                double total = (System.nanoTime() - t0) / 1e9;
                double b = bareRun(image);
                if (i >= 0) {
                    hlReady.add(tl.at(Phase.READY).orElseThrow().toNanos() / 1e9);
                    hlTotal.add(total);
                    bare.add(b);
                }
            }
            System.out.printf(Locale.ROOT, "app container, %d rounds (median / min, seconds):%n", rounds);
            System.out.printf(Locale.ROOT, "  hyperlab create+start -> first output (READY): %.3f / %.3f%n", median(hlReady), min(hlReady));
            System.out.printf(Locale.ROOT, "  hyperlab create -> output -> exit -> removed:  %.3f / %.3f%n", median(hlTotal), min(hlTotal));
            System.out.printf(Locale.ROOT, "  bare podman run --rm --network none (CLI):    %.3f / %.3f%n", median(bare), min(bare));
            System.out.printf(Locale.ROOT, "  ratio hyperlab READY / bare: %.2fx; hyperlab full cycle / bare: %.2fx%n",
                    median(hlReady) / median(bare), median(hlTotal) / median(bare));

            List<Double> sysReady = new ArrayList<>();
            List<String> timelines = new ArrayList<>();
            for (int i = 0; i < sysRounds; i++) {
                String name = "hl-bench-sys-" + ProcessHandle.current().pid() + "-" + i;
                try {
                    BootTimeline tl = svc.createAndStart(ContainerRequest.system(name, "debian-12", Optional.empty()),
                            ContainerStart.waitingUpTo(Duration.ofSeconds(120)));
                    sysReady.add(tl.at(Phase.READY).orElseThrow().toNanos() / 1e9);
                    timelines.add(GuestSummaries.timelineText(tl));
                } finally {
                    svc.remove(name);
                }
            }
            System.out.printf(Locale.ROOT, "system container, %d rounds: time to READY (cloud-init done) median %.3f s, min %.3f s%n",
                    sysRounds, median(sysReady), min(sysReady));
            timelines.forEach(t -> System.out.println("  " + t));
        }
    }

    private static double bareRun(String image) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("podman", "run", "--rm", "--network", "none", "--ulimit", "nofile=1024:1024",
                "--ulimit", "nproc=1024:1024", image, "echo", "hi").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0 || !out.contains("hi")) {
            throw new IllegalStateException("bare podman run failed (" + rc + "): " + out);
        }
        return s;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Double> xs) { return Collections.min(xs); }
}
