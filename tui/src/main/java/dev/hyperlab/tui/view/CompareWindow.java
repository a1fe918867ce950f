package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.report.BootRaceView;
import dev.hyperlab.core.compare.report.TextReport;
import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.tui.compare.CompareJob;
import dev.hyperlab.tui.compare.RaceState;
import dev.hyperlab.tui.compare.RaceState.Stage;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The compare view ({@code b} or {@code :compare}): a VM and a system container race from the same
 * image and cloud-init, drawn as bars growing per phase, side by side, on the host clock; then the
 * tables {@code hyperlab compare} prints, laid out for the terminal's width. Esc during a run asks,
 * then cancels it, which removes every guest it made. Runs on the GUI thread; the run itself is
 * {@link CompareJob}'s.
 */
final class CompareWindow extends FullScreenWindow {
    private final CompareJob job;
    private final LongSupplier clock;
    private final LinesView header = new LinesView(1).colors(null, null, true);
    private final ReflowView body = new ReflowView(0);
    private final LinesView footer = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, false);
    private RaceState state;

    CompareWindow(CompareJob job, LongSupplier clock) {
        super("compare");
        this.job = job;
        this.clock = clock;
        setParts(header, body, footer);
        body.setContent(this::bodyLines);
        footer.setLines(List.of(KeyMap.footer(Context.COMPARE)));
        apply(job.state());
    }

    /** A new state of the run. */
    void apply(RaceState s) {
        boolean finished = state != null && state.active() && !s.active();
        state = s;
        if (finished) {
            body.scrollTo(0);
        }
        tick();
    }

    /** Redraws what depends on the clock: the growing bar, elapsed times. */
    void tick() {
        String what = racers();
        header.setLines(List.of("Compare: " + what + ", image " + job.image()));
        header.setRight(" " + stageText());
        footer.setRight(" benchmarks " + (state.benchmarks() ? "on" : "off"));
        body.refresh();
    }

    private static String racers() {
        List<String> t = new ArrayList<>();
        SideBySideRun.RACERS.forEach(k -> t.add(k.title()));
        return String.join(" vs ", t);
    }

    private String stageText() {
        String accel = state.meta().map(m -> m.accelerator().label().toUpperCase(Locale.ROOT) + "  ").orElse("");
        long end = state.end().orElse(clock.getAsLong());
        String race = state.raceStart().isEmpty() ? ""
                : " " + Formats.duration(Duration.ofNanos(Math.max(0, end - state.raceStart().getAsLong())));
        return accel + switch (state.stage()) {
            case IDLE -> "ready to start";
            case PREPARING -> "preparing";
            case RUNNING -> "running" + race;
            case CANCELLING -> "cancelling";
            case DONE -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }

    private List<String> bodyLines(int width) {
        List<String> out = new ArrayList<>();
        if (state.stage() == Stage.IDLE) {
            intro(out, width);
            return out;
        }
        if (state.stage() != Stage.DONE) {
            state.meta().ifPresent(m -> accelerator(out, m, width));
        }
        if (state.raceStart().isPresent()) {
            out.addAll(BootRaceView.bars(state.timelines(), state.raceClock(clock.getAsLong()), width));
        } else {
            out.add("the race has not started yet");
        }
        out.add("");
        if (state.stage() == Stage.DONE && state.result().isPresent()) {
            out.addAll(TextReport.render(state.result().get(), width).lines().toList());
            out.add("");
            out.add("Enter runs it again; Esc goes back.");
            return out;
        }
        List<String> steps = state.steps();
        for (int i = 0; i < steps.size(); i++) {
            boolean last = i == steps.size() - 1;
            out.addAll(MessageWindow.wrap((last && state.active() ? "> " : "  ") + steps.get(i), width));
        }
        if (state.stage() == Stage.FAILED) {
            out.add("");
            out.addAll(MessageWindow.wrap("failed: " + state.message(), width));
        }
        if (!state.active()) {
            out.add("");
            out.add("Enter runs it again; Esc goes back.");
        }
        return out;
    }

    private static void accelerator(List<String> out, ReportMeta m, int width) {
        out.addAll(MessageWindow.wrap("Accelerator: " + m.accelerator().label().toUpperCase(Locale.ROOT)
                + " (" + m.acceleratorReason() + ")", width));
        if (m.accelerator() == Accelerator.TCG) {
            out.addAll(MessageWindow.wrap("NOTE: " + ReportMeta.TCG_DISCLAIMER, width));
        }
        out.add("");
    }

    private void intro(List<String> out, int width) {
        List<String> kinds = new ArrayList<>();
        for (Subject k : SideBySideRun.RACERS) {
            kinds.add(k.title());
        }
        String text = "Starts a " + String.join(" and a ", kinds) + " at the same moment from the image " + job.image()
                + " with the same cloud-init, and draws each one's boot phases as bars while they are reached, timed "
                + "on the host clock. Then it measures what each costs - memory, disk, isolation and, with benchmarks "
                + "on, CPU and disk speed against the bare host - and shows the tables of 'hyperlab compare'. Both "
                + "guests are removed at the end, and when you cancel.\n\n"
                + "Without hardware virtualization the VM runs under TCG emulation and needs about two minutes to be "
                + "ready; the report then says its figures are emulation figures.\n\n"
                + "Benchmarks: " + (state.benchmarks() ? "on (quick sysbench and fio runs; o turns them off)"
                : "off (o turns them on)") + "\n\n"
                + "Press Enter to start.";
        out.addAll(MessageWindow.wrap(text, width));
    }

    // ---- keys ---------------------------------------------------------------------------------

    @Override
    public boolean handleInput(KeyStroke key) {
        KeyMap.lookup(Context.COMPARE, key).ifPresent(this::run);
        return true;
    }

    void run(Action a) {
        switch (a) {
            case HELP -> showHelp();
            case RUN_COMPARE -> {
                if (job.start()) {
                    body.scrollTo(0);
                }
            }
            case TOGGLE_BENCHMARKS -> job.toggleBenchmarks();
            case BACK -> {
                if (state.active()) {
                    if (state.stage() != Stage.CANCELLING) {
                        getTextGUI().addWindow(new ConfirmWindow("Cancel the comparison", "Cancel the comparison? "
                                + "Every guest it made, or is still making, is removed.", cols(), job::cancel));
                    }
                } else {
                    close();
                }
            }
            case MOVE_UP -> body.scroll(-1);
            case MOVE_DOWN -> body.scroll(1);
            case PAGE_UP -> body.scroll(-(body.visibleRows() - 1));
            case PAGE_DOWN -> body.scroll(body.visibleRows() - 1);
            case MOVE_TOP -> body.scrollTo(0);
            case MOVE_BOTTOM -> body.scrollTo(Integer.MAX_VALUE / 2);
            default -> { }
        }
    }
}
