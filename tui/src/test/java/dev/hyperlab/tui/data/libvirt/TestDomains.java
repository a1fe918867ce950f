package dev.hyperlab.tui.data.libvirt;

import java.util.ArrayList;
import java.util.List;
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

    public static String xml(String name, int memMiB, int vcpus) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>" + memMiB
                + "</memory><vcpu>" + vcpus + "</vcpu><os><type>hvm</type></os></domain>";
    }

    public void define(String name, int memMiB, int vcpus, boolean start) throws LibvirtException {
        Domain d = conn.domainDefineXML(xml(name, memMiB, vcpus));
        made.add(name);
        try {
            if (start) {
                d.create();
            }
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
                d.undefine();
            } finally {
                d.free();
            }
        }
        conn.close();
    }
}
