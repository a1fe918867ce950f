package dev.hyperlab.core.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {
    @Test
    void writesEachFormatAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
        for (ReportFormat f : ReportFormat.values()) {
            Path out = dir.resolve("report." + f.name().toLowerCase());
            ReportFormat.checkWritable(out);
            f.write(RecordedMeasurements.set(), out);
            assertEquals(f.render(RecordedMeasurements.set()), Files.readString(out));
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("report.csv", "report.json", "report.markdown", "report.text"), names);
        }
    }

    @Test
    void badTargetsAreRejectedBeforeTheRun(@TempDir Path dir) {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> ReportFormat.checkWritable(dir.resolve("missing/report.md")));
        assertTrue(e.isUsageError());
        assertThrows(HyperlabException.class, () -> ReportFormat.checkWritable(dir));
    }
}
