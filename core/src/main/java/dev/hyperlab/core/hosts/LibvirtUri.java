package dev.hyperlab.core.hosts;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libvirt connection URI as {@code virConnectOpen} takes it,
 * {@code driver[+transport]://[user@][host][:port]/path[?params]}, checked before hyperlab keeps or
 * uses it, so a typo is one line here and not a libvirt error minutes later. An alias from libvirt's
 * own {@code uri_aliases} ({@link UriAliases}) is accepted as it is: libvirt resolves it.
 *
 * @param uri       what the user wrote (kept as written: libvirt parses it again)
 * @param driver    {@code qemu}, {@code test}, …
 * @param transport {@code tcp}, {@code ssh}, …; empty for a local connection
 * @param user      the remote user, empty when none is given
 * @param host      the remote host, empty for a local one
 * @param port      empty when none is given
 */
public record LibvirtUri(String uri, String driver, Optional<String> transport, Optional<String> user,
                         Optional<String> host, Optional<Integer> port) {
    /** libvirt's remote transports (virt docs: "Remote URIs"). */
    public static final Set<String> TRANSPORTS = Set.of("tcp", "tls", "ssh", "libssh", "libssh2", "unix", "ext");

    private static final Pattern FORM = Pattern.compile(
            "([a-z][a-z0-9]*)(?:\\+([a-z0-9]+))?://(?:([A-Za-z0-9._-]+)@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]*)"
                    + "(?::([0-9]{1,5}))?(/[A-Za-z0-9._/~-]*)?(\\?[A-Za-z0-9._~%&=/:,+-]*)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /**
     * Parses {@code text}; a name without {@code ://} must be one of {@code aliases}. Throws BAD_INPUT
     * naming the part that is wrong.
     */
    public static LibvirtUri parse(String text, UriAliases aliases) {
        if (text == null || text.isBlank()) {
            throw bad("a libvirt URI is needed", "try 'qemu+ssh://root@HOST/system'");
        }
        String t = text.strip();
        if (!t.contains("://")) {
            return aliases.resolve(t).map(target -> parse(target, UriAliases.NONE))
                    .map(u -> new LibvirtUri(t, u.driver, u.transport, u.user, u.host, u.port))
                    .orElseThrow(() -> bad("'" + HostName.printable(t) + "' is neither a libvirt URI nor one of "
                                    + "libvirt's uri_aliases" + aliases.describe(),
                            "a URI looks like qemu+ssh://root@HOST/system or qemu+tcp://HOST/system"));
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw bad("'" + HostName.printable(t) + "' is not a libvirt URI",
                    "a URI looks like driver[+transport]://[user@]host[:port]/path, e.g. qemu+ssh://root@lab2/system");
        }
        String driver = m.group(1);
        Optional<String> transport = Optional.ofNullable(m.group(2));
        if (transport.isPresent() && !TRANSPORTS.contains(transport.get())) {
            throw bad("unknown transport '" + transport.get() + "' in '" + t + "'",
                    "libvirt's transports are " + String.join(", ", TRANSPORTS.stream().sorted().toList()));
        }
        Optional<String> host = Optional.ofNullable(m.group(4)).filter(h -> !h.isEmpty());
        host.ifPresent(h -> checkHost(h, t));
        Optional<Integer> port = Optional.ofNullable(m.group(5)).map(Integer::parseInt);
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw bad("port " + port.get() + " in '" + t + "' is out of range", "a port is 1-65535");
        }
        if (port.isPresent() && host.isEmpty()) {
            throw bad("'" + t + "' has a port but no host", "try qemu+tcp://HOST:PORT/system");
        }
        String path = m.group(6) == null ? "" : m.group(6);
        if (driver.equals("qemu") && !path.equals("/system") && !path.equals("/session")) {
            throw bad("'" + t + "' names no QEMU daemon: the path is '" + path + "'",
                    "QEMU URIs end in /system (the host's guests) or /session (one user's)");
        }
        if (host.isPresent() && transport.isEmpty() && !driver.equals("test")) {
            // libvirt's default for a host without a transport is TLS, which these hosts rarely have.
            transport = Optional.of("tls");
        }
        return new LibvirtUri(t, driver, transport, Optional.ofNullable(m.group(3)), host, port);
    }

    private static void checkHost(String h, String uri) {
        if (h.startsWith("[")) {
            return; // an IPv6 literal; the pattern allowed only hex, dots and colons
        }
        if (h.length() > 253) {
            throw bad("the host name in '" + uri + "' is longer than 253 characters", "check the URI");
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw bad("'" + h + "' in '" + uri + "' is not a host name", "host names are dot-separated labels of "
                        + "letters, digits and dashes");
            }
        }
    }

    /** Whether the connection goes to another machine (or another daemon reached over the network). */
    public boolean remote() {
        return host.isPresent() || transport.filter(t -> !t.equals("unix")).isPresent();
    }

    /** Whether a remote host is reached on this machine's loopback, where its guests' forwarded ports are too. */
    public boolean loopback() {
        return host.map(h -> h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]")).orElse(true);
    }

    /** A hint for a host that does not answer, by transport. */
    public String unreachableHint() {
        String where = host.orElse("the host");
        return switch (transport.orElse("")) {
            case "ssh", "libssh", "libssh2" -> "check that 'ssh " + user.map(u -> u + "@").orElse("") + where
                    + "' logs in without a password (a key in ssh-agent or ~/.ssh) and that the host runs libvirtd";
            case "tcp" -> "check that libvirtd on " + where + " listens for TCP (listen_tcp = 1 and libvirtd --listen, "
                    + "or virtproxyd-tcp.socket)" + port.map(p -> " on port " + p).orElse(" on port 16509");
            case "tls" -> "check libvirtd's TLS listener on " + where + " and the client certificates in /etc/pki";
            default -> "check that libvirtd runs: 'virsh -c " + uri + " version'";
        };
    }

    private static HyperlabException bad(String what, String hint) {
        return new HyperlabException(ErrorCode.BAD_INPUT, what, hint);
    }
}
