package dev.hyperlab.cli;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.hosts.HostEntry;
import dev.hyperlab.core.hosts.Hosts;
import dev.hyperlab.core.hosts.HostsFile;
import dev.hyperlab.core.hosts.UriAliases;
import dev.hyperlab.core.lab.Wiring;
import picocli.CommandLine.Option;

/**
 * {@code --connect URI} and {@code --host NAME}, shared by every command that talks to libvirt. Which
 * host a command talks to: {@code --connect} over {@code --host} over the hosts file's default
 * ({@code hyperlab host default}), whose built-in value is {@code local}: config.yaml's {@code connect},
 * {@code $HYPERLAB_CONNECT} or {@code $LIBVIRT_DEFAULT_URI}, else qemu:///system.
 */
class ConnectOption {
    static final String DEFAULT_URI = dev.hyperlab.core.config.Defaults.CONNECT;

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = "libvirt URI, or one of libvirt's uri_aliases (over --host); test:///default needs no daemon.")
    String uri;

    @Option(names = {"-H", "--host"}, paramLabel = "NAME", completionCandidates = dev.hyperlab.cli.complete.NameKind.Hosts.class,
            description = "A host from 'hyperlab host list' (default: the hosts file's default, else 'local': "
                    + "connect in config.yaml, $LIBVIRT_DEFAULT_URI, else " + DEFAULT_URI + ").")
    String host;

    /** The command this option is mixed into (null when made in code): its root knows where config.yaml is. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** The host this command talks to, by name and URI. */
    HostEntry target() {
        return hosts(locations(mixee)).forCommand(uri, host);
    }

    /** Where this command line reads config.yaml and hosts.yaml (tests give their own). */
    static HyperlabConfig.Locations locations(picocli.CommandLine.Model.CommandSpec spec) {
        return spec != null && spec.root().userObject() instanceof HyperlabCommand root ? root.locations
                : HyperlabConfig.Locations.current();
    }

    String uri() {
        return target().uri();
    }

    /** Every host a user may name: local and the hosts file's. */
    static Hosts hosts(HyperlabConfig.Locations at) {
        HyperlabConfig config = HyperlabConfig.load(at);
        return new Hosts(HostsFile.read(config.locations().userDir()),
                config.get(ConfigKey.CONNECT).orElse(DEFAULT_URI), UriAliases.forThisProcess());
    }

    /**
     * Refuses a host other than this machine for a command that measures or runs things here (the
     * container engine, isolation probes, comparisons), before anything is made.
     */
    void requireLocal(String what, String hint) {
        HostEntry t = target();
        if (dev.hyperlab.core.lab.HostImages.remote(t.uri())) {
            throw dev.hyperlab.core.error.HyperlabException.badInput(what + " on this machine only; --host "
                    + t.name() + " (" + t.uri() + ") is another host", hint);
        }
    }

    /** The services of this command, built in the one place that builds them. */
    Wiring wiring() {
        return Wiring.fromEnvironment(uri());
    }
}
