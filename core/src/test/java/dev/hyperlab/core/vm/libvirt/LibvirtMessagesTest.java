package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LibvirtMessagesTest {
    @Test
    @DisplayName("qemu-img's error, wrapped by libvirt with its command line, becomes qemu-img's words on one line")
    void qemuImgErrorFromAnOverlayOnATruncatedBase() {
        // What libvirt reports when the base is a qcow2 cut to 100 bytes (qemu-img's output measured here).
        String libvirt = "internal error: Child process (/usr/bin/qemu-img create -f qcow2 -b /var/lib/hyperlab/images/blobs/"
                + "sha256/ab12 -F qcow2 -o compat=1.1 /var/lib/hyperlab/pool/web.qcow2 10737418240) unexpected exit status 1: "
                + "qemu-img: /var/lib/hyperlab/pool/web.qcow2: qcow2 header too short\nCould not open backing image.\n";
        String m = LibvirtMessages.oneLine(libvirt);
        assertEquals("qemu-img: /var/lib/hyperlab/pool/web.qcow2: qcow2 header too short; Could not open backing image.", m);
        assertTrue(LibvirtMessages.fromQemuImg(m));
    }

    @Test
    @DisplayName("any other libvirt message is kept, on one line")
    void otherMessages() {
        assertEquals("Domain not found: no domain with matching name 'x'",
                LibvirtMessages.oneLine("Domain not found: no domain with matching name 'x'"));
        assertEquals("a; b", LibvirtMessages.oneLine("a\n\n  b  \n"));
        assertEquals("libvirt gave no reason", LibvirtMessages.oneLine(null));
        assertFalse(LibvirtMessages.fromQemuImg("Domain not found"));
    }
}
