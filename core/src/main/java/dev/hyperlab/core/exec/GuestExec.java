package dev.hyperlab.core.exec;

import java.time.Duration;
import java.util.List;

/**
 * Port: run a command inside something (the bare host, a container through the engine's exec API,
 * a VM through qemu-guest-agent) and collect its output. Benchmarks and isolation probes are
 * written once against this port.
 *
 * <p>Implementations throw {@link dev.hyperlab.core.error.HyperlabException} with code TIMEOUT when
 * the command does not finish within {@code timeout} (and stop it where they can), and with
 * UNAVAILABLE when the channel itself (engine, guest agent) does not answer. A command that runs
 * and fails is not an exception: it is an {@link ExecResult} with a non-zero exit code.
 */
@FunctionalInterface
public interface GuestExec {
    /** Conventional exit code when the program was not found, as a shell reports it. */
    int NOT_FOUND_EXIT = 127;

    ExecResult exec(List<String> argv, Duration timeout);
}
