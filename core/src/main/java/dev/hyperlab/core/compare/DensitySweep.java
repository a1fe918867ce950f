package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.DensityResult.Stop;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.model.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Starts instances of one kind, one after another, and keeps them all running until one more would pass
 * the memory budget, the host's MemAvailable would fall under a reserve, a host limit (tasks, inotify
 * instances) would be passed, an instance fails to start or is not ready in time, or the cap is reached;
 * then removes them all. An instance that fails ends the sweep of its kind with the engine's words as
 * the reason; it never fails the comparison.
 *
 * <p>The cost is read at checkpoints, not after every start: reading hundreds of containers takes
 * seconds, and doing it at every start would make the sweep quadratic. The recorded checkpoints are
 * 1, 10, 100, 1000 ... and the last count; in between, every {@value #READ_EVERY} instances, the cost
 * is read again (not recorded) so the budget and inotify checks stay close to the truth. Between
 * readings the checks extrapolate at the last marginal cost per instance.
 */
final class DensitySweep {
    /** Never let MemAvailable fall below this: the host, the IDE and the other guests need it. */
    static final long RESERVE_BYTES = 1L << 30;
    /** Readings for the budget check between the recorded checkpoints. */
    static final int READ_EVERY = 50;
    /** Tasks the host keeps for itself: the sweep stops before the containers would take more than 90 %. */
    static final int TASK_SHARE_PERCENT = 90;
    /**
     * How long one container may take to be ready in a sweep: an idle one is ready in seconds, and one
     * that is not after this long is stuck (a container whose systemd found no inotify left waits for
     * ever), not slow: the sweep should end with that reason, not wait out the compare's boot timeout.
     */
    static final Duration CONTAINER_READY_LIMIT = Duration.ofSeconds(120);
    /** Parallel removals at the end: Podman takes them in parallel, and hundreds in a row take minutes. */
    static final int REMOVE_THREADS = 8;

    private final GuestLab lab;
    private final Cleanup cleanup;
    private final CompareListener listener;
    private final HostGauges host;
    private final LongSupplier nanos;

    DensitySweep(GuestLab lab, Cleanup cleanup, CompareListener listener) {
        this(lab, cleanup, listener, HostGauges.PROC, System::nanoTime);
    }

    DensitySweep(GuestLab lab, Cleanup cleanup, CompareListener listener, HostGauges host, LongSupplier nanos) {
        this.lab = lab;
        this.cleanup = cleanup;
        this.listener = listener;
        this.host = host;
        this.nanos = nanos;
    }

    /** True for the counts whose reading is recorded: 1, 10, 100, 1000, ... */
    static boolean recorded(int n) {
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    DensityResult sweep(Subject kind, CompareOptions o, String session) {
        int cap = o.capFor(kind);
        CompareOptions launch = kind.isVm() || o.bootTimeout().compareTo(CONTAINER_READY_LIMIT) <= 0 ? o
                : o.withBootTimeout(CONTAINER_READY_LIMIT);
        long t0 = nanos.getAsLong();
        Readings r = new Readings(host.memAvailableBytes(), host.rootInotifyInstances(), host.tasks());
        List<LaunchedGuest> started = new ArrayList<>();
        Stop stop = Stop.CAP;
        String why = "instance cap of " + cap + " reached";
        long took;
        long removal;
        try {
            while (true) {
                int i = started.size() + 1;
                if (i > cap) {
                    break;
                }
                long next = r.nextCost(o);
                long projected = r.projectedCost(i - 1, next);
                if (projected + next > o.budgetBytes()) {
                    stop = Stop.BUDGET;
                    why = "budget of " + Sizes.human(o.budgetBytes()) + " reached (" + (i - 1) + " cost "
                            + Sizes.human(projected) + "; one more adds about " + Sizes.human(next) + ")";
                    break;
                }
                long available = host.memAvailableBytes();
                if (available - Math.max(next, o.memoryBytes()) < RESERVE_BYTES) { // a guest may grow to its limit
                    stop = Stop.RESERVE;
                    why = "host MemAvailable (" + Sizes.human(available) + ") would fall below the 1 GiB reserve";
                    break;
                }
                String limit = hostLimit(r, i - 1);
                if (limit != null) {
                    stop = Stop.HOST_LIMIT;
                    why = limit;
                    break;
                }
                if (i == 1 || i % READ_EVERY == 0) {
                    listener.step("density " + kind.title() + ": starting instance " + i);
                }
                String name = "hld-" + session + "-" + kind.label() + "-" + i;
                try {
                    started.add(cleanup.launch(kind, name, launch, t -> { }));
                } catch (RuntimeException e) { // whatever the engine threw: the sweep's result, not the compare's end
                    if (cancelled(e)) {
                        throw e;
                    }
                    stop = Stop.ENGINE_ERROR;
                    why = "instance " + i + " did not start: " + e.getMessage();
                    break;
                }
                if (recorded(i) || i % READ_EVERY == 0) {
                    String failed = read(r, kind, started, t0, recorded(i));
                    if (failed != null) {
                        stop = Stop.ENGINE_ERROR;
                        why = failed;
                        break;
                    }
                }
            }
            if (!started.isEmpty() && r.lastRecorded() != started.size() && r.recordLastAt(started.size())) {
                listener.step("density " + kind.title() + ": " + started.size() + " running, "
                        + Sizes.human(r.last.perInstanceBytes()) + " each");
            } else if (!started.isEmpty() && r.lastRecorded() != started.size()) {
                String failed = read(r, kind, started, t0, true);
                if (failed != null && stop != Stop.ENGINE_ERROR) {
                    why = why + "; " + failed;
                }
            }
        } finally {
            took = nanos.getAsLong() - t0;
            if (!started.isEmpty()) {
                listener.step("density " + kind.title() + ": removing " + started.size() + " instances");
            }
            cleanup.removeAll(started, kind.isVm() ? 1 : REMOVE_THREADS);
            removal = nanos.getAsLong() - t0 - took;
        }
        listener.step("density " + kind.title() + ": " + started.size() + " ran at once; stopped: " + why);
        return new DensityResult(kind, o.budgetBytes(), started.size(), r.checkpoints, stop, why,
                Duration.ofNanos(took), Duration.ofNanos(removal));
    }

    /** Reads the cost of everything started; null when it worked, else why not (the sweep then ends). */
    private String read(Readings r, Subject kind, List<LaunchedGuest> started, long t0, boolean record) {
        int n = started.size();
        long cost;
        try {
            cost = lab.hostCostBytes(List.copyOf(started));
        } catch (RuntimeException e) {
            if (cancelled(e)) {
                throw e;
            }
            return "reading the host cost of " + n + " instances failed: " + e.getMessage();
        }
        DensityCheckpoint c = new DensityCheckpoint(n, cost, r.availableBefore - host.memAvailableBytes(),
                Duration.ofNanos(nanos.getAsLong() - t0));
        r.read(c, host.rootInotifyInstances(), host.tasks(), record);
        if (record) {
            listener.step("density " + kind.title() + ": " + n + " running, " + Sizes.human(c.perInstanceBytes())
                    + " each (" + Sizes.human(cost) + " together) after " + c.elapsed().toSeconds() + " s");
        }
        return null;
    }

    /** A Ctrl-C or cancel, which ends the comparison, not only this sweep. */
    private boolean cancelled(RuntimeException e) {
        return (e instanceof HyperlabException h && h.code() == ErrorCode.CANCELLED) || cleanup.cancelled();
    }

    /**
     * A limit other than memory that one more instance would pass, as the user should read it; null when
     * there is none. Each instance's share is what the instances so far took on average (known from the
     * first reading on); the count in between readings is extrapolated from it.
     */
    private String hostLimit(Readings r, int running) {
        OptionalLong tasks = host.taskLimit();
        long taskNow = host.tasks();
        if (tasks.isPresent() && running > 0) {
            long each = Math.max(1, r.tasksEach());
            if (taskNow + each > tasks.getAsLong() * TASK_SHARE_PERCENT / 100) {
                return "the host's task limit would be passed: " + taskNow + " tasks of kernel.pid_max/threads-max "
                        + tasks.getAsLong() + " (the sweep leaves " + (100 - TASK_SHARE_PERCENT) + " % to the host)";
            }
        }
        OptionalLong inotify = host.inotifyInstanceLimit();
        long each = r.inotifyEach();
        if (inotify.isPresent() && running > 0 && each > 0) {
            long projected = r.inotifyProjected(running);
            if (projected + each > inotify.getAsLong()) {
                return "root's inotify instances would run out: about " + projected + " of fs.inotify.max_user_instances = "
                        + inotify.getAsLong() + " in use, " + each + " more per instance (systemd and its services in a "
                        + "system container; rootful containers all count as root). For more: "
                        + "sysctl -w fs.inotify.max_user_instances=" + Math.max(8192, inotify.getAsLong() * 4)
                        + " (scripts/setup.sh sets it)";
            }
        }
        return null;
    }

    /** What the readings so far say, and the extrapolation the checks use between them. */
    private static final class Readings {
        final long availableBefore;
        final long inotifyBefore;
        final long tasksBefore;
        final List<DensityCheckpoint> checkpoints = new ArrayList<>();
        DensityCheckpoint last;
        DensityCheckpoint previous;
        long inotifyAtLast;

        Readings(long availableBefore, long inotifyBefore, long tasksBefore) {
            this.availableBefore = availableBefore;
            this.inotifyBefore = inotifyBefore;
            this.tasksBefore = tasksBefore;
            this.inotifyAtLast = inotifyBefore;
        }

        private long tasksAtLast;

        void read(DensityCheckpoint c, long inotifyNow, long tasksNow, boolean record) {
            previous = last;
            last = c;
            inotifyAtLast = inotifyNow;
            tasksAtLast = tasksNow;
            if (record) {
                checkpoints.add(c);
            }
        }

        /** Records the last reading when it was taken at {@code n} instances (read, not recorded, in between). */
        boolean recordLastAt(int n) {
            if (last == null || last.instances() != n) {
                return false;
            }
            checkpoints.add(last);
            return true;
        }

        int lastRecorded() {
            return checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).instances();
        }

        /**
         * What one more instance will cost: before any reading, a quarter of the guest's memory limit (a
         * guess on the safe side); after, the larger of the average and the last marginal cost, so that
         * a noisy low marginal reading does not let the sweep run past its budget.
         */
        long nextCost(CompareOptions o) {
            if (last == null) {
                return o.memoryBytes() / 4;
            }
            return Math.max(1, Math.max(last.perInstanceBytes(), last.marginalBytesSince(previous)));
        }

        /** The cost of {@code running} instances: the last reading plus the ones since, at {@code each}. */
        long projectedCost(int running, long each) {
            if (last == null) {
                return running * each;
            }
            return last.hostCostBytes() + (running - last.instances()) * each;
        }

        long inotifyEach() {
            if (last == null) {
                return 0;
            }
            return Math.max(0, (inotifyAtLast - inotifyBefore + last.instances() - 1) / last.instances());
        }

        long inotifyProjected(int running) {
            return last == null ? inotifyBefore : inotifyAtLast + (running - last.instances()) * inotifyEach();
        }

        long tasksEach() {
            if (last == null) {
                return 0;
            }
            return Math.max(0, (tasksAtLast - tasksBefore + last.instances() - 1) / last.instances());
        }
    }
}
