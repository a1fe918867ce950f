package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.model.Phase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleMarkersTest {
    private final ConsoleMarkers m = new ConsoleMarkers("hyperlab-ready iid-x");

    @Test void classifiesLines() {
        assertEquals(Optional.of(Phase.KERNEL), m.classify("[    0.000000] Linux version 6.1.0-27-cloud-amd64\r"));
        assertEquals(Optional.of(Phase.INIT), m.classify("\u001b[0;32mWelcome to \u001b[1mDebian GNU/Linux 12 (bookworm)\u001b[0m!"));
        assertEquals(Optional.of(Phase.INIT), m.classify("[   20.1] systemd[1]: Started foo"));
        assertEquals(Optional.of(Phase.INIT), m.classify("[   40.0] cloud-init[301]: Cloud-init v. 22.4.2 running 'init-local' at ..."));
        assertEquals(Optional.of(Phase.READY), m.classify("hyperlab-ready iid-x\r"));
        assertEquals(Optional.of(Phase.KERNEL), m.classify("hyperlab-ready iid-other"));
        assertEquals(Optional.empty(), m.classify("  \r"));
    }

    @Test void aRestartIsReadyWhenCloudInitSaysItFinishedForRuncmdAndItsMarkerRunOncePerInstance() {
        assertEquals(Optional.of(Phase.READY), m.classify("[   59.065353] cloud-init[332]: Cloud-init v. 22.4.2 finished at "
                + "Tue, 01 Dec 2026 02:04:35 +0000. Datasource DataSourceNoCloud [seed=/dev/vdb][dsmode=net].  Up 58.97 seconds\r"));
        assertEquals(Optional.of(Phase.INIT), m.classify("[   41.2] cloud-init[301]: Cloud-init v. 22.4.2 running 'modules:final' at x"));
    }
}
