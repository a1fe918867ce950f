package dev.hyperlab.cli.complete;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;

/**
 * The kinds of live names a shell completes: what the hidden {@code hyperlab __complete KIND}
 * answers. A new kind needs its source in {@link LiveNames} and its class on the parameters.
 */
public enum NameKind {
    VM("vm"), CONTAINER("ct"), IMAGE("image"), SNAPSHOT("snapshot"), HOST("host");

    private final String word;

    NameKind(String word) { this.word = word; }

    /** The word the completion script passes to {@code __complete}. */
    public String word() { return word; }

    public static Optional<NameKind> of(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
    }

    /**
     * Marks a picocli parameter as taking a live name ({@code completionCandidates = ...}). Picocli
     * iterates it while generating a script; it is empty there, because the names are asked for
     * when the user presses TAB, not when the script is made.
     */
    public abstract static class Marker implements Iterable<String> {
        private final NameKind kind;

        Marker(NameKind kind) { this.kind = kind; }

        public NameKind kind() { return kind; }

        @Override public Iterator<String> iterator() { return Collections.emptyIterator(); }
    }

    public static final class Vms extends Marker { public Vms() { super(VM); } }

    public static final class Containers extends Marker { public Containers() { super(CONTAINER); } }

    public static final class Images extends Marker { public Images() { super(IMAGE); } }

    /** Hosts of the hosts file, and {@code local}. */
    public static final class Hosts extends Marker { public Hosts() { super(HOST); } }

    /** Snapshots of the VM named by the command's first positional parameter. */
    public static final class Snapshots extends Marker { public Snapshots() { super(SNAPSHOT); } }
}
