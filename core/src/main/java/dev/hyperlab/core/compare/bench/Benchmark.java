package dev.hyperlab.core.compare.bench;

/** The micro-benchmarks run on the host and in each guest; for all of them higher is better. */
public enum Benchmark {
    CPU("cpu", "events/s", "sysbench cpu, 1 thread, primes up to the plan's limit"),
    MEMORY("memory", "MiB/s", "sysbench memory, 1 MiB blocks, sequential write, 1 thread"),
    DISK_RANDREAD("disk-randread", "IOPS", "fio 4 KiB random reads, psync, queue depth 1"),
    DISK_SEQWRITE("disk-seqwrite", "MiB/s", "fio 1 MiB sequential writes, psync, fsync at end");

    private final String label;
    private final String unit;
    private final String description;

    Benchmark(String label, String unit, String description) {
        this.label = label;
        this.unit = unit;
        this.description = description;
    }

    /** Stable name in JSON and CSV. */
    public String label() { return label; }

    public String unit() { return unit; }

    public String description() { return description; }
}
