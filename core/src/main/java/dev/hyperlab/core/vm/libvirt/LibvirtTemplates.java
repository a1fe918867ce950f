package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The template half of {@link LibvirtHypervisor}: a running guest frozen into a template, and a
 * template's saved state restored into another domain.
 *
 * <p>How, and why this way. libvirt 9.0 refuses a renamed domain on {@code virDomainRestoreFlags},
 * so a save file cannot become a second VM. An internal qcow2 snapshot with memory can: its record
 * is redefined on the clone's own domain (with the clone's XML, so libvirt starts QEMU with the
 * clone's name, disks and ports) and reverted. QEMU reads the memory state from the top image of
 * the system disk, so the freeze first moves the paused guest's writes to a new, empty overlay
 * (an external disk-only snapshot without libvirt metadata): the disk the guest booted on becomes
 * the frozen, read-only disk every clone shares as its backing file, and the new overlay holds
 * only the memory state (a few hundred MiB) and the writes of the pause. A clone's system disk is
 * a byte copy of that overlay.
 */
final class LibvirtTemplates {
    /** VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA. */
    private static final int DISK_ONLY_NO_METADATA = 16 | 4;
    /** VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT. */
    private static final int REDEFINE_CURRENT = 1 | 2;

    private final LibvirtConnection connection;
    private final LibvirtStorage storage;

    LibvirtTemplates(LibvirtConnection connection, LibvirtStorage storage) {
        this.connection = connection;
        this.storage = storage;
    }

    private <T> T took(T handle) { return connection.took(handle); }

    private void free(Object handle) { connection.free(handle); }

    String freeze(String domain, String pool, String stateVol, String snapshot) {
        String stateVolName = Xml.esc(stateVol);
        String xml = connection.call("freezing " + domain + " into a template", false, c -> {
            Domain d = DomainLookup.require(connection, c, domain);
            try {
                if (d.isActive() == 0) {
                    throw new HyperlabException(ErrorCode.CONFLICT, "cannot freeze " + domain + ": it is not running",
                            "try 'hyperlab vm start " + domain + " --wait'");
                }
                String liveXml = d.getXMLDesc(0);
                Document live = Xml.parse(liveXml);
                String system = systemDiskPath(live);
                String dir = system.substring(0, system.lastIndexOf('/') + 1);
                d.suspend();
                StringBuilder disks = new StringBuilder("<domainsnapshot><disks>");
                for (Element disk : diskElements(live)) {
                    Element target = Xml.child(disk, "target");
                    String dev = target == null ? "" : target.getAttribute("dev");
                    Element src = Xml.child(disk, "source");
                    boolean isSystem = src != null && system.equals(src.getAttribute("file"));
                    disks.append("<disk name='").append(Xml.esc(dev)).append(isSystem
                            ? "' snapshot='external'><source file='" + Xml.esc(dir) + stateVolName + "'/></disk>"
                            : "' snapshot='no'/>");
                }
                disks.append("</disks></domainsnapshot>");
                free(took(d.snapshotCreateXML(disks.toString(), DISK_ONLY_NO_METADATA)));
                if (TemplateMemory.mapsTemplateMemory(liveXml)) {
                    TemplateMemory.ignoreShared(d, true); // its RAM is in the template's memory file already
                }
                String internal = "<domainsnapshot><name>" + Xml.esc(snapshot) + "</name><description>hyperlab template"
                        + "</description><disks><disk name='" + Xml.esc(systemTarget(live, system))
                        + "' snapshot='internal'/></disks></domainsnapshot>";
                DomainSnapshot s = took(d.snapshotCreateXML(internal, 0));
                try {
                    return s.getXMLDesc();
                } finally {
                    free(s);
                }
            } finally {
                free(d);
            }
        });
        storage.refresh(pool); // libvirt wrote the state overlay beside the pool's API: make it a volume
        return xml;
    }

