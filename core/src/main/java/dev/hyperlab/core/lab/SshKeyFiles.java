package dev.hyperlab.core.lab;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SSH public key files a guest's login user gets: read and checked the same way for VMs and
 * system containers, so "both" from the TUI wizard gives two guests with the same keys.
 */
public final class SshKeyFiles {
    private static final String PUBLIC_KEY = "(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\\d+|sk-\\S+) [A-Za-z0-9+/=]+.*";

    private SshKeyFiles() {}

    /**
     * The {@code ssh-keys} of config.yaml (or $HYPERLAB_SSH_KEYS) when set, else the user's
     * {@code ~/.ssh/*.pub} files, sorted by name; empty when there are none.
     */
    public static List<Path> defaults() {
        String home = System.getProperty("user.home");
        return HyperlabConfig.load().lookup(ConfigKey.SSH_KEYS)
                .map(v -> v.items().stream().map(f -> f.startsWith("~/") ? Path.of(home, f.substring(2)) : Path.of(f)).toList())
                .orElseGet(() -> in(Path.of(home, ".ssh")));
    }

    /** The {@code *.pub} files in {@code dir}, sorted by name; empty when there is no such directory. */
    public static List<Path> in(Path dir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pub")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            return List.of(); // an unreadable ~/.ssh is the same as none: the user may type a path
        }
        files.sort(null);
        return files;
    }

    /** The keys in {@code files}, one per non-blank, non-comment line; BAD_INPUT when a file is not a public key. */
    public static List<String> read(List<Path> files) {
        List<String> keys = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f).strip();
            } catch (IOException e) {
                throw HyperlabException.badInput("SSH key file " + f + " cannot be read: " + e.getMessage(),
                        "try the .pub file, e.g. ~/.ssh/id_ed25519.pub");
            }
            if (text.contains("PRIVATE KEY")) {
                throw HyperlabException.badInput("SSH key file " + f + " holds a private key",
                        "try the matching .pub file");
            }
            for (String line : text.split("\n")) {
                String k = line.strip();
                if (k.isEmpty() || k.startsWith("#")) {
                    continue;
                }
                if (!k.matches(PUBLIC_KEY)) {
                    throw HyperlabException.badInput("SSH key file " + f + " does not hold a public key",
                            "try the .pub file, e.g. ~/.ssh/id_ed25519.pub");
                }
                keys.add(k);
            }
        }
        return keys;
    }
}
