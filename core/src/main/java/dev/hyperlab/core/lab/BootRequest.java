package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@link BootWatcher#start} is asked to do. Made by {@link #of} and the {@code with…}-style
 * methods below; whatever is not set asks for the least: start without waiting, no other readiness
 * signal than the console, no console log to fall back on, nobody told, not cancellable.
 *
 * @param name        the domain to start
 * @param t0          the nano-clock at the user's command start: every phase is an offset from it
 * @param before      the timeline so far (CREATED, when the domain was just made)
 * @param awaitReady  follow the console until READY or {@code timeout}
 * @param readyLine   the readiness marker's line on the serial console (only read when waiting)
 * @param timeout     how long a wait may take, from {@code t0}
 * @param signals     what beside the console may say the guest is ready
 * @param consoleLog  the file the serial port is also logged to, when it is on this host: the watch
 *                    goes on there when another client takes the console or libvirtd restarts
 * @param onChange    receives the timeline each time a phase is reached (on the reader thread)
 * @param consoleSink receives every console line
 * @param cancel      ends the wait within {@link BootWatcher#POLL}, leaving the domain running
 */
public record BootRequest(String name, long t0, BootTimeline before, boolean awaitReady, String readyLine, Duration timeout,
                          BootWatcher.Signals signals, Optional<Path> consoleLog, Consumer<BootTimeline> onChange,
                          Consumer<String> consoleSink, Cancellation cancel) {

    /** Start {@code name}, timed from {@code t0}, without waiting. */
    public static BootRequest of(String name, long t0) {
        return new BootRequest(name, t0, BootTimeline.empty(), false, "", Duration.ZERO,
                new BootWatcher.Signals(Optional.empty(), false, false), Optional.empty(), t -> { }, l -> { },
                Cancellation.NONE);
    }

    /** Goes on from the timeline {@code sofar}. */
    public BootRequest after(BootTimeline sofar) {
        return new BootRequest(name, t0, sofar, awaitReady, readyLine, timeout, signals, consoleLog, onChange, consoleSink, cancel);
    }

    /** Waits up to {@code timeout} for READY, which the console shows as {@code line}. */
    public BootRequest awaiting(String line, Duration upTo) {
        return new BootRequest(name, t0, before, true, line, upTo, signals, consoleLog, onChange, consoleSink, cancel);
    }

    public BootRequest withSignals(BootWatcher.Signals s) {
        return new BootRequest(name, t0, before, awaitReady, readyLine, timeout, s, consoleLog, onChange, consoleSink, cancel);
    }

    public BootRequest withConsoleLog(Optional<Path> log) {
        return new BootRequest(name, t0, before, awaitReady, readyLine, timeout, signals, log, onChange, consoleSink, cancel);
    }

    public BootRequest reporting(Consumer<BootTimeline> phases) {
        return new BootRequest(name, t0, before, awaitReady, readyLine, timeout, signals, consoleLog, phases, consoleSink, cancel);
    }

    public BootRequest echoing(Consumer<String> lines) {
        return new BootRequest(name, t0, before, awaitReady, readyLine, timeout, signals, consoleLog, onChange, lines, cancel);
    }

    public BootRequest cancelledBy(Cancellation c) {
        return new BootRequest(name, t0, before, awaitReady, readyLine, timeout, signals, consoleLog, onChange, consoleSink, c);
    }
}
