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

    public static GuestDefaults builtIn(String image, List<Path> sshKeys) {
        return new GuestDefaults(image, Defaults.CPUS, Defaults.MEMORY, "", "", Defaults.NETWORK, sshKeys);
    }

    public static GuestDefaults fromConfig() {
        HyperlabConfig c = HyperlabConfig.load();
        return new GuestDefaults(c.get(ConfigKey.IMAGE).orElse(Defaults.IMAGE), c.get(ConfigKey.CPUS).orElse(Defaults.CPUS),
                c.get(ConfigKey.MEMORY).orElse(Defaults.MEMORY), c.get(ConfigKey.DISK).orElse(""),
                c.get(ConfigKey.USER).orElse(""), c.get(ConfigKey.NETWORK).orElse(Defaults.NETWORK), SshKeyFiles.defaults());
    }
}
