package dev.hyperlab.tui.keys;

/** What a key does. The views dispatch on these, never on raw keys. */
public enum Action {
    HELP, QUIT, FILTER, COMMAND, CLEAR_FILTER,
    MOVE_UP, MOVE_DOWN, PAGE_UP, PAGE_DOWN, MOVE_TOP, MOVE_BOTTOM,
    START, STOP, DESTROY, REMOVE,
    PROMPT_ACCEPT, PROMPT_CANCEL,
    CLOSE,
    CONFIRM_YES, CONFIRM_NO
}
