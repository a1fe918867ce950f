package dev.hyperlab.cloudinit.model;

import dev.hyperlab.cloudinit.CloudInitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads SSH public keys: named files, or by default every {@code ~/.ssh/*.pub}. */
public final class SshKeys {
    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)"
                    + " [A-Za-z0-9+/]+={0,3}( .*)?");

    private SshKeys() {}

    /** Every key in {@code ~/.ssh/*.pub} of the user running the tool, sorted by file name; empty if none. */
    public static List<String> defaultKeys() {
        return fromDirectory(Path.of(System.getProperty("user.home"), ".ssh"));
    }

    /** Every key in {@code dir/*.pub}, sorted by file name (so rendering is deterministic). */
    public static List<String> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pub")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw CloudInitException.ioFailure("reading SSH keys failed: cannot list " + dir + ": " + e.getMessage()
                    + "; try --ssh-key FILE", e);
        }
        files.sort(null);
        return fromFiles(files);
    }

    public static List<String> fromFiles(List<Path> files) {
        List<String> keys = new ArrayList<>();
        for (Path f : files) {
            keys.addAll(fromFile(f));
        }
        return keys;
    }

    /** The keys in one file (one per line, {@code #} comments and blank lines skipped). */
    public static List<String> fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CloudInitException.badInput("reading SSH key failed: cannot read " + file + " (" + e.getMessage()
                    + "); try the path of an existing public key such as ~/.ssh/id_ed25519.pub");
        }
        if (text.contains("PRIVATE KEY")) {
            throw CloudInitException.badInput("reading SSH key failed: " + file + " is a PRIVATE key; "
                    + "try the matching public key (" + file.getFileName() + ".pub)");
        }
        List<String> keys = new ArrayList<>();
        for (String line : text.split("\n")) {
            String key = line.strip();
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            if (!isPublicKey(key)) {
                throw CloudInitException.badInput("reading SSH key failed: " + file + " has a line that is not an "
                        + "OpenSSH public key; try a file written by ssh-keygen (e.g. ~/.ssh/id_ed25519.pub)");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw CloudInitException.badInput("reading SSH key failed: " + file + " holds no key; "
                    + "try a file written by ssh-keygen (e.g. ~/.ssh/id_ed25519.pub)");
        }
        return keys;
    }

    public static boolean isPublicKey(String line) {
        return line != null && PUBLIC_KEY.matcher(line).matches();
    }
}
