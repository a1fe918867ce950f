package dev.hyperlab.core.compare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns benchmark tool output into one number each. */
public final class BenchmarkParsers {
    private static final Pattern EVENTS = Pattern.compile("events per second:\\s*([0-9.]+)");
    private static final Pattern MIBS = Pattern.compile("\\(([0-9.]+) MiB/sec\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkParsers() {}

    /** sysbench cpu: "events per second: 6673.15". */
    public static double sysbenchCpu(String out) {
        return find(EVENTS, out, "sysbench cpu");
    }

    /** sysbench memory: "512.00 MiB transferred (4370.04 MiB/sec)". */
    public static double sysbenchMemory(String out) {
        return find(MIBS, out, "sysbench memory");
    }

    /** The result of a fio job: IOPS for random reads, MiB/s for sequential writes. */
    public static double fio(String out, Benchmark which) {
        JsonNode job = fioJob(out);
        return switch (which) {
            case DISK_RANDREAD -> job.path("read").path("iops").asDouble();
            case DISK_SEQWRITE -> job.path("write").path("bw_bytes").asDouble() / (1024.0 * 1024.0);
            default -> throw new IllegalArgumentException("not a fio benchmark: " + which);
        };
    }

    /** The first job of fio's JSON output; fails when fio reported an error for it. */
    static JsonNode fioJob(String out) {
        int brace = out.indexOf('{'); // fio may print warnings before the JSON
        if (brace < 0) {
            throw new IllegalArgumentException("fio printed no JSON: " + abbreviate(out));
        }
        JsonNode root;
        try {
            root = JSON.readTree(out.substring(brace));
        } catch (IOException e) {
            throw new IllegalArgumentException("fio printed malformed JSON: " + e.getMessage(), e);
        }
        JsonNode job = root.path("jobs").path(0);
        if (job.isMissingNode()) {
            throw new IllegalArgumentException("fio JSON has no jobs");
        }
        if (job.path("error").asInt(0) != 0) {
            throw new IllegalArgumentException("fio job failed with error " + job.path("error").asInt());
        }
        return job;
    }

    private static double find(Pattern p, String out, String what) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalArgumentException(what + " output has no result line: " + abbreviate(out));
        }
        return Double.parseDouble(m.group(1));
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
