package dev.hyperlab.core.labrun;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileException;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.vm.Hypervisor;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up's port check against the host, and the ports the lab's own forwarder holds. */
class LabPreflightPortsTest {
    @TempDir Path data;

    /** A hypervisor that knows no domain: only {@code find} is asked. */
    private static final Hypervisor NO_DOMAINS = (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
            new Class<?>[] {Hypervisor.class}, (p, m, a) -> {
                if (m.getName().equals("find")) {
                    return Optional.empty();
                }
                throw new UnsupportedOperationException(m.getName());
            });

    @Test
    @DisplayName("a host port in use is refused, unless this lab's own forwarder holds it (a second up keeps or restarts it)")
    void ownForwarderPortsAreNotTaken() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            LabFile lab = LabFileParser.parse("name: l\nnetworks:\n  lan: {}\nguests:\n  web:\n    kind: vm\n"
                    + "    networks: [lan]\n    ports: ['127.0.0.1:" + port + ":22']\n", data.resolve("hyperlab.yaml"));
            LabPreflight preflight = new LabPreflight(new LabStates(data), i -> true, () -> {
                throw new HyperlabException(ErrorCode.UNAVAILABLE, "no engine", null);
            }, t -> java.util.Optional.empty());
            LabFileException e = assertThrows(LabFileException.class, () -> preflight.check(lab, null, NO_DOMAINS, Set.of()));
            assertTrue(e.getMessage().contains("host port 127.0.0.1:" + port + " is already in use"), e.getMessage());
            assertDoesNotThrow(() -> preflight.check(lab, null, NO_DOMAINS, Set.of(port)));
        }
    }
}
