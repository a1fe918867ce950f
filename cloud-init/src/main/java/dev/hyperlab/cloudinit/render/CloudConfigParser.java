package dev.hyperlab.cloudinit.render;

import dev.hyperlab.cloudinit.CloudInitException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a user's own {@code #cloud-config} file into a map (checked further, after the merge, by
 * {@code CloudConfigValidator}). Only cloud-config is accepted: shell scripts or MIME multi-part
 * user-data cannot be merged with what hyperlab adds.
 */
public final class CloudConfigParser {
    public static final String HEADER = "#cloud-config";
    /** A cloud-config is a few KiB; anything huge is a mistake (a binary, a log). */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private CloudConfigParser() {}

    public static Map<String, Object> parse(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw CloudInitException.badInput("reading cloud-config failed: " + file
                        + " is a directory; try the path of a #cloud-config YAML file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw CloudInitException.badInput("reading cloud-config failed: " + file + " is larger than "
                        + MAX_FILE_BYTES / 1024 / 1024 + " MiB; try moving large files into the image");
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw CloudInitException.badInput("reading cloud-config failed: " + file + " does not exist; "
                    + "try the path of an existing #cloud-config file");
        } catch (CharacterCodingException e) {
            throw CloudInitException.badInput("reading cloud-config failed: " + file + " is not UTF-8 text; "
                    + "try saving it as UTF-8");
        } catch (IOException e) {
            throw CloudInitException.badInput("reading cloud-config failed: cannot read " + file + " ("
                    + e.getMessage() + "); try checking its permissions");
        }
        return parse(text, file.toString());
    }

    /** SnakeYAML quotes the offending character as is, a newline included: the CLI prints one line. */
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** @param source how to name the input in messages (a file name) */
    public static Map<String, Object> parse(String text, String source) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String firstLine = body.lines().findFirst().orElse("").strip();
        if (!firstLine.equals(HEADER)) {
            throw CloudInitException.badInput("reading cloud-config failed: " + source + " does not start with '"
                    + HEADER + "' (first line is '" + abbreviate(firstLine) + "'); try adding '" + HEADER
                    + "' as its first line (shell scripts and MIME multi-part user-data cannot be merged)");
        }
        Object parsed;
        try {
            parsed = YamlCodec.load(body);
        } catch (MarkedYAMLException e) {
            throw CloudInitException.badInput("reading cloud-config failed: " + source + " is not valid YAML at line "
                    + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": " + oneLine(e.getProblem())
                    + "; try fixing the indentation or quoting that value");
        } catch (YAMLException e) {
            throw CloudInitException.badInput("reading cloud-config failed: " + source + " is not valid YAML: "
                    + oneLine(e.getMessage()) + "; try checking it with 'cloud-init schema --config-file " + source + "'");
        }
        if (parsed == null) {
            return new LinkedHashMap<>();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw CloudInitException.badInput("reading cloud-config failed: " + source
                    + " must be a mapping of keys (like 'packages:'), not a " + kind(parsed)
                    + "; try 'key: value' lines at the top level");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw CloudInitException.badInput("reading cloud-config failed: " + source + " has a top-level key '"
                        + e.getKey() + "' that is not text; try a key name such as 'runcmd'");
            }
            result.put(key, e.getValue());
        }
        return result;
    }

    private static String kind(Object o) {
        return o instanceof java.util.List ? "list" : "single value";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
