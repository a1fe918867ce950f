package dev.hyperlab.core.error;

import dev.hyperlab.images.ImageException;

/** The one line a user reads when background work failed: the modules' own messages already say what to try. */
public final class Failures {
    private Failures() {}

    public static String message(String what, Throwable e) {
        if (e instanceof HyperlabException he) {
            return he.userMessage();
        }
        if (e instanceof ImageException ie) {
            return ie.getMessage();
        }
        return what + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
