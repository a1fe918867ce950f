package dev.hyperlab.core.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

class JsonReportReaderTest {
    @Test
    void roundTripRendersTheSameInEveryFormat() {
        MeasurementSet original = RecordedMeasurements.set();
        MeasurementSet back = JsonReportReader.read(ReportFormat.JSON.render(original));
        for (ReportFormat f : ReportFormat.values()) {
            assertEquals(f.render(original), f.render(back), f.name());
        }
        assertEquals(original.boots(), back.boots());
        assertEquals(original.memory(), back.memory());
        assertEquals(original.meta(), back.meta());
    }

    @Test
    void foreignJsonIsRejectedAsBadInput() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> JsonReportReader.read("{\"schema\":\"x\"}"));
        assertTrue(e.isUsageError());
        assertThrows(HyperlabException.class, () -> JsonReportReader.read("not json"));
    }
}
