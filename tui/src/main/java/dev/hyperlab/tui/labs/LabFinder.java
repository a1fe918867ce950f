package dev.hyperlab.tui.labs;

import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.labfile.LabFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Where the labs view looks for lab files: the directory hyperlab was started in, as {@code hyperlab up}
 * does, and the {@code labs/} directory beside {@code config.yaml} ({@code $XDG_CONFIG_HOME/hyperlab/labs},
 * default {@code ~/.config/hyperlab/labs}), for labs kept for good.
 *
 * <p>In the working directory, {@code hyperlab.yaml} is listed even when it is invalid (with why), and
 * any other {@code *.yaml} only when it parses as a lab: a Compose file or a CI file beside it is not a
 * lab. In the config directory's {@code labs/} every {@code *.yaml} is meant to be one, so an invalid
 * one is listed with why. Neither is searched below its top.
 */
public final class LabFinder {
    private static final Logger LOG = Logger.getLogger(LabFinder.class.getName());

    private final Path workDir;
    private final Path configLabs;

    public LabFinder(Path workDir, Path configLabs) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.configLabs = configLabs.toAbsolutePath().normalize();
    }

    /** The process's working directory and the user's config directory, as {@code hyperlab up} and {@code config} find them. */
    public static LabFinder forThisProcess() {
        return new LabFinder(Path.of(""), HyperlabConfig.Locations.current().userDir().resolve("labs"));
    }

    public Path workDir() { return workDir; }

    public Path configLabs() { return configLabs; }

    /** Reads and parses what it finds; blocks. Working directory first, then the config directory, each by file name. */
    public List<LabFileEntry> find() {
        List<LabFileEntry> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path f : yamlFiles(workDir)) {
            boolean named = f.getFileName().toString().equals(LabFileParser.DEFAULT_FILE);
            read(f, named).ifPresent(e -> {
                seen.add(f);
                out.add(e);
            });
        }
        for (Path f : yamlFiles(configLabs)) {
            if (!seen.contains(f)) { // started in the config directory itself
                read(f, true).ifPresent(out::add);
            }
        }
        return out;
    }

    /** @param meantAsLab list it with its problem when it does not parse */
    private static java.util.Optional<LabFileEntry> read(Path f, boolean meantAsLab) {
        try {
            return java.util.Optional.of(LabFileEntry.of(LabFileParser.read(f)));
        } catch (HyperlabException e) {
            return meantAsLab ? java.util.Optional.of(LabFileEntry.invalid(f, e.getMessage())) : java.util.Optional.empty();
        } catch (RuntimeException e) { // SnakeYAML's own failures on odd input: not a lab
            LOG.log(Level.FINE, "reading " + f, e);
            return meantAsLab ? java.util.Optional.of(LabFileEntry.invalid(f, "reading lab file " + f + " failed: "
                    + e.getMessage())) : java.util.Optional.empty();
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException e) {
            LOG.log(Level.INFO, "listing " + dir, e);
            return List.of();
        }
    }
}
