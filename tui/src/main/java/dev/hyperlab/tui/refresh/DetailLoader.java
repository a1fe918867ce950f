package dev.hyperlab.tui.refresh;

import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Loads the detail pane for the selected guest, latest selection wins: moving quickly through the
 * list queues loads, but only the one for the current selection runs and is delivered.
 */
public final class DetailLoader implements AutoCloseable {
    private final GuestSource source;
    private final BiConsumer<GuestKey, Result> sink;
    private final AtomicLong generation = new AtomicLong();
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hyperlab-detail");
        t.setDaemon(true);
        return t;
    });

    /** The details, or why they could not be read. */
    public record Result(List<GuestSource.Field> fields, String error) {}

    public DetailLoader(GuestSource source, BiConsumer<GuestKey, Result> sink) {
        this.source = source;
        this.sink = sink;
    }

    public void select(GuestKey key) {
        long gen = generation.incrementAndGet();
        exec.execute(() -> {
            if (gen != generation.get()) {
                return; // a newer selection is queued behind us
            }
            Result r;
            try {
                r = new Result(source.details(key), null);
            } catch (RuntimeException e) {
                r = new Result(List.of(), e.getMessage());
            }
            if (gen == generation.get()) {
                sink.accept(key, r);
            }
        });
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
