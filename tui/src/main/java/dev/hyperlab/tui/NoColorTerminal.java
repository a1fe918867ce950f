package dev.hyperlab.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.Terminal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The terminal without colours, for {@code NO_COLOR} (no-color.org): every colour becomes the
 * terminal's default, and a coloured background (the selected row, a button) becomes reverse
 * video, so what is selected still shows.
 */
final class NoColorTerminal {
    private NoColorTerminal() {}

    static boolean wanted(java.util.Map<String, String> env) {
        String v = env.get("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    static Terminal wrap(Terminal t) {
        return (Terminal) Proxy.newProxyInstance(Terminal.class.getClassLoader(), new Class<?>[] {Terminal.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("setForegroundColor") && args != null && args.length == 1) {
                        t.setForegroundColor(TextColor.ANSI.DEFAULT);
                        return null;
                    }
                    if (name.equals("setBackgroundColor") && args != null && args.length == 1) {
                        boolean coloured = !TextColor.ANSI.DEFAULT.equals(args[0]);
                        t.setBackgroundColor(TextColor.ANSI.DEFAULT);
                        if (coloured) {
                            t.enableSGR(SGR.REVERSE);
                        } else {
                            t.disableSGR(SGR.REVERSE);
                        }
                        return null;
                    }
                    try {
                        return method.invoke(t, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
