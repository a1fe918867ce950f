package dev.hyperlab.core.lab;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.libvirt.AgentChannel;
import dev.hyperlab.core.vm.libvirt.QemuAgentExec;
import dev.hyperlab.core.wait.Wait;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Readiness through qemu-guest-agent, for a guest whose serial console does not show hyperlab's
 * marker: wait until the agent answers {@code guest-ping}, then run {@code cloud-init status --wait}
 * in the guest, and then see its final stage's {@code /run/cloud-init/result.json}: cloud-init has
 * finished (with or without errors: its output says). cloud-init before 23.4 ends {@code --wait} with
 * "status: error" as soon as an early stage logged an error, before the final stage ran the user's
 * runcmd, so its word alone is not the end of the boot.
 * A guest whose console shows Linux is left to the console's marker unless the console goes quiet:
 * starting Python in the guest costs seconds of its CPU under TCG, in the middle of its boot.
 */
final class AgentReadiness {
    private static final String PING = "{\"execute\":\"guest-ping\"}";
    /** Between asks: the agent connects late in the boot, and restarts now and then. */
    private static final Duration PAUSE = Duration.ofSeconds(1);
    /** Written when cloud-init's final stage ends, with or without errors. */
    static final String RESULT_FILE = "/run/cloud-init/result.json";
    private static final String WAITING_FOR_FINAL = "; its final stage has not ended (no " + RESULT_FILE + ")";

    private final Hypervisor hv;
    private final String name;
    private final LongSupplier nanoClock;

    AgentReadiness(Hypervisor hv, String name, LongSupplier nanoClock) {
        this.hv = hv;
        this.name = name;
        this.nanoClock = nanoClock;
    }

    /**
     * True when cloud-init finished by the agent's word before the deadline (done, or done with errors);
     * false otherwise (see {@code tried}).
     *
     * @throws HyperlabException when cloud-init will not run at all on this boot (disabled)
     */
    boolean await(long deadlineNanos, BootWatcher.Tried tried, Supplier<BootTimeline> timeline, Duration consoleQuiet) {
        Wait wait = Wait.until(deadlineNanos, nanoClock, Wait.Sleeper.REAL, Cancellation.NONE,
                "waiting for the guest agent of " + name);
        Boolean[] outcome = {null};
        try {
            wait.poll(PAUSE, () -> {
                outcome[0] = ask(deadlineNanos, tried, consoleQuiet);
                return outcome[0] != null || timeline.get().has(Phase.READY);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the watch is over: another signal said ready, or it gave up
            return false;
        }
        return Boolean.TRUE.equals(outcome[0]);
    }

    /** One look: true (cloud-init finished), false (give up on the agent), null (ask again after a pause). */
    private Boolean ask(long deadlineNanos, BootWatcher.Tried tried, Duration consoleQuiet) {
        if (!tried.agentAnswered) {
            try {
                hv.agentCommand(name, PING, 5);
                tried.agentAnswered = true;
                tried.agentNote = "waiting for the serial console's marker";
            } catch (HyperlabException e) {
                return null; // not connected yet: the agent starts late in the boot
            }
        }
        if (tried.cloudInitReturned) {
            return finalStageEnded(deadlineNanos, tried);
        }
        if (tried.linuxOnConsole && nanoClock.getAsLong() - tried.lastLinuxLine < consoleQuiet.toNanos()) {
            return null; // the console is still talking: its marker is cheaper than Python in the guest
        }
        ExecResult r;
        try {
            r = new QemuAgentExec(channel(hv, name)).exec(List.of("cloud-init", "status", "--wait"),
                    Duration.ofNanos(Math.max(1, deadlineNanos - nanoClock.getAsLong())));
        } catch (HyperlabException e) {
            if (e.code() == ErrorCode.TIMEOUT) {
                tried.agentNote = "cloud-init status --wait did not return";
                return false;
            }
            tried.agentNote = "guest-exec failed: " + e.getMessage();
            return null; // the agent restarted mid-boot: ask again
        }
        if (r.exitCode() == GuestExec.NOT_FOUND_EXIT) {
            tried.agentNote = "the guest has no cloud-init to ask";
            return false;
        }
        String status = CloudInitStatus.of(r.stdout());
        tried.agentNote = "cloud-init " + r.stdout().strip().replace('\n', ' ');
        if (CloudInitStatus.neverRuns(status)) {
            // 'status --wait' returns at once when cloud-init is off for this boot: the guest will
            // never be configured, so waiting on for another signal would only end in a timeout.
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "VM " + name
                    + " will not be configured: cloud-init says '" + status + "' (it found no datasource"
                    + " for this boot, so it did not read the seed)",
                    "try 'hyperlab vm log " + name + "'; the image's cloud-init must list NoCloud among its datasources");
        }
        tried.cloudInitReturned = true;
        return finalStageEnded(deadlineNanos, tried);
    }

    /**
     * True when cloud-init's final stage has written its result, null (look again after a pause) when
     * not yet; a plain {@code test}, no Python started.
     */
    private Boolean finalStageEnded(long deadlineNanos, BootWatcher.Tried tried) {
        ExecResult r;
        try {
            r = new QemuAgentExec(channel(hv, name)).exec(List.of("test", "-e", RESULT_FILE),
                    Duration.ofNanos(Math.max(1, deadlineNanos - nanoClock.getAsLong())));
        } catch (HyperlabException e) {
            return null; // the agent restarted: ask again after the pause
        }
        if (r.exitCode() == 0 || r.exitCode() == GuestExec.NOT_FOUND_EXIT) {
            return Boolean.TRUE; // a guest without test(1) is taken at cloud-init's word
        }
        if (!tried.agentNote.endsWith(WAITING_FOR_FINAL)) {
            tried.agentNote += WAITING_FOR_FINAL;
        }
        return null;
    }

    /** libvirt's agent command as an {@link AgentChannel}: "not connected (yet)" is the channel being unavailable. */
    static AgentChannel channel(Hypervisor hv, String name) {
        return (json, timeout) -> {
            try {
                return hv.agentCommand(name, json, timeout);
            } catch (HyperlabException e) {
                if (e.code() == ErrorCode.UNAVAILABLE) {
                    throw new AgentChannel.AgentUnavailableException(e.getMessage(), e);
                }
                throw e;
            }
        };
    }
}
