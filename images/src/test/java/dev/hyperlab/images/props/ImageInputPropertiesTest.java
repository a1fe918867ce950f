package dev.hyperlab.images.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.catalog.ChecksumFile;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.format.FormatDetector;
import dev.hyperlab.images.format.Qcow2Validator;
import dev.hyperlab.images.store.ImageStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every parser of user input in the images module, fed anything: it returns a value or throws
 * {@link ImageException} with a one-line message, never anything else.
 */
class ImageInputPropertiesTest {

    private static void oneLine(ImageException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static Gen<String> nameLike() {
        return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 80), Gens.of("abcXYZ019._-/ \u00e9\n\r\t\u0000", 70));
    }

    @Test
    @DisplayName("an image name is lower-case letters, digits, '.', '_' and '-' (at most 63), or it is refused in one line")
    void imageNamesAreValidOrRefused() {
        qt().withExamples(1000).forAll(nameLike()).checkAssert(name -> {
            try {
                assertEquals(name, ImageStore.validName(name));
                assertTrue(name.matches("[a-z0-9][a-z0-9._-]{0,62}"), name);
            } catch (ImageException e) {
                assertEquals(ImageException.Kind.BAD_INPUT, e.kind());
                oneLine(e);
            }
        });
    }

    private static Gen<String> urlLike() {
        Gen<String> tail = Gens.of("ab/:?#%[]@ .\\\"<>{}|^`0-9\n\r", 40);
        return Generate.oneOf(tail.map(t -> "http://" + t), tail.map(t -> "https://" + t), tail,
                strings().allPossible().ofLengthBetween(0, 60));
    }

    @Test
    @DisplayName("an image URL is http(s) with a host, or it is refused in one line")
    void urlsParseOrAreRefused() {
        qt().withExamples(1000).forAll(urlLike()).checkAssert(s -> {
            try {
                URI u = ImagePuller.parseUrl(s);
                assertTrue(u.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("http"), s);
                assertTrue(u.getHost() != null && !u.getHost().isEmpty(), s);
            } catch (ImageException e) {
                assertEquals(ImageException.Kind.BAD_INPUT, e.kind());
                oneLine(e);
            }
        });
    }

    @Test
    @DisplayName("a checksum file parses or is refused in one line")
    void checksumFilesParseOrAreRefused() {
        qt().withExamples(1000).forAll(strings().allPossible().ofLengthBetween(0, 400)).checkAssert(text -> {
            try {
                ChecksumFile.parse(text);
            } catch (ImageException e) {
                oneLine(e);
            }
        });
    }

    @Test
    @DisplayName("format detection takes any header without throwing")
    void formatDetectionNeverThrows() {
        qt().withExamples(1000).forAll(Gens.bytes(600)).checkAssert(FormatDetector::detect);
    }

    @Test
    @DisplayName("the qcow2 header check names a problem or passes, for any bytes")
    void qcow2HeaderCheckNamesAProblemOrPasses() {
        qt().withExamples(300).forAll(Gens.bytes(200)).checkAssert(header -> {
            try {
                Path f = Files.createTempFile("hl-qcow2-prop-", ".bin");
                try {
                    Files.write(f, header);
                    Qcow2Validator.headerProblem(f); // a reason or null; never an exception
                } finally {
                    Files.delete(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
