package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.libvirt.DomainXmlReader;
import java.util.Optional;

/**
 * Where {@code hyperlab ssh NAME} connects: a lab guest (VM or system container) at its lab address,
 * a VM with the user-mode NIC at its SSH port forwarded on 127.0.0.1 (as Lima does). The login user
 * is the one the lab file or {@code --user} gave, else the image's default user, which cloud-init
 * gives the SSH keys when no user is named.
 */
public final class SshTargets {
    /** The user cloud-init's Debian configuration creates and authorizes the keys for when no user is named. */
    public static final String DEFAULT_USER = "debian";

    /**
     * @param netnsPid for a container: a process whose network namespace the client joins to reach
     *                 the container's SSH on its own loopback. The host cannot reach a macvlan
     *                 container at its lab address (macvlan keeps the parent bridge from its
     *                 children; a VM on the bridge can), so {@code ssh} goes in that way instead.
     */
    public record Target(String host, int port, String user, String what, Optional<Integer> netnsPid) {}

    private final LabStates states;
    private final VmService vms;
    private final java.util.function.Function<String, Optional<Integer>> containerPid;

    /** @param containerPid a running container's main process, by name (empty when it does not run) */
    public SshTargets(LabStates states, VmService vms, java.util.function.Function<String, Optional<Integer>> containerPid) {
        this.states = states;
        this.vms = vms;
        this.containerPid = containerPid;
    }

    public Target resolve(String name, Optional<String> user) {
        for (LabState lab : states.all()) {
            LabState.Guest g = lab.guests().get(name);
            if (g == null) {
                continue;
            }
            if (g.kind().equals("app")) {
                throw new HyperlabException(ErrorCode.CONFLICT, name + " is an app container of lab " + lab.lab()
                        + ": it runs one command and no SSH server", "try 'hyperlab ct exec " + name + " -- CMD'");
            }
            String address = g.addresses().values().stream().findFirst().orElseThrow(() -> new HyperlabException(
                    ErrorCode.CONFLICT, name + " of lab " + lab.lab() + " is on no network", "try 'hyperlab ct exec' or 'vm console'"));
            String login = user.orElse(Optional.ofNullable(g.spec().get("user")).filter(u -> !u.isEmpty()).orElse(DEFAULT_USER));
            if (!g.kind().equals("vm")) {
                int pid = containerPid.apply(name).orElseThrow(() -> new HyperlabException(ErrorCode.CONFLICT,
                        "container " + name + " of lab " + lab.lab() + " is not running", "try 'hyperlab up'"));
                return new Target("127.0.0.1", 22, login, g.kind() + " " + name + " of lab " + lab.lab(), Optional.of(pid));
            }
            return new Target(address, 22, login, "vm " + name + " of lab " + lab.lab(), Optional.empty());
        }
        Optional<VmInfo> vm = vms.hypervisor().find(name);
        if (vm.isPresent()) {
            Optional<Integer> port = DomainXmlReader.sshPort(vms.hypervisor().xml(name));
            if (port.isEmpty()) {
                throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " has no SSH port forwarded on 127.0.0.1 "
                        + "(it was made with --network none or on a network of its own)",
                        "try 'hyperlab vm console " + name + "', or create it with --network user");
            }
            if (!vm.get().isRunning()) {
                throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " is not running",
                        "try 'hyperlab vm start " + name + " --wait'");
            }
            return new Target("127.0.0.1", port.get(), user.orElse(DEFAULT_USER), "VM " + name, Optional.empty());
        }
        throw new HyperlabException(ErrorCode.NOT_FOUND, "no VM or lab guest named '" + name + "'",
                "try 'hyperlab list' or 'hyperlab status'; a container outside a lab: 'hyperlab ct exec " + name + " -- sh'");
    }
}
