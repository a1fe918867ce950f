package dev.hyperlab.core.hosts;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every host a command may name: {@link HostName#LOCAL} (config.yaml's {@code connect}, else
 * {@code $LIBVIRT_DEFAULT_URI}, else qemu:///system) and those of the hosts file. Decides which host a
 * command talks to: {@code --connect URI} over {@code --host NAME} over the file's default.
 */
public final class Hosts {
    private final HostsFile file;
    private final String localUri;
    private final UriAliases aliases;

    public Hosts(HostsFile file, String localUri, UriAliases aliases) {
        this.file = file;
        this.localUri = localUri;
        this.aliases = aliases;
    }

    public HostsFile file() { return file; }

    public UriAliases aliases() { return aliases; }

    public HostEntry local() { return new HostEntry(HostName.LOCAL, localUri); }

    /** {@code local} first, then the added hosts in the order they were added. */
    public List<HostEntry> all() {
        List<HostEntry> out = new ArrayList<>();
        out.add(local());
        out.addAll(file.entries());
        return out;
    }

    public String defaultName() { return file.defaultHost(); }

    public Optional<HostEntry> find(String name) {
        return all().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The host of that name; NOT_FOUND listing the ones there are. */
    public HostEntry get(String name) {
        HostName.check(name);
        return find(name).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND,
                "no host named '" + name + "' (hosts: " + String.join(", ", all().stream().map(HostEntry::name).toList()) + ")",
                "add it with 'hyperlab host add " + name + " URI'"));
    }

    /**
     * The host a command runs against. {@code connectUri} (from {@code --connect}) wins and is named
     * after the host that has that URI, if any; then {@code hostName} ({@code --host}); then the default.
     */
    public HostEntry forCommand(String connectUri, String hostName) {
        if (connectUri != null && !connectUri.isBlank()) {
            LibvirtUri.parse(connectUri, aliases);
            return all().stream().filter(h -> h.uri().equals(connectUri)).findFirst()
                    .orElse(new HostEntry(nameForUri(connectUri), connectUri));
        }
        if (hostName != null && !hostName.isBlank()) {
            return get(hostName);
        }
        return get(file.defaultHost());
    }

    /**
     * What to call a host given only by a URI no entry has: its first host-name label when that is a
     * valid name, else {@code remote} or {@code local}.
     */
    static String nameForUri(LibvirtUri uri) {
        String fallback = uri.remote() ? "remote" : HostName.LOCAL;
        String candidate = uri.host().map(h -> h.split("\\.")[0].toLowerCase(java.util.Locale.ROOT)).orElse(fallback);
        try {
            return HostName.check(candidate);
        } catch (HyperlabException e) {
            return fallback;
        }
    }

    private String nameForUri(String uri) {
        return nameForUri(LibvirtUri.parse(uri, aliases));
    }

    /** {@code host add}: checks the name and URI and that neither the name nor the URI is taken. */
    public HostsFile add(String name, String uri) {
        HostName.check(name);
        if (name.equals(HostName.LOCAL)) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, "'local' is the built-in host",
                    "set its URI with 'hyperlab config set connect URI'");
        }
        LibvirtUri.parse(uri, aliases);
        if (file.hosts().containsKey(name)) {
            throw new HyperlabException(ErrorCode.CONFLICT, "host '" + name + "' exists already ("
                    + file.hosts().get(name) + ")", "remove it first with 'hyperlab host rm " + name + "'");
        }
        Optional<HostEntry> same = all().stream().filter(h -> h.uri().equals(uri.strip())).findFirst();
        if (same.isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "host '" + same.get().name() + "' has that URI already",
                    "use --host " + same.get().name());
        }
        return file.with(new HostEntry(name, uri.strip()));
    }

    /** {@code host rm}: {@code local} cannot go. */
    public HostsFile remove(String name) {
        HostName.check(name);
        if (name.equals(HostName.LOCAL)) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, "'local' is the built-in host and cannot be removed",
                    "'hyperlab host default NAME' makes another host the default");
        }
        get(name);
        return file.without(name);
    }

    /** {@code host default NAME}. */
    public HostsFile makeDefault(String name) {
        get(name);
        return file.withDefault(name);
    }
}
