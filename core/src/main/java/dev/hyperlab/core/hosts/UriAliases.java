package dev.hyperlab.core.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt's own {@code uri_aliases} (libvirt.conf: {@code /etc/libvirt/libvirt.conf} for root, else
 * {@code $XDG_CONFIG_HOME/libvirt/libvirt.conf}), so a host added as {@code host add lab2 hail} works
 * as {@code virsh -c hail} does. hyperlab only reads them to check and show the URI; libvirt resolves
 * the alias itself when it connects.
 */
public final class UriAliases {
    public static final UriAliases NONE = new UriAliases(Map.of());

    private static final Pattern LIST = Pattern.compile("(?m)^\\s*uri_aliases\\s*=\\s*\\[(.*?)\\]", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("\"([A-Za-z0-9_.-]+)=([^\"]+)\"");

    private final Map<String, String> aliases;

    UriAliases(Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    /** The aliases libvirt would read for this process; none when the file is missing or unreadable. */
    public static UriAliases forThisProcess() {
        Map<String, String> env = System.getenv();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path file = root ? Path.of("/etc/libvirt/libvirt.conf")
                : Path.of(Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(s -> !s.isBlank())
                        .orElse(System.getProperty("user.home") + "/.config"), "libvirt", "libvirt.conf");
        return read(file);
    }

    public static UriAliases read(Path libvirtConf) {
        try {
            return Files.isRegularFile(libvirtConf) ? parse(Files.readString(libvirtConf)) : NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    static UriAliases parse(String conf) {
        Map<String, String> found = new LinkedHashMap<>();
        // libvirt.conf comments start with '#'; drop them so a commented-out list is not read.
        String text = conf.replaceAll("(?m)#.*$", "");
        Matcher list = LIST.matcher(text);
        if (list.find()) {
            Matcher e = ENTRY.matcher(list.group(1));
            while (e.find()) {
                found.putIfAbsent(e.group(1), e.group(2).strip());
            }
        }
        return new UriAliases(found);
    }

    public Optional<String> resolve(String alias) {
        return Optional.ofNullable(aliases.get(alias));
    }

    public Map<String, String> all() { return aliases; }

    String describe() {
        return aliases.isEmpty() ? " (libvirt.conf defines none)" : " (" + String.join(", ", aliases.keySet()) + ")";
    }
}
