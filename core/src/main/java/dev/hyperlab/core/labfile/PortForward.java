package dev.hyperlab.core.labfile;

import java.util.Locale;
import java.util.Optional;

/**
 * A host port forwarded to a guest port, written as Compose writes it:
 * {@code [HOST_IP:]HOST_PORT:GUEST_PORT[/tcp|/udp]}. Without a host address it binds loopback only:
 * a lab is for the person at the machine, and publishing on every interface must be asked for.
 */
public record PortForward(String hostAddress, int hostPort, int guestPort, String protocol) {
    public static final String LOOPBACK = "127.0.0.1";

    /** The forward, or empty with nothing said: the caller names the field in its message. */
    public static Optional<PortForward> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String spec = text.strip();
        String protocol = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            spec = spec.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                return Optional.empty();
            }
        }
        String[] parts = spec.split(":", -1);
        String host;
        String hostPort;
        String guestPort;
        if (parts.length == 2) {
            host = LOOPBACK;
            hostPort = parts[0];
            guestPort = parts[1];
        } else if (parts.length == 3) {
            host = parts[0];
            hostPort = parts[1];
            guestPort = parts[2];
            if (Ipv4.parse(host).isEmpty()) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        Optional<Integer> h = port(hostPort);
        Optional<Integer> g = port(guestPort);
        if (h.isEmpty() || g.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PortForward(host, h.get(), g.get(), protocol));
    }

    private static Optional<Integer> port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
    }

    @Override
    public String toString() {
        return hostAddress + ":" + hostPort + ":" + guestPort + (protocol.equals("tcp") ? "" : "/" + protocol);
    }
}
