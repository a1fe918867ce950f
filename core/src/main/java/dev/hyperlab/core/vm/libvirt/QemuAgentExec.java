package dev.hyperlab.core.vm.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.wait.Wait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * {@link GuestExec} for a VM without a NIC: runs the command through qemu-guest-agent's
 * {@code guest-exec} and polls {@code guest-exec-status} until it exits, decoding the base64 output.
 *
 * <p>The domain needs a virtio-serial channel named {@code org.qemu.guest_agent.0} and the guest must
 * run qemu-guest-agent (the default debian-12 image does). Elapsed time is measured on the host.
 */
public final class QemuAgentExec implements GuestExec {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per agent call; the command's own run time is bounded by the poll loop's deadline. */
    private static final int CALL_TIMEOUT_SECONDS = 30;
    /**
     * guest-exec-status is asked after 5 ms, then twice as long each time up to 200 ms: a short command
     * (an instant clone's identity step, most {@code vm exec}s) is seen to end within milliseconds of
     * its exit, where a fixed 200 ms added 100 ms on average, and a long one costs five asks a second.
     */
    private static final Duration FIRST_POLL = Duration.ofMillis(5);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);
    /** How long to wait before asking again when libvirt reports the agent away for now. */
    private static final Duration AWAY_PAUSE = Duration.ofMillis(250);

    private final AgentChannel channel;

    public QemuAgentExec(AgentChannel channel) { this.channel = channel; }

    /**
     * Over libvirt (virDomainQemuAgentCommand). The caller owns {@code domain} and must call this
     * exec on the thread its connection is confined to.
     */
    public static QemuAgentExec forDomain(Domain domain) {
        return new QemuAgentExec((json, timeout) -> {
            try {
                return domain.qemuAgentCommand(json, timeout, 0);
            } catch (LibvirtException e) {
                String msg = String.valueOf(e.getMessage());
                if (msg.contains("Guest agent command failed")) {
                    throw new AgentChannel.AgentCommandException(msg);
                }
                throw new AgentChannel.AgentUnavailableException(msg, e);
            }
        });
    }

    /**
     * Waits until the agent answers guest-ping: it starts late in a VM's boot, possibly after
     * cloud-init's readiness marker.
     */
    public QemuAgentExec awaitAgent(Duration timeout) {
        return awaitAgent(timeout, Duration.ofSeconds(1));
    }

    /** As above, asking every {@code every} (an instant clone's agent answers within milliseconds of its restore). */
    public QemuAgentExec awaitAgent(Duration timeout, Duration every) {
        Exception[] last = {null};
        try {
            if (Wait.upTo(timeout).poll(every, () -> {
                try {
                    call("{\"execute\":\"guest-ping\"}");
                    return true;
                } catch (HyperlabException | AgentChannel.AgentCommandException e) {
                    last[0] = e;
                    return false;
                }
            })) {
                return this;
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for the guest agent was interrupted", null, ie);
        }
        throw new HyperlabException(ErrorCode.UNAVAILABLE, "the VM's guest agent did not answer within "
                + timeout.toSeconds() + " s: " + last[0].getMessage(),
                "try an image with qemu-guest-agent (the default debian-12 has it) and a domain with an "
                        + "org.qemu.guest_agent.0 channel", last[0]);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        long start = System.nanoTime();
        long pid;
        try {
            pid = startCommand(argv, start + timeout.toNanos());
        } catch (AgentChannel.AgentCommandException e) {
            if (isNotFound(e.getMessage())) {
                return new ExecResult(NOT_FOUND_EXIT, "", e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
            }
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "guest-exec of " + argv.get(0) + " failed: "
                    + e.getMessage(), "try running the command in the VM's console");
        }
        if (pid < 0) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "guest-exec of " + argv.get(0)
                    + " failed: the agent returned no pid", "try a newer qemu-guest-agent in the image");
        }
        Wait wait = Wait.until(start + timeout.toNanos(), System::nanoTime, Wait.Sleeper.REAL, Cancellation.NONE,
                "running " + argv.get(0));
        JsonNode[] st = {null};
        try {
            if (wait.pollBackingOff(FIRST_POLL, LONGEST_POLL, () -> (st[0] = status(argv, pid)).path("exited").asBoolean(false))) {
                return result(st[0], Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "running " + argv.get(0) + " in the VM was interrupted",
                    null, e);
        }
        throw new HyperlabException(ErrorCode.TIMEOUT, "running " + argv.get(0) + " in the VM failed: no result within "
                + timeout.toSeconds() + " s (guest pid " + pid + " may still run)",
                "try a longer timeout; under TCG commands run many times slower than on the host");
    }

    /**
     * guest-exec, asked again while libvirt reports the agent away for now: it says so before it sends
     * anything, so the command has not started. Right after a live migration the destination's libvirt
     * flips the agent to away once more when the guest's port reconnects, after a ping already passed.
     */
    private long startCommand(List<String> argv, long deadline) {
        long[] pid = {-1};
        HyperlabException[] away = {null};
        try {
            if (Wait.until(deadline, System::nanoTime, Wait.Sleeper.REAL, Cancellation.NONE, "starting " + argv.get(0))
                    .poll(AWAY_PAUSE, () -> {
                        try {
                            pid[0] = call(execRequest(argv)).path("pid").asLong(-1);
                            return true;
                        } catch (HyperlabException e) {
                            if (!isAway(e)) {
                                throw e;
                            }
                            away[0] = e;
                            return false;
                        }
                    })) {
                return pid[0];
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for the guest agent was interrupted", null, ie);
        }
        throw away[0];
    }

    /** libvirt's refusal before sending: the agent's channel is not connected at the moment. */
    static boolean isAway(HyperlabException e) {
        String m = String.valueOf(e.getMessage());
        return e.code() == ErrorCode.UNAVAILABLE && (m.contains("not available for now") || m.contains("is not connected"));
    }

    private JsonNode status(List<String> argv, long pid) {
        try {
            return call(statusRequest(pid));
        } catch (HyperlabException e) {
            if (isAway(e)) {
                return JSON.createObjectNode(); // not exited as far as we know: asked again by the poll
            }
            throw e;
        } catch (AgentChannel.AgentCommandException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "guest-exec-status for " + argv.get(0)
                    + " failed: " + e.getMessage(), "try again; the guest agent may have restarted");
        }
    }

    static String execRequest(List<String> argv) {
        ObjectNode root = JSON.createObjectNode().put("execute", "guest-exec");
        ObjectNode args = root.putObject("arguments");
        args.put("path", argv.get(0));
        ArrayNode a = args.putArray("arg");
        argv.subList(1, argv.size()).forEach(a::add);
        args.put("capture-output", true);
        return root.toString();
    }

    static String statusRequest(long pid) {
        ObjectNode root = JSON.createObjectNode().put("execute", "guest-exec-status");
        root.putObject("arguments").put("pid", pid);
        return root.toString();
    }

    /** Decodes a finished guest-exec-status; a signal death becomes 128 + signal, as a shell reports it. */
    static ExecResult result(JsonNode st, Duration elapsed) {
        int code = st.has("exitcode") ? st.get("exitcode").asInt() : 128 + st.path("signal").asInt(0);
        String out = decode(st.path("out-data").asText(""));
        String err = decode(st.path("err-data").asText(""));
        if (st.path("out-truncated").asBoolean(false)) {
            err += "\n[hyperlab: stdout truncated by the guest agent]";
        }
        return new ExecResult(code, out, err, elapsed);
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    static boolean isNotFound(String agentError) {
        return agentError != null && (agentError.contains("No such file or directory")
                || agentError.contains("Failed to execute child process"));
    }

    /** One exchange; returns the "return" member, throws on an "error" reply. */
    private JsonNode call(String request) {
        String reply;
        try {
            reply = channel.command(request, CALL_TIMEOUT_SECONDS);
        } catch (AgentChannel.AgentUnavailableException e) {
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "talking to the VM's guest agent failed: " + e.getMessage(),
                    "try again once the guest has booted; the image needs qemu-guest-agent and the domain an "
                            + "org.qemu.guest_agent.0 channel", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(reply);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "guest agent reply unreadable: " + e.getMessage(), null, e);
        }
        if (root.has("error")) {
            throw new AgentChannel.AgentCommandException(root.path("error").path("desc").asText("agent error"));
        }
        return root.path("return");
    }
}
