package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.refresh.DetailLoader;
import dev.hyperlab.tui.refresh.GuestRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lines under the list about the selected guest: its summary and boot timeline from the
 * list's row, then the fields its source reads ({@link GuestSource#details}), asked for when the
 * selection moves and again while it stays. GUI thread only.
 */
final class DetailPane {
    static final int ROWS = 4;
    /** How often the selected guest's details are read again while nothing else asks (a row change asks at once). */
    static final Duration PERIOD = Duration.ofSeconds(2);

    private final LinesView view = new LinesView(ROWS);
    private final Consumer<GuestKey> request;
    private GuestKey key;
    private List<String> fields = List.of();
    /** The selected guest's summary when its details were last asked for, and when. */
    private GuestSummary askedFor;
    private long askedAt;

    /** @param request asks for a guest's details, e.g. {@link DetailLoader#select} */
    DetailPane(Consumer<GuestKey> request) { this.request = request; }

    LinesView view() { return view; }

    /** The selection may have moved: a new guest's details are asked for, and shown as loading meanwhile. */
    void selected(Optional<GuestRow> row) {
        GuestKey now = row.map(GuestRow::key).orElse(null);
        if (now != null && !now.equals(key)) {
            key = now;
            fields = List.of("details: loading ...");
            ask(row.get());
        } else if (now == null) {
            key = null;
            fields = List.of();
        }
        render(row);
    }

    /**
     * A new snapshot arrived: the selected guest's details are read again, at once when its summary
     * changed (a start, a stop; not its CPU %, which moves every tick), else every {@link #PERIOD}. The fields shown stay until the new
     * ones arrive, so a refresh does not flicker through "loading".
     */
    void refreshed(Optional<GuestRow> row) {
        if (row.isEmpty() || !row.get().key().equals(key)) {
            return;
        }
        if (!row.get().summary().equals(askedFor) || System.nanoTime() - askedAt >= PERIOD.toNanos()) {
            ask(row.get());
        }
    }

    /** Reads {@code k}'s details again (an action on it finished); dropped when it is no longer selected. */
    void reread(GuestKey k) {
        askedAt = System.nanoTime();
        request.accept(k);
    }

    private void ask(GuestRow row) {
        askedFor = row.summary();
        askedAt = System.nanoTime();
        request.accept(row.key());
    }

    /** Shows details loaded for {@code loaded}, unless the selection moved on meanwhile; fields fill lines {@code cols} wide. */
    void show(GuestKey loaded, DetailLoader.Result r, Optional<GuestRow> selected, int cols) {
        if (selected.isEmpty() || !loaded.equals(selected.get().key())) {
            return;
        }
        List<String> lines = new ArrayList<>();
        if (r.error() != null) {
            lines.add("details: " + r.error());
        } else {
            // Fill the lines left under the summary and timeline, field after field.
            StringBuilder sb = new StringBuilder();
            for (GuestSource.Field f : r.fields()) {
                String part = f.label() + " " + f.value();
                if (sb.length() > 0 && sb.length() + 3 + part.length() > cols) {
                    lines.add(sb.toString());
                    sb.setLength(0);
                }
                sb.append(sb.length() == 0 ? "" : "   ").append(part);
            }
            lines.add(sb.toString());
        }
        fields = lines;
        render(selected);
    }

    void render(Optional<GuestRow> sel) {
        if (sel.isEmpty()) {
            view.setLines(List.of());
            return;
        }
        GuestSummary g = sel.get().summary();
        List<String> lines = new ArrayList<>();
        List<String> addresses = sel.get().addresses().stream().map(Object::toString).toList();
        lines.add(g.kind().shortName() + "/" + g.name() + "  " + g.state().label()
                + "  image " + (g.image().isEmpty() ? Formats.NONE : g.image())
                + sel.get().lab().map(l -> "  lab " + l).orElse("")
                + "  address " + (!addresses.isEmpty() ? String.join(", ", addresses) : g.ip().orElse(Formats.NONE)));
        lines.add(timeline(g));
        lines.addAll(fields);
        view.setLines(lines);
    }

    private static String timeline(GuestSummary g) {
        if (g.timeline().asMap().isEmpty()) {
            return "boot: no timeline (" + (g.state() == GuestState.RUNNING ? "started outside hyperlab or before it watched"
                    : "not booted by hyperlab") + ")";
        }
        StringBuilder sb = new StringBuilder("boot:");
        for (Phase p : Phase.values()) {
            g.timeline().at(p).ifPresent(d -> sb.append(' ').append(p.label()).append(' ').append(Formats.seconds(d)));
        }
        return sb.toString();
    }
}
