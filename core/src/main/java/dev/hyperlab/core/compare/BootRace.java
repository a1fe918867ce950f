package dev.hyperlab.core.compare;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The demo's race: guests of several kinds started at the same moment from the same image, each
 * on its own thread, with every new timeline handed to {@link CompareListener#boot} as phases are
 * reached (calls for one kind come from its own thread, in phase order). The caller owns the
 * returned guests through the {@link Cleanup} it passes in, which launches them, so a cancel during
 * the race stops and removes them.
 */
public final class BootRace {
    private BootRace() {}

    public static Map<Subject, LaunchedGuest> run(GuestLab lab, Cleanup cleanup, List<Subject> kinds, CompareOptions o,
                                                  String session, CompareListener listener) {
        Map<Subject, String> names = new EnumMap<>(Subject.class);
        for (Subject k : kinds) {
            names.put(k, "hldemo-" + session + "-" + k.label());
        }
        listener.raceStarted(List.copyOf(kinds));
        ExecutorService pool = Executors.newFixedThreadPool(kinds.size(), r -> {
            Thread t = new Thread(r, "hyperlab-race");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Subject, Future<LaunchedGuest>> futures = new LinkedHashMap<>();
            for (Subject k : kinds) {
                futures.put(k, pool.submit(() -> cleanup.launch(k, names.get(k), o, t -> listener.boot(k, 1, t))));
            }
            Map<Subject, LaunchedGuest> out = new EnumMap<>(Subject.class);
            List<Throwable> failures = new ArrayList<>();
            for (Map.Entry<Subject, Future<LaunchedGuest>> e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    failures.add(ex.getCause());
                }
            }
            if (!failures.isEmpty()) {
                Throwable first = failures.get(0);
                if (first instanceof HyperlabException he) {
                    throw he;
                }
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "boot race failed: " + first.getMessage(),
                        "try 'hyperlab doctor'", first);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "boot race interrupted", null, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
