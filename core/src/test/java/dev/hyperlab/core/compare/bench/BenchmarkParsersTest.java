package dev.hyperlab.core.compare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsers against output recorded from real runs of sysbench 1.0.20 and fio 3.33 on this host. */
class BenchmarkParsersTest {

    static String recorded(String name) throws Exception {
        try (InputStream in = BenchmarkParsersTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sysbenchCpuEventsPerSecond() throws Exception {
        assertEquals(1723.61, BenchmarkParsers.sysbenchCpu(recorded("sysbench-cpu.txt")), 1e-9);
    }

    @Test
    void sysbenchMemoryMibPerSecond() throws Exception {
        assertEquals(3889.29, BenchmarkParsers.sysbenchMemory(recorded("sysbench-memory.txt")), 1e-9);
    }

    @Test
    void fioRandomReadIops() throws Exception {
        assertEquals(15308.075773, BenchmarkParsers.fio(recorded("fio-randread.json"), Benchmark.DISK_RANDREAD), 1e-6);
    }

    @Test
    void fioSequentialWriteMibPerSecond() throws Exception {
        String json = recorded("fio-seqwrite.json");
        long bw = Long.parseLong(json.replaceAll("(?s).*?\"write\" : \\{.*?\"bw_bytes\" : (\\d+).*", "$1"));
        assertEquals(bw / 1048576.0, BenchmarkParsers.fio(json, Benchmark.DISK_SEQWRITE), 1e-9);
    }

    @Test
    void fioWarningsBeforeTheJsonAreSkipped() throws Exception {
        String out = "fio: this platform does not support O_DIRECT hints\n" + recorded("fio-randread.json");
        assertEquals(15308.075773, BenchmarkParsers.fio(out, Benchmark.DISK_RANDREAD), 1e-6);
    }

    @Test
    void fioJobErrorIsAFailure() throws Exception {
        String failed = recorded("fio-randread.json").replaceFirst("\"error\" : 0", "\"error\" : 22");
        assertThrows(IllegalArgumentException.class, () -> BenchmarkParsers.fio(failed, Benchmark.DISK_RANDREAD));
    }

    @Test
    void missingResultLinesAreFailures() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkParsers.sysbenchCpu("FATAL: something"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkParsers.sysbenchMemory(""));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkParsers.fio("fio: no such file", Benchmark.DISK_RANDREAD));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkParsers.fio("{\"jobs\": []}", Benchmark.DISK_RANDREAD));
    }

    @Test
    void planCommandLinesAreStable() {
        BenchmarkPlan p = BenchmarkPlan.quick();
        assertEquals("sysbench cpu --threads=1 --cpu-max-prime=5000 --time=1 run", String.join(" ", p.cpu()));
        assertEquals("fio --name=disk-randread --filename=/var/tmp/hyperlab-fio.bin --size=16M --ioengine=psync "
                + "--direct=1 --runtime=1 --time_based --unlink=1 --output-format=json --rw=randread --bs=4k",
                String.join(" ", p.disk(Benchmark.DISK_RANDREAD, true)));
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkPlan(1, 5000, 16, "relative.bin"));
    }
}
