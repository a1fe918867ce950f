package dev.hyperlab.core.labfile;

import dev.hyperlab.cloudinit.validate.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reading a composed YAML node tree with positions. Values are read as the text the user wrote, not
 * through YAML 1.1's implicit types: {@code 8080:80} stays a port forward (YAML 1.1 would make it the
 * base-60 number 483680) and {@code no} stays a word.
 */
final class YamlNodes {
    private final Problems problems;

    YamlNodes(Problems problems) {
        this.problems = problems;
    }

    /** The mapping's entries by key, in order; reports non-string, duplicate and unknown keys. */
    Map<String, Node> mapping(Node node, String field, Collection<String> allowedKeys) {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, ScalarNode> keys = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problems.add(node, field, "must be a mapping of keys, not " + describe(node), "try 'key: value' lines indented under it");
            return entries;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                problems.add(t.getKeyNode(), field, "has a key that is not a plain name", "try a word such as 'name'");
                continue;
            }
            String k = key.getValue();
            String path = field.isEmpty() ? k : field + "." + k;
            if (keys.containsKey(k)) {
                problems.add(key, path, "is given twice (first at line " + (keys.get(k).getStartMark().getLine() + 1) + ")",
                        "try keeping one of them");
                continue;
            }
            keys.put(k, key);
            if (allowedKeys != null && !allowedKeys.contains(k)) {
                Optional<String> close = Suggestions.closest(k, allowedKeys);
                problems.add(key, path, "unknown key", close.map(c -> "did you mean '" + c + "'?")
                        .orElse("try one of: " + String.join(", ", allowedKeys)));
                continue;
            }
            entries.put(k, t.getValueNode());
        }
        return entries;
    }

    /** The keys' own nodes, for messages that point at a name rather than its value. */
    Map<String, Node> keyNodes(Node node) {
        Map<String, Node> keys = new LinkedHashMap<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    keys.putIfAbsent(key.getValue(), key);
                }
            }
        }
        return keys;
    }

    /** A scalar's text; a problem (and empty) for a list, a mapping or null. */
    Optional<String> text(Node node, String field) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return Optional.of(s.getValue());
        }
        problems.add(node, field, "must be a single value, not " + describe(node), null);
        return Optional.empty();
    }

    /** A list of scalars; a single scalar counts as a list of one, as Compose allows for short lists. */
    List<String> texts(Node node, String field) {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            out.add(s.getValue());
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problems.add(node, field, "must be a list, not " + describe(node), "try [a, b] or one '- item' per line");
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            text(seq.getValue().get(i), field + "[" + i + "]").ifPresent(out::add);
        }
        return out;
    }

    /** A whole number in [min, max]. */
    Optional<Integer> integer(Node node, String field, int min, int max) {
        Optional<String> t = text(node, field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String v = t.get().strip();
        if (v.matches("\\d{1,9}")) {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        }
        problems.add(node, field, "must be a whole number from " + min + " to " + max + ", not '" + v + "'", null);
        return Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
