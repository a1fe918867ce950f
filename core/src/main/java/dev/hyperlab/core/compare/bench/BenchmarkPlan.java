package dev.hyperlab.core.compare.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact command lines of the micro-benchmarks. The same lists run on the host, in a container
 * and in a VM, so differences come from where they run, not from how.
 *
 * @param seconds      run time of each benchmark
 * @param cpuMaxPrime  sysbench cpu --cpu-max-prime
 * @param fileMiB      size of fio's test file
 * @param scratchFile  fio's test file; on the instance's own disk (overlay / qcow2), removed by fio
 */
public record BenchmarkPlan(int seconds, int cpuMaxPrime, int fileMiB, String scratchFile) {

    public BenchmarkPlan {
        if (seconds < 1 || cpuMaxPrime < 100 || fileMiB < 1) {
            throw new IllegalArgumentException("benchmark plan too small");
        }
        if (!scratchFile.startsWith("/")) {
            throw new IllegalArgumentException("scratch file must be absolute: " + scratchFile);
        }
    }

    /** What {@code hyperlab compare} runs: 5 s each, 64 MiB file. */
    public static BenchmarkPlan standard() { return new BenchmarkPlan(5, 20000, 64, "/var/tmp/hyperlab-fio.bin"); }

    /** A run of a few seconds in all, for tests and the demo. */
    public static BenchmarkPlan quick() { return new BenchmarkPlan(1, 5000, 16, "/var/tmp/hyperlab-fio.bin"); }

    public List<String> cpu() {
        return List.of("sysbench", "cpu", "--threads=1", "--cpu-max-prime=" + cpuMaxPrime, "--time=" + seconds, "run");
    }

    public List<String> memory() {
        // total size far above what fits in the time, so --time bounds the run
        return List.of("sysbench", "memory", "--threads=1", "--memory-block-size=1M", "--memory-total-size=1000G",
                "--memory-oper=write", "--time=" + seconds, "run");
    }

    public List<String> disk(Benchmark which, boolean direct) {
        List<String> a = new ArrayList<>(List.of("fio", "--name=" + which.label(), "--filename=" + scratchFile,
                "--size=" + fileMiB + "M", "--ioengine=psync", "--direct=" + (direct ? 1 : 0),
                "--runtime=" + seconds, "--time_based", "--unlink=1", "--output-format=json"));
        switch (which) {
            case DISK_RANDREAD -> a.addAll(List.of("--rw=randread", "--bs=4k"));
            case DISK_SEQWRITE -> a.addAll(List.of("--rw=write", "--bs=1M", "--end_fsync=1"));
            default -> throw new IllegalArgumentException("not a disk benchmark: " + which);
        }
        return List.copyOf(a);
    }
}
