package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.data.GuestConsoles;
import dev.hyperlab.tui.data.GuestMaker;
import java.util.function.Supplier;

/**
 * The wizard's system containers and the container output views, through {@link ContainerService}.
 * Each operation opens its own connection to the engine and closes it when done: a boot wait or a
 * followed log must not hold up the list's own connection ({@link ContainerGuestSource}).
 */
public final class ContainerLab implements GuestMaker, GuestConsoles {
    private final Supplier<ContainerService> connector;

    public ContainerLab(Supplier<ContainerService> connector) { this.connector = connector; }

    @Override public GuestKind kind() { return GuestKind.CONTAINER; }

    @Override
    public void check(GuestRecipe recipe) {
        recipe.requireImage();
        try (ContainerService s = connector.get()) {
            s.check(recipe.systemContainer());
        }
    }

    @Override
    public BootTimeline createAndBoot(GuestRecipe recipe, long t0, Progress progress) {
        try (ContainerService s = connector.get()) {
            return s.createAndStart(recipe.systemContainer(),
                    dev.hyperlab.core.lab.ContainerStart.waitingUpTo(GuestRecipe.CONTAINER_TIMEOUT).from(t0)
                            .reporting(progress::step).phases(progress::phase));
        }
    }

    /** The container's output from its start, then followed; the connection closes with the stream. */
    @Override
    public ConsoleStream open(String name) {
        ContainerService s = connector.get();
        try {
            return LogConsole.follow(name, lines -> s.logs(name, true, lines), s);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public String log(String name, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        try (ContainerService s = connector.get(); LogStream logs = s.logs(name, false, line -> {
            synchronized (sb) {
                sb.append(line).append('\n');
            }
        })) {
            logs.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (sb) {
            return LogTail.of(sb.toString(), maxBytes);
        }
    }

    @Override public boolean interactive() { return false; }
}
