package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local pool's volume copied by the kernel; anything else streams through libvirt. */
class LocalVolumeCopyTest {
    @TempDir Path tmp;

    @Test
    @DisplayName("only a QEMU driver on this machine copies locally: a remote host or a transport streams")
    void localOnly() throws IOException {
        Path a = Files.write(tmp.resolve("a"), new byte[] {1});
        Path b = Files.write(tmp.resolve("b"), new byte[0]);
        assertTrue(LocalVolumeCopy.applies("qemu:///system", a.toString(), b.toString()));
        assertTrue(LocalVolumeCopy.applies("qemu:///session", a.toString(), b.toString()));
        for (String uri : new String[] {"qemu+ssh://lab2/system", "qemu://lab2/system", "test:///default", "qemu+tcp:///system"}) {
            assertFalse(LocalVolumeCopy.applies(uri, a.toString(), b.toString()), uri);
        }
        assertFalse(LocalVolumeCopy.applies("qemu:///system", tmp.resolve("gone").toString(), b.toString()),
                "a path libvirt names that this process cannot see streams");
        assertFalse(LocalVolumeCopy.applies("qemu:///system", a.toString(), ""));
    }

    @Test
    @DisplayName("the copy is the source's bytes, over whatever the target held")
    void copiesBytes() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Path src = Files.write(tmp.resolve("state.qcow2"), data);
        Path dst = Files.write(tmp.resolve("clone.qcow2"), new byte[5 * 1024 * 1024]);
        LocalVolumeCopy.copy(src, dst, data.length);
        assertArrayEquals(data, Files.readAllBytes(dst));
    }

    @Test
    @DisplayName("a source shorter than its volume says is an error, not a short copy")
    void shortSource() throws IOException {
        Path src = Files.write(tmp.resolve("s"), new byte[10]);
        Path dst = Files.write(tmp.resolve("d"), new byte[0]);
        assertThrows(IOException.class, () -> LocalVolumeCopy.copy(src, dst, 20));
    }
}
