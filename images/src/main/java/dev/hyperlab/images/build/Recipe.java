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
