package dev.hyperlab.images.build;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import dev.hyperlab.images.store.Digests;

/**
 * An image recipe kept in the repository under {@code dev/hyperlab/images/build/NAME/}:
 * {@code recipe.properties} (suite, variant, disk size, kernel command line, the list of the other
 * files), {@code packages.txt}, and the hook scripts mmdebstrap runs. Its {@link #hash()} covers
 * every byte of every file plus the builder's own version, so changing any of them rebuilds.
 */
public final class Recipe {
    /** Bump when the build steps in {@link ImageBuilder} change in a way that changes the output. */
    static final String BUILDER_VERSION = "1";
    private static final String BASE = "/dev/hyperlab/images/build/";

    private final String name;
    private final Map<String, byte[]> files;
    private final Properties props = new Properties();

    private Recipe(String name, Map<String, byte[]> files) {
        this.name = name;
        this.files = files;
        try {
            props.load(new StringReader(new String(files.get("recipe.properties"), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a recipe shipped with hyperlab, e.g. "debian-12". */
    public static Recipe load(String name) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] main = resource(name, "recipe.properties");
        if (main == null) {
            throw ImageException.badInput("unknown image recipe '" + name + "'; try hyperlab image build "
                    + DefaultImage.NAME);
        }
        files.put("recipe.properties", main);
        Recipe probe = new Recipe(name, files);
        for (String f : probe.property("files").split(",")) {
            byte[] content = resource(name, f.strip());
            if (content == null) {
                throw new IllegalStateException("recipe " + name + " lists missing file " + f);
            }
            files.put(f.strip(), content);
        }
        return new Recipe(name, files);
    }

    /** Image names a recipe may give itself: what the store accepts as a name. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final java.util.regex.Pattern FILE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final java.util.regex.Pattern SUITE = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final List<String> VARIANTS = List.of("extract", "custom", "essential", "apt", "required", "minbase",
            "buildd", "important", "debootstrap", "standard");
    /** Files every recipe has, beside recipe.properties: the build runs both hooks and reads the list. */
    private static final List<String> REQUIRED = List.of("packages.txt", "essential.sh", "customize.sh");

    /**
     * Loads a recipe from a directory of the same shape as the shipped ones ({@code image build
     * --recipe DIR}): another suite or distribution, e.g. Debian 13, or Ubuntu from a mirror the
     * user has. Everything is checked before anything is built: the properties, that every listed
     * file is a plain name inside the directory and exists, the suite, the variant, the disk size
     * and the mirror.
     */
    public static Recipe fromDirectory(Path dir) {
        Path props = dir.resolve("recipe.properties");
        if (!Files.isDirectory(dir)) {
            throw ImageException.badInput("recipe directory " + dir + " does not exist; try a directory with recipe.properties, "
                    + "packages.txt, essential.sh and customize.sh (like images/recipes/debian-13)");
        }
        if (!Files.isRegularFile(props)) {
            throw ImageException.badInput("recipe directory " + dir + " has no recipe.properties; try copying "
                    + "images/recipes/debian-13 and changing it");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("recipe.properties", read(props));
        Recipe probe = new Recipe("?", files);
        String name = probe.props.getProperty("name", "").strip();
        if (!NAME.matcher(name).matches()) {
            throw ImageException.badInput("recipe " + props + ": bad name '" + name + "'; try lower-case letters, digits, "
                    + "'.', '_' and '-', e.g. name=debian-13");
        }
        String listed = probe.props.getProperty("files", "");
        List<String> names = new ArrayList<>();
        for (String f : listed.split(",")) {
            if (!f.isBlank()) {
                names.add(f.strip());
            }
        }
        for (String f : REQUIRED) {
            if (!names.contains(f)) {
                throw ImageException.badInput("recipe " + props + ": files= must list " + f + "; try files="
                        + String.join(",", REQUIRED));
            }
        }
        for (String f : names) {
            if (!FILE.matcher(f).matches() || f.equals("recipe.properties")) {
                throw ImageException.badInput("recipe " + props + ": bad file name '" + f + "' in files=; try plain names of "
                        + "files in the recipe directory");
            }
            Path file = dir.resolve(f);
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw ImageException.badInput("recipe " + props + " lists " + f + ", which is not a file in " + dir
                        + "; try adding it or removing it from files=");
            }
            files.put(f, read(file));
        }
        Recipe r = new Recipe(name, files);
        r.check(props);
        return r;
    }

    /** The values a build passes to mmdebstrap and mkfs, checked so that a typo fails here, not half-way. */
    private void check(Path where) {
        for (String key : List.of("suite", "variant", "disk.size", "kernel.cmdline")) {
            if (props.getProperty(key, "").isBlank()) {
                throw ImageException.badInput("recipe " + where + " lacks " + key + "; try the keys of images/recipes/debian-13");
            }
        }
        if (!SUITE.matcher(suite()).matches()) {
            throw ImageException.badInput("recipe " + where + ": bad suite '" + suite() + "'; try a suite name such as trixie");
        }
        if (!VARIANTS.contains(variant())) {
            throw ImageException.badInput("recipe " + where + ": bad variant '" + variant() + "'; try one of "
                    + String.join(", ", VARIANTS));
        }
        long size;
        try {
            size = diskSize();
        } catch (RuntimeException e) {
            throw ImageException.badInput("recipe " + where + ": bad disk.size '" + props.getProperty("disk.size").strip()
                    + "'; try 4G");
        }
        if (size < (512L << 20) || size > (1L << 40)) {
            throw ImageException.badInput("recipe " + where + ": disk.size must be 512M to 1024G; try 4G");
        }
        mirror().ifPresent(m -> {
            if (!m.matches("(https?|file)://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")) {
                throw ImageException.badInput("recipe " + where + ": bad mirror '" + m + "'; try http://deb.debian.org/debian");
            }
        });
        if (packages().isEmpty()) {
            throw ImageException.badInput("recipe " + where + ": packages.txt lists no package; try the list of "
                    + "images/recipes/debian-13");
        }
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > (1L << 20)) {
                throw ImageException.badInput("recipe file " + file + " is larger than 1 MiB; try a smaller file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ImageException.badInput("recipe file " + file + " cannot be read: " + e.getMessage() + "; try a readable file");
        }
    }

    /**
     * The mirror mmdebstrap fetches the suite from; empty for the host's own apt sources (the shipped
     * recipe's way: it builds the host's release wherever the host gets its packages).
     */
    public java.util.Optional<String> mirror() {
        String m = props.getProperty("mirror", "").strip();
        return m.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(m);
    }

    private static byte[] resource(String recipe, String file) {
        try (InputStream in = Recipe.class.getResourceAsStream(BASE + recipe + "/" + file)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() { return name; }

    public String suite() { return property("suite"); }

    public String variant() { return property("variant"); }

    public String kernelCmdline() { return property("kernel.cmdline"); }

    /** Size of the root filesystem in bytes ("4G", "512M" or a plain byte count). */
    public long diskSize() {
        String v = property("disk.size").toUpperCase(java.util.Locale.ROOT);
        long unit = switch (v.charAt(v.length() - 1)) {
            case 'G' -> 1L << 30;
            case 'M' -> 1L << 20;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
    }

    /** The packages installed on top of the variant, in file order. */
    public List<String> packages() {
        List<String> out = new ArrayList<>();
        for (String line : text("packages.txt").split("\n")) {
            String p = line.replaceAll("#.*", "").strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    public String text(String file) {
        return new String(files.get(file), StandardCharsets.UTF_8);
    }

    /** SHA-256 over the builder version and every file (name and content), as hex. */
    public String hash() {
        MessageDigest md = Digests.newDigest("SHA-256");
        md.update(("builder=" + BUILDER_VERSION + "\0").getBytes(StandardCharsets.UTF_8));
        files.keySet().stream().sorted().forEach(f -> {
            md.update((f + "\0" + files.get(f).length + "\0").getBytes(StandardCharsets.UTF_8));
            md.update(files.get(f));
        });
        return HexFormat.of().formatHex(md.digest());
    }

    /** Writes the recipe's files into {@code dir} (scripts executable) for mmdebstrap's hooks. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.write(f, e.getValue());
            if (e.getKey().endsWith(".sh")) {
                f.toFile().setExecutable(true);
            }
        }
    }

    private String property(String key) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("recipe " + name + " lacks " + key);
        }
        return v.strip();
    }
}
