package dev.hyperlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code vm rm} and {@code container rm} do with several names: each is removed in the order
 * given and said so; the first that fails stops the rest, and its error is the command's, so what
 * was printed is exactly what was removed.
 */
final class RemoveEach {
    private RemoveEach() {}

    /** Returns the exit code, 0: a failure is thrown. */
    static int run(List<String> names, Consumer<String> remove, PrintWriter out) {
        for (String n : names) {
            remove.accept(n);
            out.println("removed " + n);
        }
        return 0;
    }
}
