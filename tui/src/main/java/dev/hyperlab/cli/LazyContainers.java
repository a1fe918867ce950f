package dev.hyperlab.cli;

import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.Wiring;
import java.util.function.Supplier;

/**
 * The container service of a lab command, connected on first use and closed with the command: a lab
 * of VMs never asks the engine, so it works on a host without Podman.
 */
final class LazyContainers implements Supplier<ContainerService>, AutoCloseable {
    private final Wiring wiring;
    private ContainerService cts;

    LazyContainers(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override public synchronized ContainerService get() {
        if (cts == null) {
            cts = wiring.containers(); // a failure is not kept: the next use tries again
        }
        return cts;
    }

    @Override public synchronized void close() {
        if (cts != null) {
            cts.close();
        }
    }
}
