package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.wait.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A lab's forwarder processes told apart from every other process by their command line ({@code
 * __forward --data DATA LAB}: this data directory's, this lab's), and ended: what {@link
 * LabForwards} needs whether or not a pid file names them (a crash between start and pid file).
 */
final class ForwarderProcesses {
    private final LabForwards.Processes procs;
    private final String dataDir;
    private final List<String> program;
    private final Duration stopGrace;

    ForwarderProcesses(LabForwards.Processes procs, String dataDir, List<String> program, Duration stopGrace) {
        this.procs = procs;
        this.dataDir = dataDir;
        this.program = List.copyOf(program);
        this.stopGrace = stopGrace;
    }

    /** The command that runs the forwarder of {@code lab}. */
    List<String> command(String lab) {
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid"); // its own session: a Ctrl-C or hangup of the terminal that ran 'up' does not reach it
        cmd.addAll(program);
        cmd.addAll(List.of(LabForwards.SUBCOMMAND, "--data", dataDir, lab));
        return cmd;
    }

    /** Whether {@code cmd} is the forwarder of {@code lab} over this data directory (any lab when {@code lab} is null). */
    boolean isForwarder(List<String> cmd, String lab) {
        return labOf(cmd).filter(l -> lab == null || l.equals(lab)).isPresent();
    }

    /** The lab a forwarder of this data directory serves, from its command line. */
    Optional<String> labOf(List<String> cmd) {
        int i = cmd.indexOf(LabForwards.SUBCOMMAND);
        if (i < 0 || cmd.size() != i + 4 || !cmd.get(i + 1).equals("--data") || !cmd.get(i + 2).equals(dataDir)) {
            return Optional.empty();
        }
        return Optional.of(cmd.get(i + 3));
    }

    boolean isForwarder(long pid, String lab) {
        return procs.commandLine(pid).map(c -> isForwarder(c, lab)).orElse(false);
    }

    /** Every process that is this lab's forwarder (normally one; two after a crash between start and stop). */
    List<Long> of(String lab) {
        List<Long> out = new ArrayList<>();
        for (long pid : procs.all()) {
            if (isForwarder(pid, lab)) {
                out.add(pid);
            }
        }
        return out;
    }

    void end(Set<Long> pids, String lab) {
        if (pids.isEmpty()) {
            return;
        }
        pids.forEach(pid -> {
            if (isForwarder(pid, lab)) {
                procs.terminate(pid);
            }
        });
        if (!gone(pids, lab, stopGrace)) {
            pids.forEach(pid -> {
                if (isForwarder(pid, lab)) {
                    procs.kill(pid);
                }
            });
            if (!gone(pids, lab, stopGrace)) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "the port forwarder of lab " + lab + " (pid "
                        + pids + ") did not end after SIGKILL", "try 'kill -9 " + pids.iterator().next() + "'");
            }
        }
    }

    private boolean gone(Set<Long> pids, String lab, Duration within) {
        try {
            return Wait.upTo(within).poll(Duration.ofMillis(50), () -> pids.stream().noneMatch(p -> isForwarder(p, lab)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
