package dev.hyperlab.core.container.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what docker-java reports for an engine error ({@code Status 500: {"cause":...,"message":...}},
 * with 64-hex container ids) into one line a user can read, and picks the advice for it.
 */
final class EngineMessages {
    private static final Pattern STATUS = Pattern.compile("(?s)^\\s*Status (\\d{3}):\\s*(.*)$");
    private static final Pattern LONG_ID = Pattern.compile("\\b([0-9a-f]{12})[0-9a-f]{52}\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineMessages() {}

    /** The engine's own message, without the status line, the JSON around it or full-length ids. */
    static String oneLine(String raw) {
        String m = raw == null ? "" : raw.strip();
        Matcher s = STATUS.matcher(m);
        if (s.matches()) {
            m = s.group(2).strip();
        }
        if (m.startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(m);
                String msg = n.path("message").asText("");
                m = msg.isBlank() ? n.path("cause").asText(m) : msg;
            } catch (java.io.IOException | RuntimeException e) {
                // not JSON after all: keep the text as it came
            }
        }
        m = LONG_ID.matcher(m).replaceAll("$1");
        m = m.replaceAll("\\s+", " ").strip();
        return m.isEmpty() ? "the engine gave no reason" : m;
    }

    /** What to try for an engine message; {@code name} is the container the user named, or null. */
    static String hint(String message, String name, String endpoint) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("network") && (m.contains("not found") || m.contains("no such") || m.contains("unable to find"))) {
            return "try --network none, or a network from `podman network ls`";
        }
        if (m.contains("state improper") || m.contains("not running") || m.contains("is stopped")) {
            return name == null ? "try starting the container first" : "try `hyperlab ct start " + name + "` first";
        }
        if (m.contains("no such image") || m.contains("image not known")) {
            return "try `hyperlab image list`, or --image debian-12";
        }
        return "try `hyperlab doctor` (engine at " + endpoint + ")";
    }
}
