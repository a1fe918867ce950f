package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.template.TemplateRecord;
import dev.hyperlab.core.template.TemplateStore;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template bookkeeping and an instant clone's refusals, on libvirt's test driver: a template's two
 * volumes and its record, what gc keeps and removes, and every request refused before anything is
 * made. Freezing and restoring need QEMU; they run in InstantCloneIT.
 */
class VmTemplatesTest {
    @TempDir Path data;
    private VmService svc;
    private Hypervisor hv;
    private TemplateStore store;

    @BeforeEach void open() throws Exception {
        svc = TestDriverVms.open(data);
        hv = svc.hypervisor();
        hv.ensurePool(VmService.POOL, svc.poolDir().toString());
        store = svc.templates().store();
    }

    @AfterEach void close() {
        for (VolumeRef v : hv.listVolumes(VmService.POOL)) {
            hv.deleteVolume(VmService.POOL, v.name());
        }
        svc.close();
    }

    /** The volumes and record 'vm template create' leaves, made by hand (the test driver runs no guest). */
    private TemplateRecord template(String name, long stateBytesRecorded) {
        String base = data.resolve("images/tiny/disk.qcow2").toString();
        VolumeRef disk = hv.createOverlay(VmService.POOL, TemplateNames.diskVol(name), base, 64L << 20);
        VolumeRef state = hv.createOverlay(VmService.POOL, TemplateNames.stateVol(name), disk.path(), 64L << 20);
        VolumeRef memory = hv.createMemoryVolume(VmService.POOL, TemplateNames.memoryVol(name), 1L << 30).orElseThrow();
        TemplateRecord r = new TemplateRecord(name, "tiny", "", 2, 1L << 30, 64L << 20, "qemu", "pc-i440fx-7.2",
                VmService.POOL, disk.name(), state.name(), stateBytesRecorded, "iid-template", "debian",
                "<domain type='qemu'><name>" + TemplateNames.domain(name) + "</name></domain>",
                "<domainsnapshot><name>" + TemplateNames.SNAPSHOT + "</name></domainsnapshot>", "2026-12-04T03:00:00Z", 18.0,
                memory.name());
        store.save(r);
        return r;
    }

    private Set<String> volumes() {
        return hv.listVolumes(VmService.POOL).stream().map(VolumeRef::name).collect(Collectors.toSet());
    }

    private HyperlabException refused(InstantCloneRequest req) {
        return assertThrows(HyperlabException.class, () -> svc.createFromTemplate(req, System.nanoTime(),
                VmService.Listener.NONE, dev.hyperlab.core.model.Cancellation.NONE));
    }

    @Test
    @DisplayName("template list shows each template's image, volumes on disk and the VMs that need it")
    void listShowsTemplates() {
        template("deb", 0);
        List<VmTemplates.Listing> all = svc.templates().list();
        assertEquals(1, all.size());
        assertEquals("deb", all.get(0).name());
        assertEquals("tiny", all.get(0).record().orElseThrow().image());
        assertEquals("", all.get(0).problem());
        assertEquals(List.of(), all.get(0).clones());
    }

    @Test
    @DisplayName("gc keeps a template's volumes (its memory file too) while its record exists, and removes them once it does not")
    void gcKnowsTemplates() {
        template("deb", 0);
        assertTrue(svc.gc(false).stream().noneMatch(l -> l.name().contains("hl-template")), "owned by the record");
        assertTrue(volumes().containsAll(Set.of(TemplateNames.diskVol("deb"), TemplateNames.stateVol("deb"),
                TemplateNames.memoryVol("deb"))));
        store.remove("deb"); // as a 'template create' killed between its undefine and its record
        try (NameLocks.Held busy = svc.locks().acquire(VmTemplates.LOCK_KIND, "deb", Duration.ofSeconds(1))) {
            assertTrue(svc.gc(false).stream().noneMatch(l -> l.name().contains("hl-template")),
                    "a template being made holds its lock: gc leaves its volumes");
        }
        List<VmService.Leftover> gone = svc.gc(false);
        assertEquals(3, gone.stream().filter(l -> l.name().contains("hl-template-deb")).count(), gone.toString());
        assertTrue(volumes().stream().noneMatch(v -> v.startsWith("hl-template-deb")), volumes().toString());
    }

