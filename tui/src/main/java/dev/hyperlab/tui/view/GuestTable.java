package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.GuestHost;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.refresh.GuestRow;
import dev.hyperlab.tui.refresh.Snapshot;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the main screen's guest table shows: the latest snapshot through the {@link GuestFilter}
 * (kind, lab, host, typed text, grouping), the rows of guests the wizard is booting made live
 * from its {@link BootBoard}, the line shown when no row is, and a guest to select as soon as it is
 * listed. {@link MainWindow} lays the table out and sends it the keys; {@code rendered} runs after
 * every re-render (the footer's count and the detail pane follow it). GUI thread only.
 */
final class GuestTable {
    private final String sourceName;
    private final GuestListView list = new GuestListView();
    private final GuestFilter filter = new GuestFilter();
    private final Runnable rendered;
    private BootBoard board;
    private Snapshot snapshot = new Snapshot(List.of(), Optional.empty(), Optional.empty(), Duration.ZERO);
    private boolean loaded;
    private GuestKey selectWhenListed;

    GuestTable(String sourceName, Runnable rendered) {
        this.sourceName = sourceName;
        this.rendered = rendered;
        list.setRows(List.of(), "loading guests from " + sourceName + " ...");
    }

    GuestListView view() { return list; }

    Snapshot snapshot() { return snapshot; }

    GuestFilter filter() { return filter; }

    /** The wizard's boots, shown in their rows as they go. */
    void showBoots(BootBoard b) {
        board = b;
        b.listen(this::render);
    }

    /** Takes a new snapshot; re-renders only when its rows (or whether the source answered) changed. */
    void apply(Snapshot s) {
        // Most ticks change nothing in the table: skip filtering and re-laying out 500 rows then.
        boolean sameRows = s.rows().equals(snapshot.rows()) && loaded
                && s.unavailable().isPresent() == snapshot.unavailable().isPresent();
        snapshot = s;
        loaded = loaded || s.unavailable().isEmpty() || !s.rows().isEmpty();
        if (!sameRows) {
            render();
        }
    }

    /** The listed guest named {@code name} of {@code kind} (any kind when null), a VM before a container. */
    Optional<GuestRow> named(String name, String kind) {
        return snapshot.rows().stream()
                .filter(r -> r.summary().name().equals(name) && (kind == null || r.summary().kind().shortName().equals(kind)))
                .min(Comparator.comparing((GuestRow r) -> r.summary().kind()));
    }

    void showKind(Optional<GuestKind> kind) {
        filter.setKind(kind);
        render();
    }

    /** Only the guests of {@code lab}, every kind, whatever was typed after / before. */
    void showLab(String lab) {
        filter.onlyLab(lab);
        render();
    }

    /** Only the guests of one libvirt host ({@value GuestListView#OWN_HOST}: the session's own, and its containers). */
    void showHost(String host) {
        filter.onlyHost(host);
        render();
    }

    void setText(String text) {
        filter.setText(text);
        render();
    }

    void clearFilter() {
        filter.clear();
        render();
    }

    /** Toggles grouping by lab; returns whether the table is grouped now. */
    boolean toggleGroupByLab() {
        filter.toggleGroupByLab();
        render();
        return filter.groupedByLab();
    }

    /** Selects {@code key} as soon as it is in the list (a guest the wizard is creating). */
    void selectWhenListed(GuestKey key) {
        selectWhenListed = key;
        render();
    }

    /** The count for the footer: the filter's tag, rows shown / rows in the snapshot. */
    String count() {
        return filter.tag() + list.size() + "/" + snapshot.rows().size();
    }

    void render() {
        List<GuestRow> shown = filter.shown(snapshot.rows(), board == null ? r -> r : board::live);
        list.setGrouped(filter.groupedByLab());
        list.setSeveralHosts(snapshot.rows().stream().anyMatch(r -> GuestHost.hostOf(r.summary().name()).isPresent()));
        list.setRows(shown, emptyLine());
        if (board != null) {
            list.setBooting(board.running().keySet());
        }
        if (selectWhenListed != null && list.select(selectWhenListed)) {
            selectWhenListed = null;
        }
        rendered.run();
    }

    private String emptyLine() {
        if (!loaded) {
            return snapshot.unavailable().isPresent() ? "no connection to " + sourceName
                    : "loading guests from " + sourceName + " ...";
        }
        return snapshot.rows().isEmpty() ? "no guests on " + sourceName : filter.noMatch();
    }
}
