package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.lab.VmService;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vm exec NAME -- CMD}: a command in a running VM through the guest agent, its exit code passed on. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run a command in a running VM through qemu-guest-agent (no network needed): vm exec NAME -- CMD...",
                "Its output is printed and its exit code is hyperlab's."})
final class VmExecCommand extends VmCommand.Base {
    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", converter = NonNegative.Long_.class,
            description = "How long to wait for the agent and the command (default: ${DEFAULT-VALUE}).") long timeout;

    @Override Integer run(VmService svc) {
        ExecResult r = svc.exec(name, command, Duration.ofSeconds(timeout));
        ExecOutput.print(spec, r.stdout(), r.stderr());
        return Math.min(255, Math.max(0, r.exitCode()));
    }
}