    @Test
    @DisplayName("template rm removes the record, both volumes and the memory file; an unknown template is NOT_FOUND")
    void removeTemplate() {
        template("deb", 0);
        svc.templates().remove("deb");
        assertTrue(volumes().stream().noneMatch(v -> v.startsWith("hl-template-deb")), volumes().toString());
        assertTrue(store.find("deb").isEmpty());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(HyperlabException.class, () -> svc.templates().remove("deb")).code());
    }

    @Test
    @DisplayName("a clone asking for what its template's saved state cannot give is refused, naming the option")
    void cloneRefusals() {
        template("deb", 0);
        InstantCloneRequest ok = InstantCloneRequest.of("web", "deb");
        record Case(InstantCloneRequest req, ErrorCode code, String says) {}
        for (Case c : List.of(
                new Case(InstantCloneRequest.of("web", "nope"), ErrorCode.NOT_FOUND, "no template named 'nope'"),
                new Case(InstantCloneRequest.of("Bad_Name", "deb"), ErrorCode.BAD_INPUT, "bad VM name"),
                new Case(InstantCloneRequest.of("hl-template-x", "deb"), ErrorCode.BAD_INPUT, "are the templates'"),
                new Case(new InstantCloneRequest("web", "deb", Optional.empty(), List.of(), Optional.empty(), List.of(),
                        NetworkSpec.USER, Optional.of(data.resolve("cc.yaml")), Optional.empty(), Optional.empty(),
                        Optional.empty(), Duration.ofMinutes(1)), ErrorCode.BAD_INPUT, "cloud-init does not run"),
                new Case(new InstantCloneRequest("web", "deb", Optional.empty(), List.of(), Optional.empty(), List.of(),
                        NetworkSpec.USER, Optional.empty(), Optional.of(4), Optional.empty(), Optional.empty(),
                        Duration.ofMinutes(1)), ErrorCode.BAD_INPUT, "--cpus 4 differs from template deb's 2"),
                new Case(new InstantCloneRequest("web", "deb", Optional.empty(), List.of(), Optional.empty(), List.of(),
                        NetworkSpec.USER, Optional.empty(), Optional.empty(), Optional.of(2L << 30), Optional.empty(),
                        Duration.ofMinutes(1)), ErrorCode.BAD_INPUT, "--memory 2 GiB differs"),
                new Case(new InstantCloneRequest("web", "deb", Optional.empty(), List.of(), Optional.empty(), List.of(),
                        NetworkSpec.USER, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(8L << 30),
                        Duration.ofMinutes(1)), ErrorCode.BAD_INPUT, "--disk 8 GiB differs"),
                new Case(ok.withNetwork(new NetworkSpec.LabNics(List.of(new NetworkSpec.LabNic("a", "52:54:00:00:00:01"),
                        new NetworkSpec.LabNic("b", "52:54:00:00:00:02")))), ErrorCode.BAD_INPUT, "a clone joins one network, not 2"),
                new Case(ok.withNetwork(NetworkSpec.parse("nosuchnet")), ErrorCode.BAD_INPUT, "nosuchnet"),
                new Case(ok.withUser("root", List.of()), ErrorCode.BAD_INPUT, "bad --user"))) {
            HyperlabException e = refused(c.req());
            assertEquals(c.code(), e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(c.says()), e.getMessage());
        }
        assertTrue(hv.find("web").isEmpty());
        assertEquals(Set.of(TemplateNames.diskVol("deb"), TemplateNames.stateVol("deb"), TemplateNames.memoryVol("deb")),
                volumes(), "nothing was made");
    }

    @Test
    @DisplayName("a truncated saved state, a template of another accelerator, a gone image or memory file are refused")
    void brokenTemplatesAreRefused() {
        template("big", Long.MAX_VALUE / 2);
        HyperlabException truncated = refused(InstantCloneRequest.of("web", "big"));
        assertEquals(ErrorCode.CONFLICT, truncated.code());
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        TemplateRecord r = template("kvm", 0);
        store.save(new TemplateRecord(r.name(), r.image(), r.imageDigest(), r.cpus(), r.memoryBytes(), r.diskBytes(), "kvm",
                r.machine(), r.pool(), r.diskVol(), r.stateVol(), r.stateBytes(), r.seedInstanceId(), r.loginUser(),
                r.domainXml(), r.snapshotXml(), r.created(), r.readySeconds()));
        HyperlabException accel = refused(InstantCloneRequest.of("web", "kvm"));
        assertTrue(accel.getMessage().contains("made under KVM and this host runs TCG"), accel.getMessage());

        TemplateRecord g = template("gone", 0);
        store.save(new TemplateRecord(g.name(), "removed-image", g.imageDigest(), g.cpus(), g.memoryBytes(), g.diskBytes(),
                g.domainType(), g.machine(), g.pool(), g.diskVol(), g.stateVol(), g.stateBytes(), g.seedInstanceId(),
                g.loginUser(), g.domainXml(), g.snapshotXml(), g.created(), g.readySeconds()));
        HyperlabException image = refused(InstantCloneRequest.of("web", "gone"));
        assertEquals(ErrorCode.NOT_FOUND, image.code());
        assertTrue(image.getMessage().contains("image removed-image is gone"), image.getMessage());
        assertTrue(hv.find("web").isEmpty());

        template("short", 0);
        hv.deleteVolume(VmService.POOL, TemplateNames.memoryVol("short"));
        hv.createMemoryVolume(VmService.POOL, TemplateNames.memoryVol("short"), 512L << 20);
        HyperlabException shorter = refused(InstantCloneRequest.of("web", "short"));
        assertTrue(shorter.getMessage().contains("is 512 MiB, not the 1 GiB of the template's RAM"), shorter.getMessage());

        template("nomem", 0);
        hv.deleteVolume(VmService.POOL, TemplateNames.memoryVol("nomem"));
        HyperlabException memory = refused(InstantCloneRequest.of("web", "nomem"));
        assertEquals(ErrorCode.CONFLICT, memory.code());
        assertTrue(memory.getMessage().contains("its memory file " + VmService.POOL + "/hl-template-nomem-memory.raw is gone"),
                memory.getMessage());
        assertTrue(hv.find("web").isEmpty());
    }

    @Test
    void templateNamesAreChecked() {
        for (String bad : List.of("", "Deb", "a".repeat(52), "x_y")) {
            assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class,
                    () -> svc.templates().create(new VmTemplates.Request(bad, "tiny", 1, 1L << 30, Optional.empty(),
                            Duration.ofMinutes(1)), System.nanoTime(), VmService.Listener.NONE,
                            dev.hyperlab.core.model.Cancellation.NONE)).code(), bad);
        }
    }
}
