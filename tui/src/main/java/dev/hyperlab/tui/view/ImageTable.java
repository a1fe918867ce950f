package dev.hyperlab.tui.view;

import static dev.hyperlab.tui.view.TableColumns.KEEP;

import dev.hyperlab.images.ProgressText;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.tui.view.TableColumns.Column;
import java.util.List;

/**
 * The images table: the columns of {@code hyperlab image list}. The name and the source share what
 * the fixed columns leave; when the terminal is narrow the source goes first, then the checksum.
 */
final class ImageTable extends SelectableTable<ImageListing, String> {

    static final TableColumns<ImageListing> COLUMNS = new TableColumns<>(List.of(
            Column.flexible("NAME", 12, 20, KEEP, l -> l.image().name()),
            Column.left("FORMAT", 10, 5, l -> l.image().format().label()),
            Column.right("VIRTUAL", 9, 4, l -> ProgressText.size(l.image().virtualSize())),
            Column.right("ON DISK", 9, 3, l -> ProgressText.size(l.diskBytes())),
            Column.left("SHA256", 12, 2, ImageListing::shortSha),
            Column.left("GUESTS", 10, 6, l -> l.guests().isEmpty() ? Formats.NONE : String.join(",", l.guests())),
            Column.flexible("SOURCE", 8, Integer.MAX_VALUE, 1, l -> l.broken() ? "BROKEN: x removes it" : l.image().source())));

    ImageTable() {
        super(COLUMNS);
    }

    /** Image names are unique in the store. */
    @Override
    String keyOf(ImageListing row) { return row.image().name(); }
}
