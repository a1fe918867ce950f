package dev.hyperlab.tui.keys;

/** Where a key binding applies; GLOBAL bindings work in every context without a modal in front. */
public enum Context {
    GLOBAL("anywhere"),
    LIST("guest list"),
    PROMPT("filter / command line"),
    HELP("help screen"),
    CONFIRM("confirmation"),
    DIALOG("message dialog"),
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
}
