package dev.hyperlab.tui.view;

import static dev.hyperlab.tui.view.TableColumns.KEEP;

import com.googlecode.lanterna.TextColor;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.tui.data.GuestHost;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.refresh.GuestRow;
import dev.hyperlab.tui.view.TableColumns.Column;
import java.util.List;
import java.util.Set;

/**
 * The guest table. Columns are dropped from the right (the address first) when the terminal is
 * narrow, and the name column takes what is left. Rows are coloured by state. Grouped by lab, a LAB
 * column comes first.
 */
final class GuestListView extends SelectableTable<GuestRow, GuestKey> {

    static final TableColumns<GuestRow> COLUMNS = new TableColumns<>(List.of(
            Column.left("KIND", 4, KEEP, r -> r.summary().kind().shortName()),
            Column.flexible("NAME", 10, Integer.MAX_VALUE, KEEP, r -> r.summary().name()),
            Column.left("STATE", 8, KEEP, r -> r.summary().state().label()),
            Column.right("CPU", 3, 5, r -> Integer.toString(r.summary().vcpus())),
            Column.right("MEM", 5, 4, r -> Formats.memory(r.summary().memoryBytes())),
            Column.right("CPU%", 6, 6, r -> Formats.percent(r.cpuPercent())),
            Column.right("UPTIME", 6, 3, r -> r.uptime().map(Formats::duration).orElse(Formats.NONE)),
            Column.right("READY", 7, 2, GuestListView::ready),
            Column.left("ADDRESS", 15, 1, GuestListView::address)));

    /**
     * Grouped by lab: the lab first. What gives way at 80 columns is the vCPU count and the uptime,
     * so a lab's guests keep their addresses and times to ready.
     */
    static final TableColumns<GuestRow> BY_LAB = new TableColumns<>(List.of(
            Column.left("LAB", 10, KEEP, r -> r.lab().orElse(Formats.NONE)),
            Column.left("KIND", 4, KEEP, r -> r.summary().kind().shortName()),
            Column.flexible("NAME", 10, Integer.MAX_VALUE, KEEP, r -> r.summary().name()),
            Column.left("STATE", 8, KEEP, r -> r.summary().state().label()),
            Column.right("CPU", 3, 1, r -> Integer.toString(r.summary().vcpus())),
            Column.right("MEM", 5, 4, r -> Formats.memory(r.summary().memoryBytes())),
            Column.right("CPU%", 6, 6, r -> Formats.percent(r.cpuPercent())),
            Column.right("UPTIME", 6, 2, r -> r.uptime().map(Formats::duration).orElse(Formats.NONE)),
            Column.right("READY", 7, 5, GuestListView::ready),
            Column.left("ADDRESS", 15, 3, GuestListView::address)));

    /**
     * With several libvirt hosts: the host first, the bare name after it. The session's own host is
     * {@value #OWN_HOST}; another host's rows are listed as HOST:NAME ({@link GuestHost}).
     */
    static final TableColumns<GuestRow> BY_HOST = BY_LAB.replacing(0, Column.left("HOST", 5, KEEP, GuestListView::host))
            .replacing(2, Column.flexible("NAME", 10, Integer.MAX_VALUE, KEEP, r -> GuestHost.nameOf(r.summary().name())));

    /** What the HOST column says of the session's own host. */
    static final String OWN_HOST = "this";

    static String host(GuestRow r) {
        return GuestHost.hostOf(r.summary().name()).orElse(OWN_HOST);
    }

    private static String ready(GuestRow r) {
        return r.summary().timeline().timeToReady().map(Formats::seconds).orElse(Formats.NONE);
    }

    /** A lab guest's lab addresses, a VM's SSH forward (127.0.0.1:PORT), else the IP the backend said. */
    static String address(GuestRow r) {
        if (!r.addresses().isEmpty()) {
            return String.join(",", r.addresses().stream().map(a -> a.address()).toList());
        }
        return r.summary().ip().orElse(Formats.NONE);
    }

    /** Guests whose boot this session follows: READY shows the phase reached so far instead of "-". */
    private Set<GuestKey> booting = Set.of();

    GuestListView() {
        super(COLUMNS);
    }

    private boolean grouped;
    private boolean hosts;

    /** With the LAB column first (grouped by lab), or without. */
    void setGrouped(boolean grouped) {
        this.grouped = grouped;
        setColumns(grouped ? BY_LAB : hosts ? BY_HOST : COLUMNS);
    }

    /** With a HOST column first when the rows come from several libvirt hosts (grouping by lab wins). */
    void setSeveralHosts(boolean several) {
        if (several != hosts) {
            hosts = several;
            setGrouped(grouped);
        }
    }

    @Override
    GuestKey keyOf(GuestRow row) { return row.key(); }

    void setBooting(Set<GuestKey> keys) {
        if (!keys.equals(booting)) {
            booting = Set.copyOf(keys);
            invalidate();
        }
    }

    @Override
    String cellText(Column<GuestRow> col, GuestRow r) {
        if (col.title().equals("READY") && booting.contains(r.key()) && !r.summary().timeline().has(Phase.READY)) {
            return r.summary().timeline().latest().map(Phase::label).orElse("...");
        }
        return col.cell().apply(r);
    }

    @Override
    TextColor rowColor(GuestRow r) {
        return switch (r.summary().state()) {
            case RUNNING -> TextColor.ANSI.GREEN;
            case CRASHED -> TextColor.ANSI.RED;
            case PAUSED, TRANSITIONING -> TextColor.ANSI.YELLOW;
            default -> TextColor.ANSI.DEFAULT;
        };
    }
}
