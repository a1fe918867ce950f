package dev.hyperlab.core.lab;

import dev.hyperlab.core.vm.ScriptedConsole;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@link FakeHypervisor}'s serial consoles: a {@link ScriptedConsole} per open, which the test speaks
 * for. As libvirt's FORCE open, an open takes the console from the reader before (its stream ends).
 */
final class FakeConsoles {
    private final Map<String, List<ScriptedConsole>> byDomain = new ConcurrentHashMap<>();
    private final Map<String, Integer> opens = new ConcurrentHashMap<>();

    ScriptedConsole open(String domain) {
        ScriptedConsole c = new ScriptedConsole();
        List<ScriptedConsole> open = byDomain.computeIfAbsent(domain, n -> new CopyOnWriteArrayList<>());
        open.forEach(ScriptedConsole::close);
        open.add(c);
        opens.merge(domain, 1, Integer::sum);
        return c;
    }

    /** The domain stopped: every reader's stream ends. */
    void closeAll(String domain) { byDomain.getOrDefault(domain, List.of()).forEach(ScriptedConsole::close); }

    /** The console last opened for {@code domain}, waiting up to 20 s for someone to open it. */
    ScriptedConsole last(String domain) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            List<ScriptedConsole> open = byDomain.getOrDefault(domain, List.of());
            if (!open.isEmpty() && !open.get(open.size() - 1).isClosed()) {
                return open.get(open.size() - 1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nobody opened the console of " + domain + " in 20 s");
    }

    int opens(String domain) { return opens.getOrDefault(domain, 0); }
}
