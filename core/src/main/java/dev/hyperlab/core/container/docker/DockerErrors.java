package dev.hyperlab.core.container.docker;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;

/** The engine's failures as hyperlab's one-line errors, with advice that fits the endpoint. */
final class DockerErrors {
    private final String endpoint;

    DockerErrors(String endpoint) { this.endpoint = endpoint; }

    static HyperlabException notFound(String id, Throwable e) {
        return new HyperlabException(ErrorCode.NOT_FOUND, "container " + id + " not found", "try `hyperlab ct list`", e);
    }

    /** One line: what failed and the engine's own reason (no status line, JSON or 64-hex ids), with advice that fits. */
    HyperlabException failed(String what, Throwable e) {
        String reason = EngineMessages.oneLine(rootMessage(e));
        return new HyperlabException(ErrorCode.OPERATION_FAILED,
                EngineMessages.oneLine(what) + " failed: " + reason, EngineMessages.hint(reason, null, endpoint), e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip().replaceAll("\\s+", " ");
    }
}
