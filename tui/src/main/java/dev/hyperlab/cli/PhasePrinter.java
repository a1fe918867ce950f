package dev.hyperlab.cli;

import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.io.PrintWriter;

/** Prints steps and boot phases with the elapsed host time; a ticker shows the wait goes on. */
final class PhasePrinter implements VmService.Listener, AutoCloseable {
    private final PrintWriter out;
    private final long t0;
    private final Thread ticker;
    private volatile Phase latest;

    PhasePrinter(PrintWriter out, long t0) {
        this.out = out;
        this.t0 = t0;
        boolean tty = System.console() != null;
        this.ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    if (latest != null && latest != Phase.READY) {
                        synchronized (out) {
                            out.printf(tty ? "\r  ... %-8s %6.1f s" : "  ... %-8s %6.1f s%n",
                                    latest.label(), (System.nanoTime() - t0) / 1e9);
                            out.flush();
                        }
                    }
                    if (!tty) {
                        Thread.sleep(9000); // in logs, one line per ten seconds is plenty
                    }
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "phase-ticker");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override public void step(String what) {
        synchronized (out) {
            out.printf("\r%-40s%n", what);
            out.flush();
        }
    }

    @Override public void phase(BootTimeline t) {
        Phase p = t.latest().orElse(null);
        if (p == null || p == latest) {
            return;
        }
        latest = p;
        synchronized (out) {
            out.printf("\r  %-8s at %6.1f s%n", p.label(), t.at(p).orElseThrow().toMillis() / 1000.0);
            out.flush();
        }
    }

    @Override public void close() { ticker.interrupt(); }
}
