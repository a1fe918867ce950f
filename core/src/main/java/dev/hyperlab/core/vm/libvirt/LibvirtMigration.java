package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.hosts.LibvirtUri;
import dev.hyperlab.core.hosts.UriAliases;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.vm.MigrationJob;
import dev.hyperlab.core.vm.MigrationRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.LibvirtException;

/**
 * Migration for {@link LibvirtHypervisor}: libvirt's own, with typed parameters
 * ({@code virDomainMigrateToURI3}). The definition goes along (PERSIST_DEST, UNDEFINE_SOURCE), with the
 * rewritten destination XML ({@link MigrationXml}); a live one copies memory while the guest runs
 * (with AUTO_CONVERGE, so a guest that dirties memory faster than it moves is slowed until it
 * converges), {@code copyStorage} mirrors the overlays' top layer (NON_SHARED_INC) onto volumes the
 * caller made on the target: libvirt 9.0 refuses to pre-create them for an incremental copy.
 *
 * <p>Peer-to-peer when the target's URI names a host: the source's daemon connects to it and runs the
 * whole job, so it ends cleanly even if this process dies. A local socket URI (this machine's
 * {@code qemu:///system}) means nothing to another daemon, so then this process drives the migration
 * over both connections ({@code virDomainMigrate3}). Either way the memory and disk streams go straight
 * from QEMU to QEMU at {@link MigrationRequest#streamHost()} (the target listens there only).
 *
 * <p>The migration call blocks until the job ends, so it runs on a thread and connection of its own;
 * the caller's thread meanwhile reads the job's numbers and, when cancelled, aborts the job
 * ({@code virDomainAbortJob}), both on the adapter's usual connection.
 */
final class LibvirtMigration {
    static final Duration POLL = Duration.ofMillis(500);
    private final LibvirtConnection connection;
    private final LibvirtConnection.Connector connector;

    LibvirtMigration(LibvirtConnection connection, LibvirtConnection.Connector connector) {
        this.connection = connection;
        this.connector = connector;
    }

    private record Source(boolean running, String liveXml, String persistentXml) {}

