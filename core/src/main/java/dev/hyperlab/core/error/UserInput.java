package dev.hyperlab.core.error;

/**
 * User input echoed in a message: control characters are written as escapes (a name holding a
 * newline would otherwise split the one-line error, or forge a second line) and long input is cut.
 */
public final class UserInput {
    private static final int MAX = 80;

    private UserInput() {}

    public static String show(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.length() < MAX || s.length() <= MAX ? b.toString() : b + "…";
    }
}
