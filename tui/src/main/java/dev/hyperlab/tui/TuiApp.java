package dev.hyperlab.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.hyperlab.core.lab.GuestImageUsage;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.tui.compare.LabCompareBackend;
import dev.hyperlab.tui.data.CompositeGuestSource;
import dev.hyperlab.tui.data.lab.ContainerGuestSource;
import dev.hyperlab.tui.data.libvirt.LibvirtGuestSource;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.images.DefaultBuild;
import dev.hyperlab.tui.images.StoreImagesBackend;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/** Runs the TUI on the process's terminal until the user quits. */
public final class TuiApp {
    private TuiApp() {}

    /** @return the exit code */
    public static int run(String libvirtUri, Path dataDir) throws IOException, InterruptedException {
        // The terminal keeps the real stdout; TuiLog then points System.out/err at the log file.
        // Force a text terminal: never open Lanterna's Swing emulator, even with a DISPLAY.
        Terminal terminal = new DefaultTerminalFactory(System.out, System.in, Charset.defaultCharset())
                .setForceTextTerminal(true).createTerminal();
        try (TuiLog log = TuiLog.open(dataDir.resolve("logs"));
             CompositeGuestSource source = new CompositeGuestSource(new LibvirtGuestSource(libvirtUri),
                     ContainerGuestSource.connectDefault())) {
            ViewServices services = new ViewServices(
                    new StoreImagesBackend(dataDir.resolve("images"), Catalog.builtIn(),
                            () -> GuestImageUsage.connect(libvirtUri), DefaultBuild.standard()),
                    new LabCompareBackend(libvirtUri));
            try (TuiSession session = TuiSession.start(terminal, source, source,
                    () -> HostInfoProbe.probe(libvirtUri, dataDir), services, System::nanoTime)) {
                session.awaitQuit();
            } finally {
                terminal.close();
            }
        }
        return 0;
    }
}
