package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.ReadySignal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The two layouts a boot timeline is printed in: scripts and tests read them, so they stay as they are. */
class TimelinePrinterTest {
    private static final BootTimeline BOOT = BootTimeline.empty()
            .reached(Phase.CREATED, Duration.ofMillis(200))
            .reached(Phase.STARTED, Duration.ofMillis(1_000))
            .reached(Phase.KERNEL, Duration.ofMillis(3_100))
            .ready(ReadySignal.SERIAL_MARKER, Duration.ofMillis(96_250));

    private static String print(BiConsumer<PrintWriter, BootTimeline> printer, BootTimeline t) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            printer.accept(out, t);
        }
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    @DisplayName("vm: a phase a line, the time since the previous phase, and what defined ready")
    void vmTable() {
        assertEquals("""
                boot timeline (host clock, from the command start):
                  created       0.2 s  (+0.2 s)
                  started       1.0 s  (+0.8 s)
                  kernel        3.1 s  (+2.1 s)
                  ready        96.3 s  (+93.2 s)
                  ready by the readiness marker on the serial console
                """, print(TimelinePrinter::table, BOOT));
        assertEquals("boot timeline: none recorded (start with --wait to record one)\n",
                print(TimelinePrinter::table, BootTimeline.empty()));
    }

    @Test
    @DisplayName("ct: one line, milliseconds shown")
    void containerLine() {
        assertEquals("created 0.200s  started 1.000s  kernel 3.100s  ready 96.250s\n", print(TimelinePrinter::line, BOOT));
    }
}
