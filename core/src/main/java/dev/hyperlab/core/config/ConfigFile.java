package dev.hyperlab.core.config;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.files.WholeFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One {@code config.yaml}: a flat mapping of {@link ConfigKey}s, read with the line of each value
 * (for {@code --origin} and errors), and edited line by line so that comments and the order of
 * the other keys stay as the user wrote them. Every edit is checked by parsing the new text before
 * it replaces the file (temp file + atomic move): a refused edit writes nothing.
 */
public final class ConfigFile {
    /** A value and the line it is on (1-based). */
    public record Entry(String value, int line) {}

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~@+][A-Za-z0-9_./:~@+=-]*");
    private static final Pattern YAML_WORDS = Pattern.compile("(?i)y|n|yes|no|true|false|on|off|null|~");

    private final Path path;
    private final String text;
    private final Map<ConfigKey, Entry> entries;

    private ConfigFile(Path path, String text, Map<ConfigKey, Entry> entries) {
        this.path = path;
        this.text = text;
        this.entries = entries;
    }

    /** Reads {@code path}; a missing file is an empty one. Refuses unknown keys and bad values with their line. */
    public static ConfigFile read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading " + path + " failed: " + e.getMessage(),
                    "check its permissions", e);
        }
        return parse(path, text);
    }

    /**
     * The file for {@code config set/unset}: parsed when it can be; otherwise its text alone, so that
     * an unset can mend a bad line (every edit is checked again before it is written).
     */
    public static ConfigFile forEditing(Path path) {
        try {
            return read(path);
        } catch (HyperlabException e) {
            try {
                return new ConfigFile(path, Files.readString(path, StandardCharsets.UTF_8), new EnumMap<>(ConfigKey.class));
            } catch (IOException io) {
                throw e;
            }
        }
    }

    static ConfigFile parse(Path path, String text) {
        if (text.isBlank()) {
            // No file (the usual case): no YAML parser either, which keeps a TAB's completion fast.
            return new ConfigFile(path, text, new EnumMap<>(ConfigKey.class));
        }
        Node root;
        try {
            root = new Yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw refused(path, line, "not valid YAML (" + e.getProblem() + ")", "write one 'key: value' per line");
        }
        Map<ConfigKey, Entry> entries = new EnumMap<>(ConfigKey.class);
        if (root == null) {
            return new ConfigFile(path, text, entries);
        }
        if (!(root instanceof MappingNode map)) {
            throw refused(path, lineOf(root), "not a mapping of 'key: value' lines", "allowed keys: " + ConfigKey.names());
        }
        for (NodeTuple t : map.getValue()) {
            int line = lineOf(t.getKeyNode());
            String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
            ConfigKey key = ConfigKey.of(name).orElseThrow(() -> refused(path, line, "unknown key '" + name + "'",
                    "allowed keys: " + ConfigKey.names()));
            String value = valueOf(path, key, t.getValueNode());
            String problem = key.problem(value);
            if (problem != null) {
                throw refused(path, lineOf(t.getValueNode()), "bad " + key.key() + ": " + problem,
                        "allowed: " + key.allowed());
            }
            entries.put(key, new Entry(value.strip(), lineOf(t.getValueNode())));
        }
        return new ConfigFile(path, text, entries);
    }

    private static String valueOf(Path path, ConfigKey key, Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (key.isList() && node instanceof SequenceNode seq) {
            List<String> items = new ArrayList<>();
            for (Node n : seq.getValue()) {
                if (!(n instanceof ScalarNode s)) {
                    throw refused(path, lineOf(n), "bad " + key.key() + ": a list of nested values", "allowed: " + key.allowed());
                }
                items.add(s.getValue());
            }
            return String.join(", ", items);
        }
        throw refused(path, lineOf(node), "bad " + key.key() + ": not a single value", "allowed: " + key.allowed());
    }

    private static int lineOf(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static HyperlabException refused(Path path, int line, String what, String hint) {
        return HyperlabException.badInput("config failed: " + path + (line > 0 ? " line " + line : "") + ": " + what, hint);
    }

    public Path path() { return path; }

    public Map<ConfigKey, Entry> entries() { return Collections.unmodifiableMap(entries); }

    public Optional<Entry> get(ConfigKey key) { return Optional.ofNullable(entries.get(key)); }

    /**
     * The file with {@code key} set to {@code value}, checked; written by {@link #save()}. Refuses a
     * bad value (the allowed values in the hint) before anything is written.
     */
    public ConfigFile with(ConfigKey key, String value) {
        String problem = key.problem(value);
        if (problem != null) {
            throw HyperlabException.badInput("config set failed: bad " + key.key() + ": " + problem,
                    "allowed: " + key.allowed());
        }
        String line = key.key() + ": " + (key.isList() ? flowList(ConfigValue.split(value)) : yamlScalar(value.strip()));
        return reparse(replaceKey(key.key(), line));
    }

    /** The file without {@code name}; an unknown name is removed too, so a broken file can be mended. */
    public ConfigFile without(String name) {
        return reparse(replaceKey(name, null));
    }

    /** Whether {@code name} is a top-level key in the text (also an unknown one). */
    public boolean mentions(String name) {
        return keyLine(name).matcher(text).find();
    }

    private ConfigFile reparse(String newText) {
        return parse(path, newText);
    }

    /** Writes the text to the file: temp file in the same directory, then an atomic move. */
    public void save() {
        try {
            WholeFile.write(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing " + path + " failed: " + e.getMessage(),
                    "check that you may write there (the system file needs root)", e);
        }
    }

    public String text() { return text; }

    private static Pattern keyLine(String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*:");
    }

    /** Replaces the line of {@code name} and its block continuation (indented or '- ' lines), or appends. */
    private String replaceKey(String name, String newLine) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        Pattern start = keyLine(name);
        for (int i = 0; i < lines.size(); i++) {
            if (start.matcher(lines.get(i)).lookingAt()) {
                int end = i + 1;
                while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).startsWith("\t")
                        || lines.get(end).startsWith("-"))) {
                    end++;
                }
                lines.subList(i, end).clear();
                if (newLine != null) {
                    lines.add(i, newLine);
                }
                return String.join("\n", lines) + "\n";
            }
        }
        if (newLine != null) {
            lines.add(newLine);
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    static String yamlScalar(String v) {
        if (PLAIN.matcher(v).matches() && !YAML_WORDS.matcher(v).matches() && !v.endsWith(":")) {
            return v;
        }
        return "'" + v.replace("'", "''") + "'";
    }

    private static String flowList(List<String> items) {
        return items.stream().map(ConfigFile::yamlScalar).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override public String toString() { return path + " " + entries.keySet().stream()
            .map(k -> k.key().toLowerCase(Locale.ROOT)).toList(); }
}
