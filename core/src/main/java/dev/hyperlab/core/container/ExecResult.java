package dev.hyperlab.core.container;

/** Outcome of a command run inside a container. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() { return exitCode == 0; }
}
