package dev.hyperlab.core.exec;

import java.time.Duration;

/** The outcome of one command run on the host, in a container or in a VM. */
public record ExecResult(int exitCode, String stdout, String stderr, Duration elapsed) {
    public boolean ok() { return exitCode == 0; }
}
