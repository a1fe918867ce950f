package dev.hyperlab.cli;

import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.labrun.SshTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hyperlab ssh NAME [-- CMD]}: OpenSSH's client to a guest, with no prompts (to a container,
 * from inside its network namespace: see {@link SshTargets.Target}). Host keys are
 * neither checked nor stored, as Vagrant does for its machines: a lab guest made anew keeps its
 * address and gets new host keys, and the address is on a network of this host only.
 */
@Command(name = "ssh", mixinStandardHelpOptions = true,
        description = {"SSH into a VM or a lab's system container: its lab address, or a VM's forwarded loopback port.",
                "The user is the lab's (or --user), else the image's default user, which holds your keys."})
final class SshCommand implements Callable<Integer> {
    @Mixin VmCommand.Connection connection;
    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = dev.hyperlab.cli.complete.NameKind.Vms.class) String name;
    @Parameters(index = "1..*", paramLabel = "CMD", description = "A command to run instead of a shell (after --).")
    List<String> command = new ArrayList<>();
    @Option(names = {"-l", "--user"}, paramLabel = "U", description = "Log in as U.") String user;
    @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "The private key (default: ssh's own).") Path identity;

    @Override public Integer call() throws Exception {
        Wiring w = connection.wiring();
        SshTargets.Target t;
        try (VmService vms = w.vms()) {
            t = new SshTargets(new LabStates(w.dataDir()), vms, this::containerPid).resolve(name, Optional.ofNullable(user));
        }
        List<String> cmd = new ArrayList<>();
        t.netnsPid().ifPresent(pid -> cmd.addAll(List.of("nsenter", "--net=/proc/" + pid + "/ns/net", "--")));
        cmd.addAll(List.of("ssh", "-p", Integer.toString(t.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=10"));
        if (identity != null) {
            cmd.addAll(List.of("-i", identity.toString(), "-o", "IdentitiesOnly=yes"));
        }
        jumpHost(connection.uri()).ifPresent(j -> cmd.addAll(List.of("-J", j)));
        if (!command.isEmpty()) {
            cmd.addAll(List.of("-o", "BatchMode=yes"));
        } else if (System.console() != null) {
            cmd.add("-t");
        }
        cmd.add(t.user() + "@" + t.host());
        cmd.addAll(command);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /**
     * A VM's SSH forward listens on its libvirt host's loopback: on a host reached over the network,
     * ssh jumps through that host (as the user its libvirt URI names) to get there.
     */
    static Optional<String> jumpHost(String uri) {
        try {
            dev.hyperlab.core.hosts.LibvirtUri u = dev.hyperlab.core.hosts.LibvirtUri.parse(uri,
                    dev.hyperlab.core.hosts.UriAliases.forThisProcess());
            if (!u.remote() || u.loopback()) {
                return Optional.empty();
            }
            boolean sshPort = u.transport().filter(t -> t.startsWith("ssh") || t.startsWith("libssh")).isPresent();
            return u.host().map(h -> u.user().map(x -> x + "@").orElse("") + h
                    + (sshPort ? u.port().map(p -> ":" + p).orElse("") : ""));
        } catch (dev.hyperlab.core.error.HyperlabException e) {
            return Optional.empty();
        }
    }

    private Optional<Integer> containerPid(String container) {
        try (dev.hyperlab.core.lab.ContainerService cts = connection.wiring().containers()) {
            return cts.engine().inspect(container).filter(d -> d.state() == dev.hyperlab.core.model.GuestState.RUNNING)
                    .map(dev.hyperlab.core.container.ContainerDetails::pid).filter(p -> p > 0);
        }
    }
}
