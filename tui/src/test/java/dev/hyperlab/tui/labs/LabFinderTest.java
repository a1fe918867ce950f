package dev.hyperlab.tui.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the labs view finds lab files, and which YAML files it takes for labs. */
class LabFinderTest {
    @TempDir Path here;
    @TempDir Path config;

    private static final String LAB = "name: %s\nguests:\n  web: {kind: vm}\n";

    private List<String> found(LabFinder f) {
        return f.find().stream().map(e -> e.file().getFileName() + "=" + e.lab().map(l -> l.name()).orElse("invalid"))
                .toList();
    }

    @Test
    @DisplayName("here: hyperlab.yaml (even invalid, with why) and other *.yaml that parse as labs; then the config "
            + "directory's labs/*.yaml, each listed, an invalid one with why")
    void hereThenTheConfigDirectory() throws Exception {
        Files.writeString(here.resolve("hyperlab.yaml"), "guests: {}\n");
        Files.writeString(here.resolve("second.yaml"), LAB.formatted("second"));
        Files.writeString(here.resolve("compose.yaml"), "services:\n  web: {image: nginx}\n");
        Files.writeString(here.resolve("notes.txt"), LAB.formatted("notes"));
        Files.createDirectories(here.resolve("sub"));
        Files.writeString(here.resolve("sub/deeper.yaml"), LAB.formatted("deeper"));
        Path labs = Files.createDirectories(config.resolve("labs"));
        Files.writeString(labs.resolve("kept.yaml"), LAB.formatted("kept"));
        Files.writeString(labs.resolve("typo.yaml"), "name: typo\nguestz: {}\n");

        LabFinder f = new LabFinder(here, labs);
        assertEquals(List.of("hyperlab.yaml=invalid", "second.yaml=second", "kept.yaml=kept", "typo.yaml=invalid"), found(f));
        LabFileEntry typo = f.find().get(3);
        assertTrue(typo.problem().orElseThrow().contains("guestz"), typo.problem().toString());
        assertTrue(f.find().get(0).problem().orElseThrow().startsWith("lab file hyperlab.yaml is invalid"),
                f.find().get(0).problem().toString());
    }

    @Test
    @DisplayName("no directory, no labs; started in the config directory itself, each file once")
    void missingDirectoriesAndTheSameDirectoryTwice() throws Exception {
        assertEquals(List.of(), new LabFinder(here.resolve("nowhere"), config.resolve("labs")).find());
        Files.writeString(here.resolve("kept.yaml"), LAB.formatted("kept"));
        assertEquals(List.of("kept.yaml=kept"), found(new LabFinder(here, here)));
    }
}
