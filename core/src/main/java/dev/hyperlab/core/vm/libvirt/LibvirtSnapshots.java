package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The snapshot half of {@link LibvirtHypervisor}: internal snapshots of the qcow2 overlay (memory
 * too for a running guest), listed as a tree. Every call goes through the one {@link LibvirtConnection}.
 */
final class LibvirtSnapshots {
    private final LibvirtConnection connection;

    LibvirtSnapshots(LibvirtConnection connection) { this.connection = connection; }

    private <T> T took(T handle) { return connection.took(handle); }

    private void free(Object handle) { connection.free(handle); }

    private static boolean isNotFound(LibvirtException e) { return LibvirtErrors.isNotFound(e); }

    private void onDomain(String what, String name, DomainLookup.DomainFn<Integer> op) {
        connection.call(what, false, c -> DomainLookup.with(connection, c, name, op));
    }

    void create(String domain, String snapshot, String description) {
        String xml = "<domainsnapshot><name>" + Xml.esc(snapshot) + "</name><description>"
                + Xml.esc(description == null ? "" : description) + "</description>"
                + "<disks><disk name='vda' snapshot='internal'/></disks></domainsnapshot>";
        onDomain("creating snapshot " + snapshot + " of " + domain, domain, d -> {
            free(took(d.snapshotCreateXML(xml, 0)));
            return 0;
        });
    }

    List<SnapshotInfo> list(String domain) {
        return connection.call("listing snapshots of " + domain, true, c -> {
            Domain d = DomainLookup.require(connection, c, domain);
            try {
                String current = null;
                if (d.hasCurrentSnapshot() == 1) {
                    DomainSnapshot cur = took(d.snapshotCurrent());
                    try {
                        current = Xml.text(Xml.parse(cur.getXMLDesc()), null, "name");
                    } finally {
                        free(cur);
                    }
                }
                List<SnapshotInfo> out = new ArrayList<>();
                for (String n : d.snapshotListNames()) {
                    DomainSnapshot s = took(d.snapshotLookupByName(n));
                    try {
                        Document doc = Xml.parse(s.getXMLDesc());
                        Element root = doc.getDocumentElement();
                        Element parent = null;
                        for (org.w3c.dom.Node n2 = root.getFirstChild(); n2 != null; n2 = n2.getNextSibling()) {
                            if (n2 instanceof Element e && e.getLocalName().equals("parent")) {
                                parent = e;
                            }
                        }
                        String created = directChild(root, "creationTime");
                        out.add(new SnapshotInfo(n,
                                Optional.ofNullable(parent == null ? null : directChild(parent, "name")),
                                n.equals(current),
                                Optional.ofNullable(directChild(root, "state")).orElse("?"),
                                created == null ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(created)),
                                Optional.ofNullable(directChild(root, "description")).orElse("")));
                    } finally {
                        free(s);
                    }
                }
                out.sort(java.util.Comparator.comparing(SnapshotInfo::created).thenComparing(SnapshotInfo::name));
                return out;
            } finally {
                free(d);
            }
        });
    }

    private static String directChild(Element e, String name) {
        for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el && el.getLocalName().equals(name)) {
                return el.getTextContent().trim();
            }
        }
        return null;
    }

    void revert(String domain, String snapshot) {
        onDomain("reverting " + domain + " to " + snapshot, domain, d -> {
            DomainSnapshot s = snapshot(d, snapshot);
            try {
                return d.revertToSnapshot(s);
            } finally {
                free(s);
            }
        });
    }

    void delete(String domain, String snapshot) {
        onDomain("deleting snapshot " + snapshot + " of " + domain, domain, d -> {
            DomainSnapshot s = snapshot(d, snapshot);
            try {
                // flags 0: this snapshot only; libvirt re-parents its children onto its parent
                return s.delete(0);
            } finally {
                free(s);
            }
        });
    }

    private DomainSnapshot snapshot(Domain d, String name) throws LibvirtException {
        try {
            return took(d.snapshotLookupByName(name));
        } catch (LibvirtException e) {
            if (isNotFound(e)) {
                throw new HyperlabException(ErrorCode.NOT_FOUND, "no snapshot named '" + name + "'",
                        "try 'hyperlab vm snapshot list " + d.getName() + "'");
            }
            throw e;
        }
    }
}
