package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.vm.MigrationRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a migrated domain's definition changes on its target: the SSH forward's port and the console log, nothing else. */
class MigrationXmlTest {
    private static final String SOURCE = """
            <domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
              <name>web</name>
              <metadata>
                <hl:hyperlab xmlns:hl="https://hyperlab.dev/xmlns/1"><hl:image>debian-12</hl:image><hl:console-log>/var/lib/hyperlab/logs/web-console.log</hl:console-log></hl:hyperlab>
              </metadata>
              <devices>
                <serial type='pty'><log file='/var/lib/hyperlab/logs/web-console.log' append='off'/><target type='isa-serial' port='0'/></serial>
                <console type='pty'><target type='serial' port='0'/></console>
              </devices>
              <qemu:commandline><qemu:arg value='-netdev'/><qemu:arg value='user,id=hlnet0,restrict=on,hostfwd=tcp:127.0.0.1:43871-:22'/></qemu:commandline>
            </domain>
            """;

    private static MigrationRequest to(int port, Optional<String> log) {
        return new MigrationRequest("qemu+tcp://127.0.0.1:16510/system", true, true, Optional.of("127.0.0.1"), port, log);
    }

    @Test
    void aRemoteTargetGetsNoLogFileAndTheNewPort() {
        String xml = MigrationXml.forTarget(SOURCE, to(40001, Optional.empty()));
        assertFalse(xml.contains("<log"), xml);
        assertTrue(xml.contains("<hl:console-log/>") || xml.contains("<hl:console-log></hl:console-log>"), xml);
        assertTrue(xml.contains("user,id=hlnet0,restrict=on,hostfwd=tcp:127.0.0.1:40001-:22"), xml);
        assertEquals(Optional.of(40001), DomainXmlReader.sshPort(xml));
    }

    @Test
    void thisMachineGetsItsOwnLogFileBackAndPortZeroKeepsThePort() {
        String remote = MigrationXml.forTarget(SOURCE, to(0, Optional.empty()));
        String back = MigrationXml.forTarget(remote, to(0, Optional.of("/data/logs/web-console.log")));
        assertTrue(back.contains("<log append=\"off\" file=\"/data/logs/web-console.log\"/>")
                || back.contains("file=\"/data/logs/web-console.log\""), back);
        assertTrue(back.indexOf("<log") < back.indexOf("<target"), "the log before the target, as libvirt writes it");
        assertTrue(back.contains(">/data/logs/web-console.log</hl:console-log>"), back);
        assertEquals(Optional.of(43871), DomainXmlReader.sshPort(back));
        assertTrue(back.contains("<name>web</name>"));
    }
}
