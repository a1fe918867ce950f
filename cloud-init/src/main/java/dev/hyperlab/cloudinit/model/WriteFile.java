package dev.hyperlab.cloudinit.model;

import java.util.Objects;

/**
 * A file cloud-init writes at first boot.
 *
 * @param path absolute path in the guest
 * @param permissions octal mode as text, e.g. {@code 0644} (text so YAML cannot turn it into 420)
 * @param owner {@code user:group}, or null for root:root
 */
public record WriteFile(String path, String content, String permissions, String owner) {
    public WriteFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    public static WriteFile of(String path, String content) {
        return new WriteFile(path, content, "0644", null);
    }

    public WriteFile withPermissions(String mode) { return new WriteFile(path, content, mode, owner); }
    public WriteFile withOwner(String o) { return new WriteFile(path, content, permissions, o); }
}
