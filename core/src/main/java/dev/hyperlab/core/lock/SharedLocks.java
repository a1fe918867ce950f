package dev.hyperlab.core.lock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shared mode of {@link NameLocks} within one process. Every thread of this process that holds
 * a file shared uses one channel and one OS shared lock, counted here: a second descriptor of the
 * file must never be opened, since closing it would drop the process's lock (see
 * {@link NameLocks}' claim set). The first holder claims the file, opens and locks it; the last one
 * to let go releases it and gives up the claim. While the claim stands, an exclusive
 * {@link NameLocks#tryAcquire} in this process fails, as it does for another thread's exclusive hold.
 */
final class SharedLocks {
    /** The files this process holds shared, with how many holders each; taken and let go under its monitor. */
    private static final Map<Path, Entry> HELD = new HashMap<>();

    private SharedLocks() {}

    private static final class Entry {
        final LockFile file;
        int holders;

        Entry(LockFile file) { this.file = file; }
    }

    /**
     * One more shared holder of {@code f}; empty while this process holds it exclusively (or briefly
     * looks at it, as gc does) or another process holds it exclusively.
     */
    static Optional<NameLocks.Held> tryAcquire(Path f, String label) throws IOException {
        synchronized (HELD) {
            Entry e = HELD.get(f);
            if (e == null) {
                if (!NameLocks.CLAIMED.add(f)) {
                    return Optional.empty();
                }
                boolean kept = false;
                try {
                    Optional<LockFile> locked = LockFile.open(f, true);
                    if (locked.isEmpty()) {
                        return Optional.empty();
                    }
                    try {
                        locked.get().labelShared(label);
                    } catch (IOException failed) {
                        locked.get().releaseSharedAndMaybeDelete();
                        throw failed;
                    }
                    e = new Entry(locked.get());
                    HELD.put(f, e);
                    kept = true;
                } finally {
                    if (!kept) {
                        NameLocks.CLAIMED.remove(f);
                    }
                }
            }
            e.holders++;
            return Optional.of(new NameLocks.Held(f, true, () -> release(f)));
        }
    }

    private static void release(Path f) {
        synchronized (HELD) {
            Entry e = HELD.get(f);
            if (--e.holders > 0) {
                return;
            }
            HELD.remove(f);
            try {
                e.file.releaseSharedAndMaybeDelete();
            } finally {
                NameLocks.CLAIMED.remove(f);
            }
        }
    }

    /** True while a thread of this process holds {@code f} shared. */
    static boolean heldHere(Path f) {
        synchronized (HELD) {
            return HELD.containsKey(f);
        }
    }
}
