package dev.hyperlab.images.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where hyperlab keeps its data (images, guests' disks, seeds). One rule for the whole program:
 * {@code HYPERLAB_HOME} if set; else {@code /var/lib/hyperlab} when running as root (QEMU, run by
 * libvirt as another user, must be able to read the disks); else {@code $XDG_DATA_HOME/hyperlab},
 * which defaults to {@code ~/.local/share/hyperlab}.
 */
public final class DataDir {
    public static final String ENV = "HYPERLAB_HOME";
    static final Path ROOT_DEFAULT = Path.of("/var/lib/hyperlab");

    private DataDir() {}

    /** The data directory of this process (not created here). */
    public static Path resolve() {
        return resolve(System.getenv(), isRoot(), Path.of(System.getProperty("user.home")));
    }

    /** The rule itself, with its inputs passed in so it can be tested. */
    static Path resolve(Map<String, String> env, boolean root, Path userHome) {
        String home = env.get(ENV);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        if (root) {
            return ROOT_DEFAULT;
        }
        return xdg(env, "XDG_DATA_HOME", userHome, ".local/share");
    }

    /**
     * hyperlab's directory under an XDG base directory: {@code $VARIABLE/hyperlab} when the variable
     * holds an absolute path (the spec ignores relative ones), else {@code ~/FALLBACK/hyperlab}. The
     * one rule for data, config ({@code XDG_CONFIG_HOME}, {@code .config}) and cache files.
     */
    public static Path xdg(Map<String, String> env, String variable, Path userHome, String fallbackBelowHome) {
        String xdg = env.get(variable);
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : userHome.resolve(fallbackBelowHome);
        return base.resolve("hyperlab");
    }

    /** The image store below the data directory. */
    public static Path images() {
        return resolve().resolve("images");
    }

    public static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
