package dev.hyperlab.core.compare.memory;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's KSM (kernel same-page merging, {@code /sys/kernel/mm/ksm}) switched on for a measurement
 * and put back as it was: {@link #takeOver} saves {@code run} and {@code pages_to_scan}, then sets them;
 * {@link #close} writes the saved values back, and so does a JVM shutdown hook when the run is
 * interrupted (Ctrl-C) before it closes. The directory is a parameter so tests use a temporary one.
 */
public final class KsmControl implements AutoCloseable {
    public static final Path SYSFS = Path.of("/sys/kernel/mm/ksm");

    /** Whether the lever can run here; {@code why} says why not in the report's words. */
    public record Availability(boolean usable, String why) {}

    private final Path dir;
    private final String savedRun;
    private final String savedPagesToScan;
    private final Thread hook;
    private boolean restored;

    private KsmControl(Path dir, String savedRun, String savedPagesToScan) {
        this.dir = dir;
        this.savedRun = savedRun;
        this.savedPagesToScan = savedPagesToScan;
        this.hook = new Thread(this::restore, "hyperlab-ksm-restore");
    }

    /** Whether this host's kernel has KSM and this process may change its settings. */
    public static Availability probe(Path dir) {
        Path run = dir.resolve("run");
        if (!Files.isRegularFile(run)) {
            return new Availability(false, "KSM is not in this host's kernel (no " + run + ")");
        }
        if (!Files.isWritable(run) || !Files.isWritable(dir.resolve("pages_to_scan"))) {
            return new Availability(false, "KSM is in the kernel, but changing " + run + " is not permitted (run as root)");
        }
        return new Availability(true, "");
    }

    /** Saves the settings, then lets KSM run scanning {@code pagesToScan} pages per wake-up. */
    public static KsmControl takeOver(Path dir, int pagesToScan) {
        KsmControl k = new KsmControl(dir, read(dir, "run"), read(dir, "pages_to_scan"));
        Runtime.getRuntime().addShutdownHook(k.hook);
        try {
            write(dir, "pages_to_scan", Integer.toString(pagesToScan));
            write(dir, "run", "1");
        } catch (RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    /** {@code run} as it was before the take-over ("0" stopped, "1" running, "2" unmerging). */
    public String runBefore() { return savedRun; }

    /** Pages now shared host-wide (the saving: pages_sharing, each a 4 KiB page not held twice). */
    public long pagesSharing() {
        return Long.parseLong(read(dir, "pages_sharing"));
    }

    /** Puts the saved settings back: pages_to_scan first, then run (as they were read). */
    private synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        RuntimeException first = null;
        for (String[] kv : new String[][] {{"pages_to_scan", savedPagesToScan}, {"run", savedRun}}) {
            try {
                write(dir, kv[0], kv[1]);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        try {
            restore();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs or ran restore(), which happens once
            }
        }
    }

    static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file)).trim();
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading " + dir.resolve(file) + " failed: "
                    + e.getMessage(), null, e);
        }
    }

    private static void write(Path dir, String file, String value) {
        try {
            Files.writeString(dir.resolve(file), value + "\n");
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "setting " + dir.resolve(file) + " to " + value
                    + " failed: " + e.getMessage(), "put it back by hand: echo " + value + " > " + dir.resolve(file), e);
        }
    }
}
