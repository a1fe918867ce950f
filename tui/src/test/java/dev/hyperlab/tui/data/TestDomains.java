package dev.hyperlab.tui.data;

import java.util.ArrayList;
import java.util.List;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.libvirt.LibvirtEventLoop;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Defines extra domains on libvirt's in-process test:///default driver, whose state is shared by
 * every connection of the process, and removes them again. Use from one thread only.
 */
public final class TestDomains implements AutoCloseable {
    private final Connect conn;
    private final List<String> made = new ArrayList<>();

    public TestDomains() throws LibvirtException {
        LibvirtEventLoop.ensureStarted();
        conn = new Connect("test:///default");
    }

    /** For a test's field, closed after each test with JUnit's {@code @AutoClose}. */
    public static TestDomains open() {
        try {
            return new TestDomains();
        } catch (LibvirtException e) {
            throw new IllegalStateException("libvirt's test:///default driver did not open", e);
        }
    }

    public static String xml(String name, int memMiB, int vcpus) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>" + memMiB
                + "</memory><vcpu>" + vcpus + "</vcpu><os><type>hvm</type></os></domain>";
    }

    /**
     * A domain as hyperlab leaves it: its label (image {@code image}) and a saved boot timeline
     * (created at 0.2 s, ready at {@code readyMillis}) in {@code <metadata>}.
     */
    public static String labelledXml(String name, int memMiB, int vcpus, String image, long readyMillis) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>" + memMiB
                + "</memory><vcpu>" + vcpus + "</vcpu><metadata>"
                + "<hl:hyperlab xmlns:hl='" + HyperlabLabel.NAMESPACE + "'><hl:image>" + image + "</hl:image>"
                + "<hl:created>2026-11-30T10:00:00Z</hl:created><hl:instance-id>iid-" + name + "</hl:instance-id>"
                + "</hl:hyperlab><hltl:timeline xmlns:hltl='" + HyperlabLabel.TIMELINE_NAMESPACE + "'>"
                + "<hltl:phase name='created' ms='200'/><hltl:phase name='ready' ms='" + readyMillis + "'/>"
                + "</hltl:timeline></metadata><os><type>hvm</type></os></domain>";
    }

    public void define(String name, int memMiB, int vcpus, boolean start) throws LibvirtException {
        defineXml(name, xml(name, memMiB, vcpus), start);
    }

    /** Defines (and maybe starts) a domain from {@code xml}, removed again by {@link #close}. */
    public void defineXml(String name, String xml, boolean start) throws LibvirtException {
        Domain d = conn.domainDefineXML(xml);
        made.add(name);
        try {
            if (start) {
                d.create();
            }
        } finally {
            d.free();
        }
    }

    /** Takes snapshot {@code snapshot} of domain {@code name} behind the TUI's back: no row changes. */
    public void snapshot(String name, String snapshot) throws LibvirtException {
        Domain d = conn.domainLookupByName(name);
        try {
            d.snapshotCreateXML("<domainsnapshot><name>" + snapshot + "</name></domainsnapshot>").free();
        } finally {
            d.free();
        }
    }

    /** True when a domain of that name exists. */
    public boolean exists(String name) throws LibvirtException {
        for (String n : conn.listDefinedDomains()) {
            if (n.equals(name)) {
                return true;
            }
        }
        for (int id : conn.listDomains()) {
            Domain d = conn.domainLookupByID(id);
            try {
                if (d.getName().equals(name)) {
                    return true;
                }
            } finally {
                d.free();
            }
        }
        return false;
    }

    public boolean isActive(String name) throws LibvirtException {
        Domain d = conn.domainLookupByName(name);
        try {
            return d.isActive() == 1;
        } finally {
            d.free();
        }
    }

    @Override
    public void close() throws LibvirtException {
        for (String name : made) {
            if (!exists(name)) {
                continue;
            }
            Domain d = conn.domainLookupByName(name);
            try {
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine(2); // VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA: with its snapshots, if any
            } finally {
                d.free();
            }
        }
        conn.close();
    }
}
