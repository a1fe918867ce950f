package dev.hyperlab.core.compare;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The demo's race: guests of several kinds started at the same moment from the same image, each
 * on its own thread, with every new timeline handed to {@link CompareListener#boot} as phases are
 * reached (calls for one kind come from its own thread, in phase order). The caller owns the
 * returned guests through the {@link Cleanup} it passes in, which launches them, so a cancel during
 * the race stops and removes them.
 *
 * <p>The first racer to fail ends the race at once: the others are cancelled (a VM stops within
 * about one hypervisor call, whether it is still being created or booting), whatever they made is
 * removed, and that first failure is thrown — not after the slowest racer's boot.
 */
public final class BootRace {
    /** How long the race waits for cancelled racers to undo what they made before it reports the failure. */
    static final Duration RACERS_STOP_WAIT = Duration.ofMinutes(2);

    private BootRace() {}

    public static Map<Subject, LaunchedGuest> run(GuestLab lab, Cleanup cleanup, List<Subject> kinds, CompareOptions o,
                                                  String session, CompareListener listener) {
        Cancellation race = cleanup.cancellation().child();
        listener.raceStarted(List.copyOf(kinds));
        ExecutorService pool = Executors.newFixedThreadPool(kinds.size(), r -> {
            Thread t = new Thread(r, "hyperlab-race");
            t.setDaemon(true);
            return t;
        });
        CompletionService<LaunchedGuest> done = new ExecutorCompletionService<>(pool);
        Map<Future<LaunchedGuest>, Subject> racers = new HashMap<>();
        Map<Subject, LaunchedGuest> out = new EnumMap<>(Subject.class);
        Throwable first = null;
        Subject firstKind = null;
        boolean interrupted = false;
        try {
            for (Subject k : kinds) {
                String name = "hldemo-" + session + "-" + k.label();
                racers.put(done.submit(() -> cleanup.launch(k, name, o, t -> listener.boot(k, 1, t), race)), k);
            }
            long stopDeadline = Long.MAX_VALUE;
            for (int left = kinds.size(); left > 0; left--) {
                Future<LaunchedGuest> f;
                try {
                    f = stopDeadline == Long.MAX_VALUE ? done.take()
                            : done.poll(Math.max(0, stopDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (first == null) {
                        first = new HyperlabException(ErrorCode.CANCELLED, "boot race interrupted", null, e);
                        race.cancel("the boot race was interrupted");
                        stopDeadline = System.nanoTime() + RACERS_STOP_WAIT.toNanos();
                    }
                    left++;
                    continue;
                }
                if (f == null) {
                    break; // cancelled racers did not stop in time; the cleanup removes them by name
                }
                try {
                    LaunchedGuest g = f.get();
                    out.put(racers.get(f), g);
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    if (first == null) {
                        first = cause;
                        firstKind = racers.get(f);
                        race.cancel(isCancelled(cause) ? cause.getMessage() : "the " + firstKind.title() + " failed");
                        stopDeadline = System.nanoTime() + RACERS_STOP_WAIT.toNanos();
                    } else if (!isCancelled(cause)) {
                        first.addSuppressed(cause); // a second real failure, not just a racer we stopped
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // f is done: get() does not block
                }
            }
        } finally {
            pool.shutdown(); // no interrupts: a racer undoing its guest must be able to finish
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first == null) {
            return out;
        }
        for (LaunchedGuest g : out.values()) { // those that got ready before the failure
            cleanup.remove(g);
        }
        if (first instanceof HyperlabException he) {
            throw he;
        }
        throw new HyperlabException(ErrorCode.OPERATION_FAILED, "boot race failed: the " + firstKind.title()
                + " failed: " + first.getMessage(), "try 'hyperlab doctor'", first);
    }

    private static boolean isCancelled(Throwable t) {
        return t instanceof HyperlabException he && he.code() == ErrorCode.CANCELLED;
    }
}
