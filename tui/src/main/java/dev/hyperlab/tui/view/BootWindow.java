package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextGUI;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The boot timeline of the guests the wizard just made, filling in live: each phase with its
 * host-clock seconds since Create, the phase being waited for and the time so far. Esc or Enter
 * goes back to the list at any time (the boots go on); when every guest is ready it goes back by
 * itself after {@link #LINGER}.
 */
final class BootWindow extends ModalWindow {
    static final Duration LINGER = Duration.ofSeconds(3);
    private static final long TICK_MILLIS = 200;

    private final BootBoard board;
    private final List<GuestKey> keys;
    private final int width;
    private final LinesView text;
    private final Runnable unlisten;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> GuiThread.daemon("boot-ticker", r));
    private long allReadyAt;

    BootWindow(TextGUI gui, BootBoard board, List<GuestKey> keys, int screenCols, int screenRows) {
        super("Booting", Context.BOOT);
        this.board = board;
        this.keys = List.copyOf(keys);
        this.width = Math.max(40, Math.min(70, screenCols - 6));
        // Room for every phase, a step or a wrapped error (3 lines) per guest, and the footer.
        int wanted = keys.stream().mapToInt(k -> board.get(k).map(b -> 1 + b.phases().size() + 3).orElse(0)).sum() + 2;
        text = new LinesView(Math.max(6, Math.min(screenRows - 4, wanted)));
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(text);
        setComponent(p);
        unlisten = board.listen(this::render);
        // Elapsed time moves on between phases: redraw a few times a second while anything boots.
        ticker.scheduleAtFixedRate(() -> GuiThread.later(gui, this::tick), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        render();
    }

    @Override
    void onAction(Action action) {
        if (action == Action.CLOSE) {
            close();
        }
    }

    private void tick() {
        render();
        if (allReadyAt != 0 && System.nanoTime() - allReadyAt >= LINGER.toNanos()) {
            close();
        }
    }

    private void render() {
        boolean allReady = keys.stream().allMatch(k -> board.get(k).map(b -> b.done() && !b.failed()).orElse(false));
        if (allReady && allReadyAt == 0) {
            allReadyAt = System.nanoTime();
        }
        List<String> lines = lines();
        lines.add("");
        if (allReady) {
            lines.add("all ready: back to the list in " + LINGER.toSeconds() + " s (Enter: now)");
        } else if (keys.stream().allMatch(k -> board.get(k).map(BootBoard.Boot::done).orElse(true))) {
            lines.add("Enter/Esc: back to the list");
        } else {
            lines.add("Esc: back to the list (the boots go on; the list shows them)");
        }
        text.setLines(lines);
    }

    private List<String> lines() {
        long now = System.nanoTime();
        List<String> out = new ArrayList<>();
        for (GuestKey k : keys) {
            BootBoard.Boot b = board.get(k).orElse(null);
            if (b == null) {
                continue;
            }
            out.add(Formats.fit(k + "  " + headline(b, now), width));
            Phase waiting = null;
            for (Phase p : b.phases()) {
                if (b.timeline().has(p)) {
                    out.add(phaseLine(p, b.timeline().at(p).orElseThrow()));
                } else {
                    if (waiting == null && !b.done()) {
                        waiting = p;
                    }
                    out.add(String.format(Locale.ROOT, "  %-8s %9s", p.label(), p == waiting ? "..." : "-"));
                }
            }
            if (!b.done() && !b.timeline().has(Phase.CREATED) && b.step() != null) {
                out.add(Formats.fit("  " + b.step(), width));
            }
            if (b.failed()) { // the whole message is in the error dialog; three lines say enough here
                List<String> wrapped = MessageWindow.wrap("! " + b.error(), width - 2);
                for (int i = 0; i < Math.min(3, wrapped.size()); i++) {
                    String l = wrapped.get(i);
                    boolean cut = i == 2 && wrapped.size() > 3; // "~" marks a cut, as everywhere in the TUI
                    out.add("  " + (!cut ? l : l.length() < width - 2 ? l + "~" : l.substring(0, width - 3) + "~"));
                }
            }
        }
        return out;
    }

    /** "ready in 96.2 s", "booting 42.1 s: waiting for init", "failed after 12.3 s". */
    static String headline(BootBoard.Boot b, long now) {
        String secs = seconds(b.elapsed(now));
        if (b.failed()) {
            return "failed after " + secs;
        }
        if (b.done()) {
            return b.timeline().at(Phase.READY).map(d -> "ready in " + seconds(d)).orElse("done after " + secs);
        }
        Optional<Phase> next = b.phases().stream().filter(p -> !b.timeline().has(p)).findFirst();
        if (next.isEmpty()) { // every phase is in; the service is only tidying up (closing the console)
            return "ready in " + seconds(b.timeline().at(Phase.READY).orElse(b.elapsed(now)));
        }
        return "booting " + secs + ": waiting for " + next.get().label();
    }

    /** "  ready      2.9 s": the label the tmux test looks for, then host-clock seconds since Create. */
    static String phaseLine(Phase p, Duration at) {
        return String.format(Locale.ROOT, "  %-8s %9s", p.label(), seconds(at));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        unlisten.run();
        super.close();
    }
}
