package dev.hyperlab.tui.data;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.Defaults;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.lab.SshKeyFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * What the create wizard proposes: config.yaml's defaults (the same as {@code vm create} and
 * {@code ct create} take), else the built-in ones.
 */
public record GuestDefaults(String image, String cpus, String memory, String disk, String user, String network,
                            List<Path> sshKeys) {
    public GuestDefaults {
        sshKeys = List.copyOf(sshKeys);
    }

    /**
     * The wizard's NIC unless config.yaml or HYPERLAB_NETWORK names one: none, where {@code vm create}
     * gives NAT. The wizard's main use is the race of a VM against a container from the same image,
     * and the container has no network: a fair race gives the VM none either.
     */
    public static final String WIZARD_NETWORK = "none";

    public static GuestDefaults builtIn(String image, List<Path> sshKeys) {
        return new GuestDefaults(image, Defaults.CPUS, Defaults.MEMORY, "", "", WIZARD_NETWORK, sshKeys);
    }

    public static GuestDefaults fromConfig() {
        HyperlabConfig c = HyperlabConfig.load();
        return new GuestDefaults(c.get(ConfigKey.IMAGE).orElse(Defaults.IMAGE), c.get(ConfigKey.CPUS).orElse(Defaults.CPUS),
                c.get(ConfigKey.MEMORY).orElse(Defaults.MEMORY), c.get(ConfigKey.DISK).orElse(""),
                c.get(ConfigKey.USER).orElse(""), c.lookup(ConfigKey.NETWORK)
                        .filter(v -> v.origin().kind() != dev.hyperlab.core.config.ConfigOrigin.Kind.BUILT_IN)
                        .map(dev.hyperlab.core.config.ConfigValue::value).orElse(WIZARD_NETWORK), SshKeyFiles.defaults());
    }
}
