package dev.hyperlab.tui;

import com.googlecode.lanterna.gui2.AbstractTextGUIThread;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.gui2.TextGUIThreadFactory;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lanterna's {@code SeparateTextGUIThread}, paced: when idle it sleeps up to {@link #IDLE_POLL_MS}
 * instead of 1 ms, and wakes at once when work is posted with {@link #invokeLater}. The stock
 * thread wakes a thousand times a second, which alone costs several percent of a core on a busy
 * host; this one wakes about 20 times (keyboard input is polled, so a key waits at most 50 ms).
 */
final class PacedTextGUIThread extends AbstractTextGUIThread implements AsynchronousTextGUIThread {
    static final long IDLE_POLL_MS = 50;

    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object wake = new Object();
    private volatile State state = State.CREATED;

    static final TextGUIThreadFactory FACTORY = PacedTextGUIThread::new;

    private PacedTextGUIThread(TextGUI gui) {
        super(gui);
        thread = new Thread(this::loop, "LanternaGUI");
    }

    @Override
    public void start() {
        state = State.STARTED;
        thread.start();
    }

    @Override
    public void stop() {
        if (state == State.STARTED) {
            state = State.STOPPING;
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    @Override
    public void waitForStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void waitForStop(long time, TimeUnit unit) throws InterruptedException {
        stopped.await(time, unit);
    }

    @Override
    public State getState() { return state; }

    @Override
    public Thread getThread() { return thread; }

    @Override
    public void invokeLater(Runnable r) throws IllegalStateException {
        if (state != State.STARTED) {
            throw new IllegalStateException("cannot schedule " + r + " on the GUI thread in state " + state);
        }
        super.invokeLater(r);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void loop() {
        try {
            textGUI.updateScreen();
        } catch (IOException e) {
            exceptionHandler.onIOException(e);
        } catch (RuntimeException e) {
            exceptionHandler.onRuntimeException(e);
        }
        while (state == State.STARTED) {
            try {
                if (!processEventsAndUpdate()) {
                    synchronized (wake) {
                        if (customTasks.isEmpty() && state == State.STARTED) {
                            wake.wait(IDLE_POLL_MS);
                        }
                    }
                }
            } catch (EOFException e) {
                stop(); // the terminal went away: close everything so waiters return
                if (textGUI instanceof WindowBasedTextGUI wb) {
                    for (Window w : wb.getWindows()) {
                        w.close();
                    }
                }
            } catch (IOException e) {
                if (exceptionHandler.onIOException(e)) {
                    stop();
                }
            } catch (RuntimeException e) {
                if (exceptionHandler.onRuntimeException(e)) {
                    stop();
                }
            } catch (InterruptedException e) {
                stop();
            }
        }
        state = State.STOPPED;
        stopped.countDown();
    }
}
