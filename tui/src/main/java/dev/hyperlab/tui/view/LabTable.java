package dev.hyperlab.tui.view;

import static dev.hyperlab.tui.view.TableColumns.KEEP;

import com.googlecode.lanterna.TextColor;
import dev.hyperlab.tui.labs.LabFileEntry;
import dev.hyperlab.tui.labs.LabSummary;
import dev.hyperlab.tui.view.TableColumns.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The labs table: each lab by name with its state (up, partial, not up; invalid for a file that is
 * not a lab as written; starting or removing while this session brings it up or takes it down), its
 * guests up of all it has, and its file. The file goes first when narrow.
 */
final class LabTable extends SelectableTable<LabSummary, String> {

    static TableColumns<LabSummary> columns(Function<Path, String> shown, Function<LabSummary, String> state) {
        return new TableColumns<>(List.of(
                Column.flexible("LAB", 10, 24, KEEP, LabSummary::name),
                Column.left("STATE", 8, KEEP, state),
                Column.right("GUESTS", 6, 3, LabTable::guests),
                Column.left("NETWORKS", 8, 2, LabTable::networks),
                Column.flexible("FILE", 8, Integer.MAX_VALUE, 1, l -> l.upFile().map(shown).orElse(Formats.NONE))));
    }

    /**
     * @param shown a file's path as shown (short in the working directory and the home directory)
     * @param state the state as shown: the lab's, or what is being done to it
     */
    LabTable(Function<Path, String> shown, Function<LabSummary, String> state) {
        super(columns(shown, state));
    }

    /** "2/3": guests up of those the lab has. */
    static String guests(LabSummary l) {
        return l.status() == LabSummary.Status.INVALID ? Formats.NONE : l.guestsUp() + "/" + l.guests();
    }

    private static String networks(LabSummary l) {
        int n = l.state().map(s -> s.networks().size())
                .orElse(l.file().flatMap(LabFileEntry::lab).map(f -> f.networks().size()).orElse(0));
        return Integer.toString(n);
    }

    @Override String keyOf(LabSummary row) { return row.key(); }

    @Override
    TextColor rowColor(LabSummary l) {
        return switch (l.status()) {
            case UP -> TextColor.ANSI.GREEN;
            case PARTIAL -> TextColor.ANSI.YELLOW;
            case INVALID -> TextColor.ANSI.RED;
            case NOT_UP -> TextColor.ANSI.DEFAULT;
        };
    }
}