    MigrationJob migrate(String name, MigrationRequest req, Consumer<MigrationJob> progress, Cancellation cancel) {
        String what = "migrating " + name + " to " + req.targetUri();
        cancel.check(what);
        Source src = connection.call("reading " + name + " for its migration", true, c -> {
            Domain d = DomainLookup.require(connection, c, name);
            try {
                int xmlFlags = LibvirtNative.VIR_DOMAIN_XML_SECURE | LibvirtNative.VIR_DOMAIN_XML_MIGRATABLE;
                boolean running = d.isActive() == 1;
                return new Source(running, running ? d.getXMLDesc(xmlFlags) : null,
                        d.getXMLDesc(xmlFlags | LibvirtNative.VIR_DOMAIN_XML_INACTIVE));
            } finally {
                connection.free(d);
            }
        });
        boolean p2p = reachableByPeer(req.targetUri());
        int flags = flags(src.running(), req, p2p);
        Map<String, String> params = new LinkedHashMap<>();
        if (src.running()) {
            req.streamHost().ifPresent(h -> {
                params.put("migrate_uri", "tcp://" + bracketed(h));
                params.put("listen_address", h);
            });
        }
        // An offline migration defines the target from destination_xml and ignores persistent_xml (measured
        // with libvirt 9.0: the source's log path arrived unchanged), so it gets the persistent definition there.
        params.put("destination_xml", MigrationXml.forTarget(src.running() ? src.liveXml() : src.persistentXml(), req));
        params.put("persistent_xml", MigrationXml.forTarget(src.persistentXml(), req));

        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                run(name, req.targetUri(), params, flags, p2p);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "hyperlab-migrate-" + name);
        worker.setDaemon(true);
        long t0 = System.nanoTime();
        worker.start();
        boolean aborted = false;
        MigrationJob last = MigrationJob.NONE;
        while (true) {
            try {
                done.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (cancel.isCancelled() && !aborted) {
                    aborted = true;
                    abort(name);
                } else if (!aborted) {
                    Optional<MigrationJob> now = running(name, t0);
                    if (now.isPresent()) {
                        last = now.get();
                        progress.accept(last);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(name);
                throw cancel.cancelled(what);
            } catch (ExecutionException e) {
                if (aborted) {
                    throw new HyperlabException(ErrorCode.CANCELLED, what + " was cancelled (" + cancel.reason()
                            + "); the guest runs on here as before", null);
                }
                Throwable cause = e.getCause();
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " failed: "
                        + LibvirtMessages.oneLine(cause.getMessage() == null ? cause.toString() : cause.getMessage())
                        + "; the guest stays here as it was", hint(cause), cause);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return new MigrationJob(elapsed, last.dataTotal(), Math.max(last.dataProcessed(), last.dataTotal()), 0, 0,
                Optional.empty());
    }

    static int flags(boolean running, MigrationRequest req, boolean p2p) {
        int flags = LibvirtNative.VIR_MIGRATE_PERSIST_DEST | LibvirtNative.VIR_MIGRATE_UNDEFINE_SOURCE;
        if (p2p) {
            flags |= LibvirtNative.VIR_MIGRATE_PEER2PEER;
        }
        if (!running) {
            return flags | LibvirtNative.VIR_MIGRATE_OFFLINE; // the definition only: volumes are the caller's
        }
        if (req.live()) {
            flags |= LibvirtNative.VIR_MIGRATE_LIVE | VIR_MIGRATE_AUTO_CONVERGE;
        }
        if (req.copyStorage()) {
            flags |= LibvirtNative.VIR_MIGRATE_NON_SHARED_INC;
        }
        return flags;
    }

    private static final int VIR_MIGRATE_AUTO_CONVERGE = 8192;

    /** Whether another daemon can open {@code uri}: only when it names a host (a socket URI is this machine's). */
    static boolean reachableByPeer(String uri) {
        try {
            return LibvirtUri.parse(uri, UriAliases.forThisProcess()).remote();
        } catch (HyperlabException e) {
            return false;
        }
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The blocking call, on this thread's own connections (libvirt's last error is per thread). */
    private void run(String name, String targetUri, Map<String, String> params, int flags, boolean p2p) throws LibvirtException {
        Connect c = connector.open(connection.uri());
        try {
            Domain d = c.domainLookupByName(name);
            PointerByReference list = new PointerByReference();
            IntByReference n = new IntByReference(0);
            IntByReference max = new IntByReference(0);
            try {
                for (Map.Entry<String, String> p : params.entrySet()) {
                    LibvirtErrors.check(LibvirtNative.INSTANCE.virTypedParamsAddString(list, n, max, p.getKey(), p.getValue()),
                            "virTypedParamsAddString");
                }
                if (p2p) {
                    LibvirtErrors.check(LibvirtNative.INSTANCE.virDomainMigrateToURI3(Handles.of(d), targetUri,
                            list.getValue(), n.getValue(), flags), "virDomainMigrateToURI3");
                } else {
                    Connect target = connector.open(targetUri);
                    try {
                        Pointer moved = LibvirtNative.INSTANCE.virDomainMigrate3(Handles.of(d), Handles.of(target),
                                list.getValue(), n.getValue(), flags);
                        if (moved == null) {
                            LibvirtErrors.check(-1, "virDomainMigrate3");
                        }
                        LibvirtNative.INSTANCE.virDomainFree(moved);
                    } finally {
                        target.close();
                    }
                }
            } finally {
                if (list.getValue() != null) {
                    LibvirtNative.INSTANCE.virTypedParamsFree(list.getValue(), n.getValue());
                }
                d.free();
            }
        } finally {
            c.close();
        }
    }

    /** The running job's numbers; empty before it started or once it is over. */
    private Optional<MigrationJob> running(String name, long t0) {
        try {
            return connection.call("reading the migration's progress", true, c -> {
                Domain d = DomainLookup.find(connection, c, name);
                if (d == null) {
                    return Optional.<MigrationJob>empty();
                }
                try {
                    DomainJobInfo j = d.getJobInfo();
                    if (j.getType() == 0) {
                        return Optional.<MigrationJob>empty();
                    }
                    return Optional.of(new MigrationJob(Duration.ofNanos(System.nanoTime() - t0), j.getDataTotal(),
                            j.getDataProcessed(), j.getDataRemaining(), j.getMemRemaining(), Optional.empty()));
                } finally {
                    connection.free(d);
                }
            });
        } catch (HyperlabException e) {
            return Optional.empty(); // the job just ended, or the domain just left: the call's result says how
        }
    }

    private void abort(String name) {
        try {
            connection.call("aborting the migration of " + name, false, c -> {
                Domain d = DomainLookup.find(connection, c, name);
                if (d != null) {
                    try {
                        d.abortJob();
                    } finally {
                        connection.free(d);
                    }
                }
                return null;
            });
        } catch (HyperlabException e) {
            // no job to abort (it just ended): the migration call's own result tells what happened
        }
    }

    /** The last migration that ended on this host into {@code name}, with its downtime. */
    Optional<MigrationJob> completed(String name) {
        return connection.call("reading the last migration of " + name, true, c -> {
            Domain d = DomainLookup.find(connection, c, name);
            if (d == null) {
                return Optional.<MigrationJob>empty();
            }
            PointerByReference list = new PointerByReference();
            IntByReference n = new IntByReference(0);
            try {
                if (LibvirtNative.INSTANCE.virDomainGetJobStats(Handles.of(d), new IntByReference(), list, n,
                        LibvirtNative.VIR_DOMAIN_JOB_STATS_COMPLETED) < 0 || n.getValue() == 0) {
                    return Optional.<MigrationJob>empty();
                }
                Pointer p = list.getValue();
                Optional<Long> downtime = ullong(p, n.getValue(), "downtime");
                return Optional.of(new MigrationJob(Duration.ofMillis(ullong(p, n.getValue(), "time_elapsed").orElse(0L)),
                        ullong(p, n.getValue(), "data_total").orElse(0L), ullong(p, n.getValue(), "data_processed").orElse(0L),
                        ullong(p, n.getValue(), "data_remaining").orElse(0L), ullong(p, n.getValue(), "memory_remaining").orElse(0L),
                        downtime.map(Duration::ofMillis)));
            } finally {
                if (list.getValue() != null) {
                    LibvirtNative.INSTANCE.virTypedParamsFree(list.getValue(), n.getValue());
                }
                connection.free(d);
            }
        });
    }

    private static Optional<Long> ullong(Pointer params, int n, String field) {
        LongByReference v = new LongByReference();
        return LibvirtNative.INSTANCE.virTypedParamsGetULLong(params, n, field, v) == 1 ? Optional.of(v.getValue()) : Optional.empty();
    }

    private static String hint(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        if (m.contains("Connection refused") || m.contains("unable to connect")) {
            return "is the target's libvirtd listening, and can the source's daemon reach it? try 'hyperlab doctor --host TARGET'";
        }
        if (m.contains("same") && m.contains("UUID")) {
            return "both daemons report one host UUID: give one its own host_uuid in libvirtd.conf";
        }
        return "try 'hyperlab doctor' on both hosts";
    }
}
