package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizeConverterTest {
    private final SizeConverter c = new SizeConverter();

    @Test
    void binaryUnits() {
        assertEquals(512L << 20, c.convert("512M"));
        assertEquals(1L << 30, c.convert("1G"));
        assertEquals(3L << 29, c.convert("1.5GiB"));
        assertEquals(4096L, c.convert("4k"));
        assertEquals(1000L, c.convert("1000"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("lots"));
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("-1G"));
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("G"));
    }
}
