package dev.hyperlab.cli;

import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.labrun.LabForwarder;
import dev.hyperlab.core.labrun.LabForwards;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.model.GuestState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hidden: {@code hyperlab __forward --data DATA LAB}, the port forwarder of a lab, which {@code up}
 * starts detached ({@link LabForwards}) and {@code down} stops. Answered by {@link Main} before
 * picocli builds the command model: it is a long-lived process of its own and should stay small.
 * Its stdout and stderr are its log; a start that fails prints one {@code error:} line and exits 1,
 * which {@code up} reports.
 */
final class ForwardCommand {
    /** How often the forwarder looks whether its lab is still up. */
    private static final Duration RECHECK = Duration.ofSeconds(2);

    private ForwardCommand() {}

    /**
     * The command that runs this program's CLI in a small JVM (a forwarder copies bytes; it needs little
     * heap and no optimizing compiler), with this JVM's classpath made absolute: the forwarder runs
     * from {@code /}.
     */
    static List<String> program() {
        return LabForwards.programOfThisJvm(Main.class.getName());
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 4 || !args[0].equals(LabForwards.SUBCOMMAND) || !args[1].equals("--data")) {
            out.println("usage: hyperlab " + LabForwards.SUBCOMMAND + " --data DIR LAB (started by 'hyperlab up')");
            return Cli.USAGE;
        }
        Path data = Path.of(args[2]);
        String lab = args[3];
        Consumer<String> log = line -> out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        Wiring w = new Wiring(Wiring.DEFAULT_LIBVIRT_URI, Wiring.discoveredEngines(), data);
        try (LazyContainers cts = new LazyContainers(w)) {
            LabForwarder f = new LabForwarder(new LabStates(data), new LabForwards(data, List.of()), w.netnsSockets(),
                    name -> containerPid(cts, name), LabForwarder::interfaceInThisNamespace, log);
            f.open(lab, ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(f::close, "forward-stop")); // SIGTERM from 'down'
            f.serveUntilDown(RECHECK);
            return Cli.OK;
        } catch (HyperlabException e) {
            out.println("error: " + e.userMessage());
            return Cli.FAILURE;
        } catch (RuntimeException e) {
            out.println("error: the port forwarder of lab " + lab + " failed: " + e);
            return Cli.FAILURE;
        }
    }

    /** A running container's first process; the engine is asked for each client, so a container made anew is found. */
    private static Optional<Integer> containerPid(LazyContainers cts, String name) {
        return cts.get().engine().inspect(name).filter(d -> d.state() == GuestState.RUNNING).map(ContainerDetails::pid)
                .filter(p -> p > 0);
    }
}