    void restore(String domain, String snapshotXml) {
        connection.call("restoring template state into " + domain, false, c -> {
            Domain d = DomainLookup.require(connection, c, domain);
            try {
                String inactive = d.getXMLDesc(2 /* VIR_DOMAIN_XML_INACTIVE */);
                String redefined = onDomain(snapshotXml, inactive);
                DomainSnapshot s = took(d.snapshotCreateXML(redefined, REDEFINE_CURRENT));
                try {
                    if (TemplateMemory.mapsTemplateMemory(inactive)) {
                        // The record stays defined so the clone deletes it as before; the state is loaded by
                        // QEMU itself, since libvirt's revert would start a QEMU without the capability.
                        return restoreOnTemplateMemory(d,
                                Xml.child(Xml.parse(snapshotXml).getDocumentElement(), "name").getTextContent());
                    }
                    return d.revertToSnapshot(s);
                } catch (LibvirtException | HyperlabException e) {
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, "restoring the template's saved state into "
                            + domain + " failed: " + LibvirtMessages.oneLine(e.getMessage()) + " (a template made under another QEMU,"
                            + " machine type or accelerator, or a damaged state file, cannot be restored)",
                            "try 'hyperlab vm template rm' and create the template again");
                } finally {
                    free(s);
                }
            } finally {
                free(d);
            }
        });
    }

    /** Starts the clone paused on its template's memory file, and loads the device state into it. */
    private static int restoreOnTemplateMemory(Domain d, String snapshot) throws LibvirtException {
        d.create(1 /* VIR_DOMAIN_START_PAUSED: no guest instruction runs before the load */);
        try {
            TemplateMemory.ignoreShared(d, true);
            TemplateMemory.loadvm(d, snapshot);
            TemplateMemory.ignoreShared(d, false); // the clone's own snapshots hold all of its memory
            return 0;
        } catch (LibvirtException | RuntimeException e) {
            try {
                d.destroy();
            } catch (LibvirtException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * The template's snapshot record with {@code domainXml} as the domain it belongs to: libvirt
     * checks that name and UUID match, and starts QEMU for the revert from this definition.
     */
    static String onDomain(String snapshotXml, String domainXml) {
        Document snap = Xml.parse(snapshotXml);
        Element root = snap.getDocumentElement();
        for (String drop : List.of("domain", "inactiveDomain", "parent", "cookie")) {
            for (Element e : Xml.children(root, drop)) {
                root.removeChild(e);
            }
        }
        Element own = (Element) snap.importNode(Xml.parse(domainXml).getDocumentElement(), true);
        root.appendChild(own);
        return Xml.serialize(snap);
    }

    private static List<Element> diskElements(Document d) {
        Element devices = Xml.child(d.getDocumentElement(), "devices");
        return devices == null ? List.of() : Xml.children(devices, "disk");
    }

    /** The first qcow2 disk: the overlay hyperlab made (the seed is raw, and an ISO is a cdrom). */
    static String systemDiskPath(Document d) {
        for (Element disk : diskElements(d)) {
            Element driver = Xml.child(disk, "driver");
            Element src = Xml.child(disk, "source");
            if ("disk".equals(disk.getAttribute("device")) && driver != null && "qcow2".equals(driver.getAttribute("type"))
                    && src != null && !src.getAttribute("file").isEmpty()) {
                return src.getAttribute("file");
            }
        }
        throw new HyperlabException(ErrorCode.CONFLICT, "cannot make a template: the VM has no qcow2 system disk",
                "try a VM made by 'hyperlab vm create'");
    }

    private static String systemTarget(Document d, String path) {
        for (Element disk : diskElements(d)) {
            Element src = Xml.child(disk, "source");
            if (src != null && path.equals(src.getAttribute("file"))) {
                return Xml.child(disk, "target").getAttribute("dev");
            }
        }
        throw new IllegalStateException("no disk " + path);
    }
}
