package dev.hyperlab.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Template records: kept whole, private, and one broken file never hides the others. */
public class TemplateStoreTest {
    @TempDir Path data;

    public static TemplateRecord record(String name) {
        return new TemplateRecord(name, "debian-12", "ab".repeat(32), 2, 1L << 30, 4L << 30, "qemu", "pc-i440fx-7.2",
                "hyperlab", TemplateNames.diskVol(name), TemplateNames.stateVol(name), 200L << 20, "iid-t", "debian",
                "<domain type='qemu'><name>" + TemplateNames.domain(name) + "</name></domain>",
                "<domainsnapshot><name>hyperlab-template</name></domainsnapshot>", "2026-12-04T03:00:00Z", 18.5);
    }

    @Test
    void savedRecordsReadBackAndArePrivate() throws Exception {
        TemplateStore store = new TemplateStore(data);
        store.save(record("deb"));
        assertEquals(record("deb"), store.require("deb"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve("deb.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir())));
        try (var s = Files.list(store.dir())) {
            assertEquals(List.of("deb.json"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file is left");
        }
    }

    @Test
    void anUnknownTemplateIsNotFoundWithAHint() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> new TemplateStore(data).require("nope"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertTrue(e.hint().contains("vm template list"), e.hint());
    }

    @Test
    @DisplayName("a truncated record is listed as broken beside the good ones, and can be removed")
    void brokenRecord() throws Exception {
        TemplateStore store = new TemplateStore(data);
        store.save(record("good"));
        store.save(record("bad"));
        Path bad = store.dir().resolve("bad.json");
        Files.writeString(bad, Files.readString(bad).substring(0, 40));
        List<TemplateStore.Entry> all = store.all();
        assertEquals(2, all.size());
        TemplateStore.Entry b = all.get(0);
        assertEquals("bad", b.name());
        assertTrue(b.record().isEmpty());
        assertTrue(b.problem().contains("cannot be read"), b.problem());
        assertTrue(all.get(1).record().isPresent());
        store.remove("bad");
        assertFalse(store.exists("bad"));
    }

    @Test
    void volumeNamesMapBackToTheirTemplate() {
        assertEquals("deb", TemplateNames.templateOf(TemplateNames.diskVol("deb")));
        assertEquals("deb", TemplateNames.templateOf(TemplateNames.stateVol("deb")));
        assertEquals("deb", TemplateNames.templateOf(TemplateNames.domain("deb") + "-seed.iso"));
        assertEquals(null, TemplateNames.templateOf("web.qcow2"));
        assertTrue(TemplateNames.isReserved("hl-template-x"));
        assertFalse(TemplateNames.isReserved("web"));
    }
}
