package dev.hyperlab.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table of key bindings. The help screen, the footer hints and docs/keybindings.md are
 * all generated from it, so they cannot drift from what the keys actually do.
 */
public final class KeyMap {
    private static final List<KeyBinding> BINDINGS = List.of(
            b("?", Context.GLOBAL, Action.HELP, "show this help", "help"),
            b("q", Context.LIST, Action.QUIT, "quit hyperlab", "quit"),
            b("/", Context.LIST, Action.FILTER, "filter guests by name, kind, state, image or lab", "filter"),
            b(":", Context.LIST, Action.COMMAND, "command line: :vm :ct :all :lab NAME :host NAME :labs :group :create :console NAME "
                    + ":images :compare :q", "cmd"),
            b("Esc", Context.LIST, Action.CLEAR_FILTER, "clear the filter and show every kind and lab", ""),
            b("Up", Context.LIST, Action.MOVE_UP, "select the previous guest", ""),
            b("k", Context.LIST, Action.MOVE_UP, "select the previous guest", ""),
            b("Down", Context.LIST, Action.MOVE_DOWN, "select the next guest", ""),
            b("j", Context.LIST, Action.MOVE_DOWN, "select the next guest", ""),
            b("PgUp", Context.LIST, Action.PAGE_UP, "one page up", ""),
            b("PgDn", Context.LIST, Action.PAGE_DOWN, "one page down", ""),
            b("Home", Context.LIST, Action.MOVE_TOP, "first guest", ""),
            b("g", Context.LIST, Action.MOVE_TOP, "first guest", ""),
            b("End", Context.LIST, Action.MOVE_BOTTOM, "last guest", ""),
            b("G", Context.LIST, Action.MOVE_BOTTOM, "last guest", ""),
            b("s", Context.LIST, Action.START, "start the selected guest", "start"),
            b("t", Context.LIST, Action.STOP, "stop the selected guest gracefully (ACPI shutdown / SIGTERM)", "stop"),
            b("K", Context.LIST, Action.DESTROY, "kill: power off the selected guest at once", "kill"),
            b("x", Context.LIST, Action.REMOVE, "remove the selected guest (asks first)", "rm"),
            b("Del", Context.LIST, Action.REMOVE, "remove the selected guest (asks first)", ""),
            b("c", Context.LIST, Action.CREATE, "create a VM, a system container or both from one image", "new"),
            b("i", Context.LIST, Action.OPEN_IMAGES, "images: list, build, pull, import, remove (also :images)", "images"),
            b("b", Context.LIST, Action.OPEN_COMPARE, "boot race: a VM, an instant clone and a container from one image, then "
                    + "what each costs (also :compare)", "race"),
            b("Enter", Context.LIST, Action.CONSOLE, "console: a VM's serial console, a container's output, live", ""),
            b("o", Context.LIST, Action.CONSOLE, "console: a VM's serial console, a container's output, live", ""),
            b("l", Context.LIST, Action.LOG, "log: the VM's console log file / the container's logs", ""),
            b("S", Context.LIST, Action.SNAPSHOTS, "snapshots of the selected VM: tree, take, revert, delete", ""),
            b("M", Context.LIST, Action.MIGRATE, "migrate the selected VM to another host (asks which; live when running, its disk copied)", ""),
            b("L", Context.LIST, Action.OPEN_LABS, "labs: lab files and labs that are up; up, down (also :labs)", "labs"),
            b("v", Context.LIST, Action.GROUP_BY_LAB, "group the list by lab, LAB column first (again: undo; :group)", ""),
            b("Ctrl-c", Context.LIST, Action.QUIT, "quit hyperlab", ""),
            b("Enter", Context.PROMPT, Action.PROMPT_ACCEPT, "run the command / keep the filter", ""),
            b("Esc", Context.PROMPT, Action.PROMPT_CANCEL, "leave the prompt (a filter is cleared)", ""),
            b("Esc", Context.HELP, Action.CLOSE, "close the help", ""),
            b("q", Context.HELP, Action.CLOSE, "close the help", ""),
            b("?", Context.HELP, Action.CLOSE, "close the help", ""),
            b("Up", Context.HELP, Action.MOVE_UP, "scroll up", ""),
            b("k", Context.HELP, Action.MOVE_UP, "scroll up", ""),
            b("Down", Context.HELP, Action.MOVE_DOWN, "scroll down", ""),
            b("j", Context.HELP, Action.MOVE_DOWN, "scroll down", ""),
            b("PgUp", Context.HELP, Action.PAGE_UP, "scroll a page up", ""),
            b("PgDn", Context.HELP, Action.PAGE_DOWN, "scroll a page down", ""),
            b("y", Context.CONFIRM, Action.CONFIRM_YES, "yes, do it", ""),
            b("n", Context.CONFIRM, Action.CONFIRM_NO, "no, keep everything as it is", ""),
            b("Esc", Context.CONFIRM, Action.CONFIRM_NO, "no, keep everything as it is", ""),
            b("Enter", Context.DIALOG, Action.CLOSE, "close the message", ""),
            b("Esc", Context.DIALOG, Action.CLOSE, "close the message", ""),
            b("Esc", Context.IMAGES, Action.BACK, "back to the guests (a build, pull or import keeps running)", "back"),
            b("q", Context.IMAGES, Action.BACK, "back to the guests (a build, pull or import keeps running)", ""),
            b("Up", Context.IMAGES, Action.MOVE_UP, "select the previous image", ""),
            b("k", Context.IMAGES, Action.MOVE_UP, "select the previous image", ""),
            b("Down", Context.IMAGES, Action.MOVE_DOWN, "select the next image", ""),
            b("j", Context.IMAGES, Action.MOVE_DOWN, "select the next image", ""),
            b("Home", Context.IMAGES, Action.MOVE_TOP, "first image", ""),
            b("End", Context.IMAGES, Action.MOVE_BOTTOM, "last image", ""),
            b("b", Context.IMAGES, Action.BUILD_IMAGE, "build the default image debian-12 (only when missing or its "
                    + "recipe changed; needs root)", "build"),
            b("p", Context.IMAGES, Action.PULL_IMAGE, "pull a cloud image: choose from the catalog, or give a URL and "
                    + "its checksum", "pull"),
            b("i", Context.IMAGES, Action.IMPORT_IMAGE, "import a file: qcow2, raw, rootfs tar(.gz/.xz/.zst), OCI archive",
                    "import"),
            b("x", Context.IMAGES, Action.REMOVE, "remove the selected image (asks first; refused while a guest uses it)",
                    "rm"),
            b("Del", Context.IMAGES, Action.REMOVE, "remove the selected image (asks first; refused while a guest uses it)",
                    ""),
            b("r", Context.IMAGES, Action.RELOAD, "reload the list and ask again which guests use each image", "reload"),
            b("Enter", Context.COMPARE, Action.RUN_COMPARE, "start the race: a VM, an instant clone of a template and a "
                    + "system container from debian-12; removed at the end (the template is kept)", "start"),
            b("o", Context.COMPARE, Action.TOGGLE_BENCHMARKS, "micro-benchmarks (quick sysbench + fio on host and guests) "
                    + "on or off for the next run", "bench"),
            b("Esc", Context.COMPARE, Action.BACK, "back to the guests; during a run: cancel it (asks, then removes "
                    + "everything it made)", "back"),
            b("q", Context.COMPARE, Action.BACK, "back to the guests; during a run: cancel it (asks, then removes "
                    + "everything it made)", ""),
            b("Up", Context.COMPARE, Action.MOVE_UP, "scroll up", ""),
            b("k", Context.COMPARE, Action.MOVE_UP, "scroll up", ""),
            b("Down", Context.COMPARE, Action.MOVE_DOWN, "scroll down", ""),
            b("j", Context.COMPARE, Action.MOVE_DOWN, "scroll down", ""),
            b("PgUp", Context.COMPARE, Action.PAGE_UP, "scroll a page up", ""),
            b("PgDn", Context.COMPARE, Action.PAGE_DOWN, "scroll a page down", ""),
            b("Home", Context.COMPARE, Action.MOVE_TOP, "scroll to the top", ""),
            b("End", Context.COMPARE, Action.MOVE_BOTTOM, "scroll to the end", ""),
            b("Esc", Context.LABS, Action.BACK, "back to the guests (an up or a down goes on)", "back"),
            b("q", Context.LABS, Action.BACK, "back to the guests (an up or a down goes on)", ""),
            b("Up", Context.LABS, Action.MOVE_UP, "select the previous lab", ""),
            b("k", Context.LABS, Action.MOVE_UP, "select the previous lab", ""),
            b("Down", Context.LABS, Action.MOVE_DOWN, "select the next lab", ""),
            b("j", Context.LABS, Action.MOVE_DOWN, "select the next lab", ""),
            b("u", Context.LABS, Action.LAB_UP, "up: bring the selected lab up with a live board (or show it)", "up"),
            b("d", Context.LABS, Action.LAB_DOWN, "down: remove all the selected lab's up made (asks first)", "down"),
            b("Enter", Context.LABS, Action.LAB_SHOW_GUESTS, "the guest list with only this lab's guests (Esc: all)",
                    "guests"),
            b("r", Context.LABS, Action.RELOAD, "look for lab files again", "reload"),
            b("Esc", Context.LAB_BOARD, Action.CANCEL, "cancel the up (asks first); once it ended: close", "cancel"),
            b("Ctrl-c", Context.LAB_BOARD, Action.CANCEL, "cancel the up (asks first); once it ended: close", ""),
            b("Enter", Context.LAB_BOARD, Action.CLOSE, "hide the board; the up goes on (u shows it again)", "hide"),
            b("Up", Context.CHOICE, Action.MOVE_UP, "previous entry", ""),
            b("k", Context.CHOICE, Action.MOVE_UP, "previous entry", ""),
            b("Down", Context.CHOICE, Action.MOVE_DOWN, "next entry", ""),
            b("j", Context.CHOICE, Action.MOVE_DOWN, "next entry", ""),
            b("Enter", Context.CHOICE, Action.PROMPT_ACCEPT, "take the selected entry", ""),
            b("Esc", Context.CHOICE, Action.CLOSE, "cancel", ""),
            b("Enter", Context.INPUT, Action.PROMPT_ACCEPT, "accept what was typed", ""),
            b("Esc", Context.INPUT, Action.PROMPT_CANCEL, "cancel", ""),
            b("Tab", Context.WIZARD, Action.NEXT_FIELD, "next field", ""),
            b("Enter", Context.WIZARD, Action.NEXT_FIELD, "next field; on a button, press it", ""),
            b("S-Tab", Context.WIZARD, Action.PREVIOUS_FIELD, "previous field", ""),
            b("Left", Context.WIZARD, Action.CHOICE_PREVIOUS, "on a < choice >: the previous one (in text: cursor)", ""),
            b("Right", Context.WIZARD, Action.CHOICE_NEXT, "on a < choice >: the next one (in text: cursor)", ""),
            b("Esc", Context.WIZARD, Action.CLOSE, "cancel: back to the list, nothing is created", ""),
            b("Esc", Context.BOOT, Action.CLOSE, "back to the list; the boots go on in the background", ""),
            b("Enter", Context.BOOT, Action.CLOSE, "back to the list; the boots go on in the background", ""),
            b("Ctrl-]", Context.CONSOLE, Action.CLOSE, "back to the list (the VM keeps running)", "back"),
            b("PgUp", Context.CONSOLE, Action.PAGE_UP, "scroll back; every other key goes to the guest", "scroll"),
            b("PgDn", Context.CONSOLE, Action.PAGE_DOWN, "scroll forward; at the end, follow the guest again", ""),
            b("Esc", Context.OUTPUT, Action.CLOSE, "back to the list", "back"),
            b("q", Context.OUTPUT, Action.CLOSE, "back to the list", ""),
            b("Ctrl-]", Context.OUTPUT, Action.CLOSE, "back to the list", ""),
            b("Up", Context.OUTPUT, Action.MOVE_UP, "scroll up", ""),
            b("k", Context.OUTPUT, Action.MOVE_UP, "scroll up", ""),
            b("Down", Context.OUTPUT, Action.MOVE_DOWN, "scroll down", ""),
            b("j", Context.OUTPUT, Action.MOVE_DOWN, "scroll down", ""),
            b("PgUp", Context.OUTPUT, Action.PAGE_UP, "a page up", "scroll"),
            b("PgDn", Context.OUTPUT, Action.PAGE_DOWN, "a page down", ""),
            b("Home", Context.OUTPUT, Action.MOVE_TOP, "first line", ""),
            b("g", Context.OUTPUT, Action.MOVE_TOP, "first line", ""),
            b("End", Context.OUTPUT, Action.MOVE_BOTTOM, "last line, then follow new output", "follow"),
            b("G", Context.OUTPUT, Action.MOVE_BOTTOM, "last line, then follow new output", ""),
            b("Up", Context.SNAPSHOTS, Action.MOVE_UP, "select the previous snapshot", ""),
            b("k", Context.SNAPSHOTS, Action.MOVE_UP, "select the previous snapshot", ""),
            b("Down", Context.SNAPSHOTS, Action.MOVE_DOWN, "select the next snapshot", ""),
            b("j", Context.SNAPSHOTS, Action.MOVE_DOWN, "select the next snapshot", ""),
            b("c", Context.SNAPSHOTS, Action.SNAPSHOT_CREATE, "take a snapshot (asks a name)", "take"),
            b("r", Context.SNAPSHOTS, Action.SNAPSHOT_REVERT, "revert the VM to the selected snapshot (asks first)", "revert"),
            b("d", Context.SNAPSHOTS, Action.SNAPSHOT_DELETE, "delete the selected snapshot (asks first; children stay)", "delete"),
            b("Del", Context.SNAPSHOTS, Action.SNAPSHOT_DELETE, "delete the selected snapshot (asks first; children stay)", ""),
            b("Esc", Context.SNAPSHOTS, Action.CLOSE, "back to the list", "back"),
            b("q", Context.SNAPSHOTS, Action.CLOSE, "back to the list", ""),
            b("Enter", Context.NAME, Action.PROMPT_ACCEPT, "take this name", ""),
            b("Esc", Context.NAME, Action.PROMPT_CANCEL, "cancel", ""));

