package dev.hyperlab.images.catalog;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses checksum files as distributions publish them:
 * GNU coreutils style {@code HEX  name} / {@code HEX *name} (sha256sum, sha512sum) and BSD style
 * {@code SHA256 (name) = HEX} (Fedora, Rocky; also inside a PGP clear-signed message). Comment
 * lines and PGP armour are ignored.
 */
public final class ChecksumFile {
    private static final Pattern GNU = Pattern.compile("^([0-9a-fA-F]{64}|[0-9a-fA-F]{128})\\s+[* ]?(.+?)\\s*$");
    private static final Pattern BSD = Pattern.compile("^(SHA256|SHA512|SHA-256|SHA-512)\\s*\\((.+)\\)\\s*=\\s*([0-9a-fA-F]+)\\s*$");

    /** One file's expected digest. */
    public record Entry(String algorithm, String hex) { }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private ChecksumFile() {}

    public static ChecksumFile parse(String text) {
        ChecksumFile f = new ChecksumFile();
        for (String raw : text.split("\\r?\\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = BSD.matcher(line);
            if (m.matches()) {
                String algo = m.group(1).toUpperCase(Locale.ROOT).replace("-", "");
                String hex = m.group(3).toLowerCase(Locale.ROOT);
                if (hex.length() == (algo.equals("SHA256") ? 64 : 128)) {
                    f.entries.put(baseName(m.group(2)), new Entry(algo.equals("SHA256") ? "SHA-256" : "SHA-512", hex));
                }
                continue;
            }
            m = GNU.matcher(line);
            if (m.matches()) {
                String hex = m.group(1).toLowerCase(Locale.ROOT);
                String name = m.group(2).startsWith("*") ? m.group(2).substring(1) : m.group(2);
                f.entries.put(baseName(name), new Entry(hex.length() == 64 ? "SHA-256" : "SHA-512", hex));
            }
        }
        return f;
    }

    /** The expected digest of {@code fileName}, if the file lists it. */
    public Optional<Entry> find(String fileName) {
        return Optional.ofNullable(entries.get(fileName));
    }

    public int size() { return entries.size(); }

    private static String baseName(String name) {
        String n = name.strip();
        if (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
