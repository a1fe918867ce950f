package dev.hyperlab.images;

import java.time.Duration;

/**
 * One progress event of a long operation (build, download, import).
 *
 * @param phase     short name of the current step, e.g. "bootstrap", "download"
 * @param elapsed   time since the operation started
 * @param done      units done in this phase (bytes for transfers), or -1 when not counted
 * @param total     units expected, or -1 when unknown
 * @param rate      bytes per second, or -1 when not a transfer
 * @param eta       estimated time left, or null when unknown
 * @param detail    a short human note, may be empty
 */
public record Progress(String phase, Duration elapsed, long done, long total, double rate, Duration eta, String detail) {

    public static Progress phase(String phase, Duration elapsed, String detail) {
        return new Progress(phase, elapsed, -1, -1, -1, null, detail);
    }

    public boolean isTransfer() { return rate >= 0; }
}
