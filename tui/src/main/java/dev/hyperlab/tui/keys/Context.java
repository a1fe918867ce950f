package dev.hyperlab.tui.keys;

/** Where a key binding applies; GLOBAL bindings work in every full-screen view when no modal is in front. */
public enum Context {
    GLOBAL("anywhere"),
    LIST("guest list"),
    PROMPT("filter / command line"),
    HELP("help screen"),
    CONFIRM("confirmation"),
    DIALOG("message dialog"),
    IMAGES("images view"),
    COMPARE("compare view"),
    LABS("labs view"),
    LAB_BOARD("lab board"),
    CHOICE("choice list"),
    INPUT("text input"),
    // guest views
    WIZARD("create wizard"),
    BOOT("boot timeline"),
    CONSOLE("VM console"),
    OUTPUT("log / container output"),
    SNAPSHOTS("snapshots"),
    NAME("name prompt");

    private final String label;

    Context(String label) { this.label = label; }

    public String label() { return label; }

    /** A full-screen view (not a modal): GLOBAL keys reach it. */
    public boolean isView() { return this == LIST || this == IMAGES || this == COMPARE || this == LABS; }
}
