package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.hosts.HostEntry;
import dev.hyperlab.core.hosts.Hosts;
import dev.hyperlab.core.hosts.LibvirtUri;
import dev.hyperlab.core.lab.VmMigrator;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.MigrationJob;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vm migrate NAME --to HOST}: libvirt's migration between two hosts of {@code hyperlab host list}
 * ({@link VmMigrator}). Prints the job's progress (moved, left, rate) and the downtime at the end;
 * Ctrl-C aborts the job, and the guest stays where it was.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Move a VM to another host with libvirt's migration: its definition, labels and boot timeline go along, "
                + "and nothing is left on the source.",
                "Checked before anything is written: the target's memory, accelerator, networks and base image, and snapshots.",
                "Ctrl-C aborts it; the VM then stays where it was."})
final class VmMigrateCommand extends VmCommand.Base {
    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
    @Option(names = "--to", required = true, paramLabel = "HOST", completionCandidates = NameKind.Hosts.class,
            description = "The target host, by its name in 'hyperlab host list'.") String to;
    @Option(names = "--live", description = "Keep the VM running while its memory moves (else it is paused meanwhile).") boolean live;
    @Option(names = "--copy-storage", description = "Copy its disk (the overlay's own data) and seed; the base image is "
            + "uploaded first when the target lacks it. Without it the hosts must share their storage.") boolean copyStorage;

    /** Progress lines at most this often when the output is not a terminal. */
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Override Integer run(VmService source) {
        long t0 = System.nanoTime();
        Hosts hosts = ConnectOption.hosts(ConnectOption.locations(spec));
        HostEntry from = connection.target();
        HostEntry target = hosts.get(to);
        if (target.uri().equals(from.uri())) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, "cannot migrate " + name + ": it is on " + to + " already",
                    "name another host with --to ('hyperlab host list')");
        }
        PrintWriter out = out();
        Cancellation cancel = new Cancellation();
        // Ctrl-C: the job is aborted (libvirt leaves the guest on the source) and what was made on the
        // target is removed, on this thread; the hook waits for that.
        try (InterruptHook interrupt = InterruptHook.cancelling(cancel, "vm-migrate-interrupt")) {
            try (VmService dest = open(target, hosts)) {
                VmMigrator.Migrated m = new VmMigrator(source, from.name(), dest, target.name())
                        .migrate(name, live, copyStorage, new Printer(out, t0), cancel);
                MigrationJob j = m.job();
                out.printf(Locale.ROOT, "migrated %s from %s to %s in %.1f s: %s moved%s%n", name, m.from(), m.to(),
                        m.total().toMillis() / 1000.0, Sizes.human(j.dataProcessed()),
                        j.downtime().map(d -> ", downtime " + d.toMillis() + " ms").orElse(""));
                return Cli.OK;
            } catch (HyperlabException e) {
                if (cancel.isCancelled()) {
                    // the JVM exits once the hook is let go, before the usual error line could be printed
                    spec.commandLine().getErr().println("error: " + e.getMessage());
                    spec.commandLine().getErr().flush();
                }
                throw e;
            }
        }
    }

    /** The target's services; a target that does not answer is refused with libvirt's error and a hint. */
    private VmService open(HostEntry target, Hosts hosts) {
        try {
            return Wiring.fromEnvironment(target.uri()).vms();
        } catch (HyperlabException e) {
            if (e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.OPERATION_FAILED) {
                throw e;
            }
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "cannot migrate " + name + ": host '" + target.name() + "' ("
                    + target.uri() + ") does not answer: " + e.getMessage(),
                    LibvirtUri.parse(target.uri(), hosts.aliases()).unreachableHint(), e);
        }
    }

    /** Steps as lines; progress as one line rewritten on a terminal, else a line every two seconds. */
    private static final class Printer implements VmMigrator.Listener {
        private final PrintWriter out;
        private final long t0;
        private final boolean tty = System.console() != null;
        private long lastLine;

        Printer(PrintWriter out, long t0) {
            this.out = out;
            this.t0 = t0;
        }

        @Override public void step(String what) {
            out.printf(tty ? "\r%-78s%n" : "%s%n", what);
            out.flush();
        }

        @Override public void progress(MigrationJob job) {
            long now = System.nanoTime();
            if (job.dataTotal() == 0 || (!tty && now - lastLine < LOG_EVERY_NANOS)) { // 0: the job has not sized itself yet
                return;
            }
            lastLine = now;
            out.printf(Locale.ROOT, tty ? "\r  %6.1f s  %-64s" : "  %6.1f s  %s%n", (now - t0) / 1e9, VmMigrator.describe(job));
            out.flush();
        }
    }
}
