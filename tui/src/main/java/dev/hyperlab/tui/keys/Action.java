package dev.hyperlab.tui.keys;

/** What a key does. The views dispatch on these, never on raw keys. */
public enum Action {
    HELP, QUIT, FILTER, COMMAND, CLEAR_FILTER,
    MOVE_UP, MOVE_DOWN, PAGE_UP, PAGE_DOWN, MOVE_TOP, MOVE_BOTTOM,
    START, STOP, DESTROY, REMOVE,
    PROMPT_ACCEPT, PROMPT_CANCEL,
    CLOSE,
    CONFIRM_YES, CONFIRM_NO,
    OPEN_IMAGES, OPEN_COMPARE, BACK, RELOAD,
    BUILD_IMAGE, PULL_IMAGE, IMPORT_IMAGE,
    RUN_COMPARE, TOGGLE_BENCHMARKS,
    // guest views: create wizard, console, log, snapshots
    CREATE, CONSOLE, LOG, SNAPSHOTS, MIGRATE,
    NEXT_FIELD, PREVIOUS_FIELD, CHOICE_PREVIOUS, CHOICE_NEXT,
    SNAPSHOT_CREATE, SNAPSHOT_REVERT, SNAPSHOT_DELETE,
    // labs: the labs view, the list grouped by lab
    OPEN_LABS, GROUP_BY_LAB, LAB_UP, LAB_DOWN, LAB_SHOW_GUESTS, CANCEL
}
