package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A template's guest RAM kept in a file, and its clones mapping that file copy-on-write: how a clone
 * is restored without loading the template's memory page by page.
 *
 * <p>Why. Restoring a saved state, QEMU reads every page of guest RAM, the zero pages included
 * ({@code buffer_is_zero} before it writes), so a 1 GiB clone touched its whole 1 GiB. On a host
 * whose kernel maps untouched memory on a read (as this project's CI machines do, nested under
 * another hypervisor) that made every page resident (RSS 1.13 GB) and took 1.5–2 s of the restore.
 *
 * <p>How. The template's VM boots with its RAM in a file, mapped shared
 * ({@code memory-backend-file,share=on}), so what the guest has in memory when it is frozen is in
 * the file. The freeze saves with QEMU's migration capability {@code x-ignore-shared}, so the
 * snapshot holds the device state only (under 1 MiB instead of some 220 MiB). A clone maps the same
 * file privately ({@code share=off}): every page reads from the page cache, shared by all clones of
 * the template, and is copied only when the clone writes it, the way VMware's Instant Clone
 * shares its parent's memory. The clone's QEMU starts paused, gets the same capability, loads the
 * device state with {@code loadvm}, and has the capability turned off again, so that the clone's
 * own snapshots later hold its whole memory as any VM's do.
 *
 * <p>libvirt 9.0 can express neither a memory file of our choosing nor that capability, so both go
 * through its QEMU passthroughs ({@code qemu:commandline} and the monitor), which libvirt marks as
 * taints in the domain's log. The second {@code -machine memory-backend=} wins over libvirt's
 * own; libvirt's anonymous {@code pc.ram} object is left unused and costs nothing.
 */
final class TemplateMemory {
    /** The id of the memory backend: the name of its RAM block in every saved state of the domain. */
    static final String BACKEND_ID = "hl-template-ram";
    private static final String SHARED = "\"share\":true";
    private static final String PRIVATE = "\"share\":false";

    private TemplateMemory() {}

    /** The {@code qemu:arg} elements that put a domain's RAM in {@code path}, shared or copy-on-write. */
    static String args(String path, long bytes, boolean shared) {
        String object = "{\"qom-type\":\"memory-backend-file\",\"id\":\"" + BACKEND_ID + "\",\"mem-path\":\""
                + jsonEsc(path) + "\",\"size\":" + bytes + "," + (shared ? SHARED : PRIVATE) + "}";
        return "    <qemu:arg value='-machine'/>\n"
                + "    <qemu:arg value='memory-backend=" + BACKEND_ID + "'/>\n"
                + "    <qemu:arg value='-object'/>\n"
                + "    <qemu:arg value='" + Xml.esc(object) + "'/>\n";
    }

    /** True when the definition maps a template memory file (shared or private). */
    static boolean mapsTemplateMemory(String domainXml) {
        return domainXml.contains("&quot;id&quot;:&quot;" + BACKEND_ID + "&quot;")
                || domainXml.contains("\"id\":\"" + BACKEND_ID + "\"");
    }

    /** One {@code qemu:arg} value with the template's shared mapping made private: what a clone maps. */
    static String privateMapping(String argValue) {
        return argValue.contains("\"id\":\"" + BACKEND_ID + "\"") ? argValue.replace(SHARED, PRIVATE) : argValue;
    }

    /**
     * Removes the memory file's arguments from a definition ({@code -machine memory-backend=...} and the
     * {@code -object}, each with the option before it), so the domain boots on libvirt's own RAM.
     */
    static void unmap(org.w3c.dom.Element domain) {
        org.w3c.dom.NodeList args = domain.getElementsByTagNameNS(DomainXmlBuilder.QEMU_NS, "arg");
        java.util.List<org.w3c.dom.Element> drop = new java.util.ArrayList<>();
        for (int i = 1; i < args.getLength(); i++) {
            String v = ((org.w3c.dom.Element) args.item(i)).getAttribute("value");
            if (v.equals("memory-backend=" + BACKEND_ID) || v.contains("\"id\":\"" + BACKEND_ID + "\"")) {
                drop.add((org.w3c.dom.Element) args.item(i - 1));
                drop.add((org.w3c.dom.Element) args.item(i));
            }
        }
        drop.forEach(a -> a.getParentNode().removeChild(a));
    }

    /** Sets QEMU's {@code x-ignore-shared} migration capability: shared RAM stays out of saved states. */
    static void ignoreShared(Domain d, boolean on) throws LibvirtException {
        String reply = d.qemuMonitorCommand("{\"execute\":\"migrate-set-capabilities\",\"arguments\":{\"capabilities\":"
                + "[{\"capability\":\"x-ignore-shared\",\"state\":" + on + "}]}}", 0);
        if (reply == null || !reply.contains("\"return\"")) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "QEMU refused x-ignore-shared: " + reply,
                    "try 'hyperlab doctor'");
        }
    }

    /**
     * Loads the internal snapshot {@code name} of a paused domain's disks into it: QEMU's
     * {@code loadvm}, through the human monitor, which answers nothing on success and the error
     * otherwise.
     */
    static void loadvm(Domain d, String name) throws LibvirtException {
        String reply = d.qemuMonitorCommand("loadvm " + name, 1 /* VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP */);
        if (reply != null && !reply.isBlank()) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "QEMU could not load the template's state: "
                    + reply.strip().replace("\r", "").replace('\n', ' '), null);
        }
    }

    private static String jsonEsc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
