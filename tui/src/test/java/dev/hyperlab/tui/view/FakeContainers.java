package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.ScriptedConsole;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestActions;
import dev.hyperlab.tui.data.GuestConsoles;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestMaker;
import dev.hyperlab.tui.data.GuestSample;
import dev.hyperlab.tui.data.GuestSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A test double of the container side, at the TUI's narrow ports, for tests that need no Podman:
 * the test decides when each boot phase is reached ({@link #reach}) or that the boot fails, and
 * what a container's output and logs say. Created containers appear in its listing.
 */
final class FakeContainers implements GuestSource, GuestActions, GuestMaker, GuestConsoles {
    private final Map<String, GuestSummary> rows = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> script = new LinkedBlockingQueue<>();
    final List<GuestRecipe> created = new CopyOnWriteArrayList<>();
    final Map<String, ScriptedConsole> outputs = new ConcurrentHashMap<>();
    final Map<String, String> logs = new ConcurrentHashMap<>();
    volatile String refusal;

    /** A container in the list, as if created earlier. */
    void add(String name, GuestState state) {
        rows.put(name, new GuestSummary(GuestKind.CONTAINER, name, state, 1, 256L << 20, "debian-12",
                BootTimeline.empty(), Optional.empty()));
    }

    /** The boot in progress reaches {@code p} now. */
    void reach(Phase p) { script.add(p); }

    /** The boot in progress fails with this message. */
    void fail(String message) { script.add(new HyperlabException(ErrorCode.TIMEOUT, message, "try a longer wait")); }

    // ---- GuestMaker

    @Override public GuestKind kind() { return GuestKind.CONTAINER; }

    @Override
    public void check(GuestRecipe recipe) {
        if (refusal != null) {
            throw HyperlabException.badInput(refusal, "try another");
        }
    }

    @Override
    public BootTimeline createAndBoot(GuestRecipe recipe, long t0, Progress progress) {
        created.add(recipe);
        progress.step("importing the image into the engine");
        BootTimeline t = BootTimeline.empty();
        try {
            while (true) {
                Object next = script.take();
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                Phase p = (Phase) next;
                t = t.reached(p, Duration.ofNanos(System.nanoTime() - t0));
                if (p == Phase.CREATED) {
                    add(recipe.name(), GuestState.STOPPED);
                } else if (p == Phase.STARTED) {
                    add(recipe.name(), GuestState.RUNNING);
                }
                progress.phase(t);
                if (p == Phase.READY) {
                    return t;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- GuestConsoles

    @Override
    public ConsoleStream open(String name) {
        ScriptedConsole c = new ScriptedConsole();
        outputs.put(name, c);
        return c;
    }

    @Override
    public String log(String name, int maxBytes) {
        String l = logs.get(name);
        if (l == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "container " + name + " not found", "try `hyperlab ct list`");
        }
        return l;
    }

    @Override public boolean interactive() { return false; }

    // ---- GuestSource and GuestActions

    @Override
    public Fetch fetch() {
        List<GuestSummary> guests = new ArrayList<>(rows.values());
        Map<GuestKey, GuestSample> samples = new HashMap<>();
        for (GuestSummary g : guests) {
            samples.put(new GuestKey(GuestKind.CONTAINER, g.name()), new GuestSample(-1, Optional.empty()));
        }
        return new Fetch(guests, samples, System.nanoTime());
    }

    @Override public List<Field> details(GuestKey key) { return List.of(new Field("fake", "yes")); }

    @Override public AutoCloseable subscribe(Runnable onChange) { return () -> { }; }

    @Override public String describe() { return "fake engine"; }

    @Override public void close() { }

    @Override public void start(GuestKey key) { add(key.name(), GuestState.RUNNING); }

    @Override public void stop(GuestKey key) { add(key.name(), GuestState.STOPPED); }

    @Override public void destroy(GuestKey key) { add(key.name(), GuestState.STOPPED); }

    @Override public void remove(GuestKey key) { rows.remove(key.name()); }
}
