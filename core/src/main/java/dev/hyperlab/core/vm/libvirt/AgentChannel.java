package dev.hyperlab.core.vm.libvirt;

/**
 * One request/reply exchange with a qemu-guest-agent: send a JSON command, get its JSON reply
 * ({@code {"return": ...}} or {@code {"error": {...}}}). libvirt's virDomainQemuAgentCommand is one
 * channel ({@link QemuAgentExec#forDomain}); a unix socket to an agent is another.
 */
@FunctionalInterface
public interface AgentChannel {
    /**
     * @throws AgentUnavailableException when the agent cannot be reached (not running, not connected)
     * @throws AgentCommandException     when the agent answered with an error
     */
    String command(String json, int timeoutSeconds);

    /** The agent or the path to it is not there. */
    final class AgentUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AgentUnavailableException(String message, Throwable cause) { super(message, cause); }
    }

    /** The agent ran the command and reported an error (e.g. the program does not exist). */
    final class AgentCommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AgentCommandException(String message) { super(message); }
    }
}
