package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.vm.ConsoleStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hyperlab vm console NAME}: the serial console on this terminal, keys passed as typed. */
@Command(name = "console", mixinStandardHelpOptions = true, description = "Attach to the serial console (Ctrl-] detaches).")
final class VmConsoleCommand extends VmCommand.Base {
    @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;

    @Override Integer run(VmService svc) throws Exception {
        out().println("connected to " + name + " (Ctrl-] detaches)");
        out().flush();
        try (ConsoleStream c = svc.console(name); RawTerminal raw = RawTerminal.enter()) {
            Thread pump = new Thread(() -> {
                byte[] buf = new byte[4096];
                int n;
                try {
                    while ((n = c.read(buf)) > 0) {
                        System.out.write(buf, 0, n);
                        System.out.flush();
                    }
                } catch (RuntimeException e) {
                    // console closed
                }
            }, "console-out");
            pump.setDaemon(true);
            pump.start();
            InputStream in = System.in;
            byte[] buf = new byte[256];
            int n;
            outer:
            while (pump.isAlive() && (n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0x1d) { // Ctrl-]
                        if (i > 0) {
                            c.write(buf, i);
                        }
                        break outer;
                    }
                }
                c.write(buf, n);
            }
        }
        System.out.println();
        out().println("detached from " + name);
        return 0;
    }

    /** Puts the terminal in raw mode (via stty) so keys go to the guest as typed. */
    static final class RawTerminal implements AutoCloseable {
        private final String saved;

        private RawTerminal(String saved) { this.saved = saved; }

        static RawTerminal enter() {
            if (System.console() == null) {
                return new RawTerminal(null);
            }
            String saved = stty("-g").strip();
            stty("raw", "-echo");
            return new RawTerminal(saved);
        }

        private static String stty(String... args) {
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "stty " + String.join(" ", args) + " < /dev/tty"));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String s = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                return s;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override public void close() {
            if (saved != null && !saved.isEmpty()) {
                stty(saved);
            }
        }
    }
}