    private KeyMap() {}

    private static KeyBinding b(String key, Context ctx, Action action, String description, String hint) {
        return new KeyBinding(key, ctx, action, description, hint);
    }

    public static List<KeyBinding> all() { return BINDINGS; }

    /** The action a keystroke runs in a context; context-specific bindings win over GLOBAL ones. */
    public static Optional<Action> lookup(Context ctx, KeyStroke ks) {
        for (KeyBinding kb : BINDINGS) {
            if (kb.context() == ctx && kb.matches(ks)) {
                return Optional.of(kb.action());
            }
        }
        if (ctx.isView()) { // GLOBAL bindings only reach full-screen views; modals own their keys
            for (KeyBinding kb : BINDINGS) {
                if (kb.context() == Context.GLOBAL && kb.matches(ks)) {
                    return Optional.of(kb.action());
                }
            }
        }
        return Optional.empty();
    }

    /** "?:help q:quit ..." for the footer, in table order, one entry per distinct hint. */
    public static String footer(Context ctx) {
        List<String> parts = new ArrayList<>();
        for (KeyBinding kb : BINDINGS) {
            boolean applies = kb.context() == ctx || (kb.context() == Context.GLOBAL && ctx.isView());
            String part = kb.key() + ":" + kb.hint();
            if (applies && !kb.hint().isEmpty() && !parts.contains(part)) {
                parts.add(part);
            }
        }
        return String.join("  ", parts);
    }

    /** Rows for the help screen: keys of the same action and context joined ("Up, k"). */
    public static List<String[]> helpRows() {
        List<String[]> rows = new ArrayList<>();
        for (KeyBinding kb : BINDINGS) {
            String[] existing = rows.stream()
                    .filter(r -> r[1].equals(kb.context().label()) && r[2].equals(kb.description()))
                    .findFirst().orElse(null);
            if (existing != null) {
                existing[0] = existing[0] + ", " + kb.key();
            } else {
                rows.add(new String[] {kb.key(), kb.context().label(), kb.description()});
            }
        }
        return rows;
    }

    /** The Markdown section for the README / docs/keybindings.md. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Keys in the TUI\n\n");
        sb.append("Generated from `dev.hyperlab.tui.keys.KeyMap` (`hyperlab keys --markdown`); ")
                .append("the `?` screen shows the same table.\n\n");
        sb.append("| Key | Where | Does |\n|---|---|---|\n");
        for (String[] r : helpRows()) {
            sb.append("| `").append(r[0].replace(", ", "`, `")).append('`').append(" | ").append(r[1]).append(" | ").append(md(r[2])).append(" |\n");
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }
}
