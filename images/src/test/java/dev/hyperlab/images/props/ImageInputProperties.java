package dev.hyperlab.images.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Every parser of user input in the images module, fed anything: it returns a value or throws
 * {@link ImageException} with a one-line message, never anything else.
 */
class ImageInputProperties {

    private static void oneLine(ImageException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Provide
    Arbitrary<String> nameLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("abcXYZ019._-/ \u00e9\n\r\t\u0000").ofMaxLength(70));
    }

    @Property
    void imageNamesAreValidOrRefused(@ForAll("nameLike") String name) {
        try {
            assertEquals(name, ImageStore.validName(name));
            assertTrue(name.matches("[a-z0-9][a-z0-9._-]{0,62}"), name);
        } catch (ImageException e) {
            assertEquals(ImageException.Kind.BAD_INPUT, e.kind());
            oneLine(e);
        }
    }

    @Provide
    Arbitrary<String> urlLike() {
        Arbitrary<String> tail = Arbitraries.strings().withChars("ab/:?#%[]@ .\\\"<>{}|^`0-9\n\r").ofMaxLength(40);
        return Arbitraries.oneOf(tail.map(t -> "http://" + t), tail.map(t -> "https://" + t), tail,
                Arbitraries.strings().ofMaxLength(60));
    }

    @Property
    void urlsParseOrAreRefused(@ForAll("urlLike") String s) {
        try {
            URI u = ImagePuller.parseUrl(s);
            assertTrue(u.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("http"), s);
            assertTrue(u.getHost() != null && !u.getHost().isEmpty(), s);
        } catch (ImageException e) {
            assertEquals(ImageException.Kind.BAD_INPUT, e.kind());
            oneLine(e);
        }
    }

    @Property
    void checksumFilesParseOrAreRefused(@ForAll @Size(max = 400) String text) {
        try {
            ChecksumFile.parse(text);
        } catch (ImageException e) {
            oneLine(e);
        }
    }

    @Property
    void formatDetectionNeverThrows(@ForAll @Size(max = 600) byte[] header) {
        FormatDetector.detect(header);
    }

    @Property(tries = 300)
    void qcow2HeaderCheckNamesAProblemOrPasses(@ForAll @Size(max = 200) byte[] header) throws IOException {
        Path f = Files.createTempFile("hl-qcow2-prop-", ".bin");
        try {
            Files.write(f, header);
            Qcow2Validator.headerProblem(f); // a reason or null; never an exception
        } finally {
            Files.delete(f);
        }
    }
}
