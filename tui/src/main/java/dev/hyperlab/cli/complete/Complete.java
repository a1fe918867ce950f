package dev.hyperlab.cli.complete;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code hyperlab __complete KIND [ARGS...]}: the live names the shell completion asks for, one per
 * line, as cobra's {@code __complete} answers. Main calls it before picocli builds its command
 * model, so a TAB costs a JVM start and a small file read (docs/benchmarks.md). It never prints an
 * error: a daemon that does not answer means no candidates.
 */
public final class Complete {
    public static final String COMMAND = "__complete";
    static final String REFRESH = "--refresh";

    private Complete() {}

    public static int run(String[] args, PrintStream out) {
        if (args.length == 2 && args[1].equals(REFRESH)) {
            refresh(NameCache.forUser());
            return 0;
        }
        Optional<NameKind> kind = args.length < 2 ? Optional.empty() : NameKind.of(args[1]);
        if (kind.isEmpty()) {
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        names(kind.get(), rest, NameCache.forUser()).forEach(out::println);
        out.flush();
        return 0;
    }

    static List<String> names(NameKind kind, List<String> args, NameCache cache) {
        try {
            String scope = scope(kind);
            String file = kind.word() + (kind == NameKind.SNAPSHOT && !args.isEmpty() ? "-" + args.get(0).replaceAll("[^A-Za-z0-9_.-]", "_") : "");
            Instant now = Instant.now();
            Optional<NameCache.Cached> cached = cache.read(file, scope, now);
            if (cached.isPresent()) {
                if (cached.get().stale()) {
                    cache.touch(file, now);
                    startRefresh();
                }
                return cached.get().names();
            }
            List<String> live = LiveNames.of(kind, args);
            cache.write(file, scope, live);
            return live;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** What the names depend on besides the kind: the libvirt URI, the engine. */
    private static String scope(NameKind kind) {
        HyperlabConfig c = HyperlabConfig.load();
        return switch (kind) {
            case VM, SNAPSHOT -> c.get(ConfigKey.CONNECT).orElse("");
            case CONTAINER -> c.get(ConfigKey.ENGINE).orElse("auto");
            case IMAGE -> dev.hyperlab.images.store.DataDir.resolve().toString();
            case HOST -> c.locations().userDir().toString();
        };
    }

    /** Asks libvirt, the engine and the store again for every kind but snapshots (those are per VM: just forgotten). */
    static void refresh(NameCache cache) {
        cache.clear();
        for (NameKind k : List.of(NameKind.VM, NameKind.CONTAINER, NameKind.IMAGE)) {
            names(k, List.of(), cache);
        }
    }

    /**
     * After a command that may have changed guests or images: forget the names, and fill the cache
     * again in a process of its own that outlives this one, so the next TAB finds them.
     */
    /** The refresh process's entry point (its own, so this package does not depend on the CLI's Main). */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static void namesChanged() {
        NameCache.forUser().clear();
        startRefresh();
    }

    private static void startRefresh() {
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"), Complete.class.getName(), COMMAND, REFRESH)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (java.io.IOException | RuntimeException e) {
            // the next TAB asks live instead
        }
    }
}
