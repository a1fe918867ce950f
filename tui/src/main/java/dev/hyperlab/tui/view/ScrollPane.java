package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.Component;

/**
 * What a {@link PagerWindow} shows: output that arrives in chunks, followed at its end until the
 * user scrolls back. {@link TermView} wraps plain text (logs); {@link VtView} is a terminal.
 */
interface ScrollPane {
    Component component();

    /** Output as it arrived (any chunking); the pane redraws. */
    void append(byte[] data);

    boolean following();

    /** By {@code lines} (negative: back); reaching the end follows the output again. */
    void scroll(int lines);

    void page(int direction);

    void toTop();

    void toBottom();

    /** "line 120 of 5000" for the footer. */
    String position();
}
