package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.files.WholeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The report formats, and writing one to a file atomically (temp file + move), so no half report is left. */
public enum ReportFormat {
    TEXT(TextReport::render),
    JSON(JsonReport::render),
    CSV(CsvReport::render),
    MARKDOWN(MarkdownReport::render);

    private final Function<CompareSummary, String> renderer;

    ReportFormat(Function<CompareSummary, String> renderer) { this.renderer = renderer; }

    public String render(MeasurementSet set) { return renderer.apply(new CompareSummary(set)); }

    /** Checks before a long run that the report can be written there. */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw HyperlabException.badInput("cannot write report " + file + ": directory " + dir + " is not writable",
                    "try a path in an existing, writable directory");
        }
        if (Files.isDirectory(file)) {
            throw HyperlabException.badInput("cannot write report " + file + ": it is a directory", "try a file name");
        }
    }

    public void write(MeasurementSet set, Path file) {
        try {
            WholeFile.write(file, render(set).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing report " + file + " failed: " + e.getMessage(),
                    "try another path", e);
        }
    }
}
