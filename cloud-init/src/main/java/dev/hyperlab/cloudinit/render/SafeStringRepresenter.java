package dev.hyperlab.cloudinit.render;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Emits strings so that any YAML 1.1 or 1.2 reader (PyYAML in the guest, SnakeYAML here) reads back
 * exactly the same string: only conservatively safe words stay plain; multi-line text is a literal
 * block; everything else is quoted ({@code yes}, {@code 0755}, {@code 1e3}, {@code ~}, {@code *x}, ...).
 * The emitter itself falls back to double quotes with escapes when a style cannot hold the text
 * (trailing spaces in a block, control characters).
 */
final class SafeStringRepresenter extends Representer {
    /** Starts with a letter or "/" and has no character with a YAML meaning; no ":" (sexagesimal, keys). */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z/][A-Za-z0-9_./@+-]*");
    /** Words some YAML reader turns into booleans or null (YAML 1.1 includes y/n). */
    private static final Pattern OTHER_BREAKS = Pattern.compile("[\\r\\u0085\\u2028\\u2029]");
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    SafeStringRepresenter(DumperOptions options) {
        super(options);
        this.representers.put(String.class, new RepresentSafeString());
        Represent floats = new RepresentPyYamlFloat();
        this.representers.put(Double.class, floats);
        this.representers.put(Float.class, floats);
    }

    static DumperOptions.ScalarStyle styleFor(String s) {
        if (OTHER_BREAKS.matcher(s).find()) {
            // A literal block would normalise CR, NEL and LS/PS to LF: escape them in double quotes.
            return DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        }
        if (s.indexOf('\n') >= 0) {
            return DumperOptions.ScalarStyle.LITERAL;
        }
        if (PLAIN_SAFE.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return DumperOptions.ScalarStyle.PLAIN;
        }
        return DumperOptions.ScalarStyle.SINGLE_QUOTED;
    }

    private final class RepresentSafeString implements Represent {
        @Override
        public Node representData(Object data) {
            String s = data.toString();
            return representScalar(Tag.STR, s, styleFor(s));
        }
    }

    /** Java prints 1.0E10; PyYAML reads that as a string (it wants 1.0e+10). */
    private final class RepresentPyYamlFloat implements Represent {
        @Override
        public Node representData(Object data) {
            double d = ((Number) data).doubleValue();
            String text;
            if (Double.isNaN(d)) {
                text = ".nan";
            } else if (Double.isInfinite(d)) {
                text = d > 0 ? ".inf" : "-.inf";
            } else {
                text = Double.toString(d).replace("E-", "e-").replace("E", "e+");
            }
            return representScalar(Tag.FLOAT, text, DumperOptions.ScalarStyle.PLAIN);
        }
    }
}
