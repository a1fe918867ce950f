package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.lab.CloneVmRequest;
import dev.hyperlab.core.lab.SshKeyFiles;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.model.Sizes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vm clone SOURCE NAME}: a linked clone of a stopped VM with its own identity. */
@Command(name = "clone", mixinStandardHelpOptions = true,
        description = {"Clone a stopped VM: its disk copied as an overlay on the same image, a new seed (hostname,",
                "SSH host keys, machine id, users), its definition with a new name, UUID and MAC."})
final class VmCloneCommand extends VmCommand.Base {
    @Parameters(index = "0", paramLabel = "SOURCE", completionCandidates = NameKind.Vms.class) String source;
    @Parameters(index = "1", paramLabel = "NAME", description = "The clone's name and hostname.") String name;
    @Option(names = "--user", paramLabel = "U", description = "Create this login user in the clone (sudo, no password).") String user;
    @Option(names = "--ssh-key", paramLabel = "FILE", description = "Authorized public key file (repeatable; default: ~/.ssh/*.pub).")
    List<Path> sshKeys = new ArrayList<>();
    @Option(names = "--no-default-ssh-keys", description = "Do not read ~/.ssh/*.pub when no --ssh-key is given.") boolean noDefaultKeys;
    @Option(names = "--start", description = "Start it after cloning.") boolean start;
    @Option(names = "--wait", description = "With --start: wait until cloud-init is done, showing the boot phases.") boolean waitReady;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = NonNegative.Long_.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).") long timeout;

    @Override Integer run(VmService svc) {
        long t0 = System.nanoTime();
        CloneVmRequest req = new CloneVmRequest(source, name, Optional.ofNullable(user),
                sshKeys.isEmpty() && !noDefaultKeys ? SshKeyFiles.defaults() : sshKeys, start || waitReady, waitReady,
                Duration.ofSeconds(timeout));
        VmService.Created c;
        try (PhasePrinter printer = new PhasePrinter(out(), t0)) {
            c = svc.clone(req, t0, printer);
        }
        out().printf("cloned %s as %s (%s, %d vCPU, %s) in %.1f s%n", source, name, c.vm().state().label(), c.vm().vcpus(),
                Sizes.human(c.vm().memoryBytes()), (System.nanoTime() - t0) / 1e9);
        if (waitReady) {
            TimelinePrinter.table(out(), c.timeline());
        }
        return 0;
    }
}
