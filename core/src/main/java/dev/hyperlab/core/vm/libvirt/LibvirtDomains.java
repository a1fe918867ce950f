package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.VmInfo;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.w3c.dom.Document;

/**
 * One domain at a time, for {@link LibvirtHypervisor}: its lifecycle (start, shutdown, destroy,
 * undefine, ...), what is read of it (its info, its XML), its boot timeline in the metadata, its
 * guest agent and its console. Each call looks the domain up by name and frees the handle after.
 */
final class LibvirtDomains {
    private final LibvirtConnection connection;

    LibvirtDomains(LibvirtConnection connection) { this.connection = connection; }

    /** A call that only reads: run again on the next connection when libvirtd went away under it. */
    private <T> T read(String what, LibvirtConnection.Op<T> op) { return connection.call(what, true, op); }

    /** A call that changes something: runs once; cut off by a lost connection it fails (UNAVAILABLE). */
    private <T> T write(String what, LibvirtConnection.Op<T> op) { return connection.call(what, false, op); }

    void start(String name, boolean paused) {
        onDomain("starting " + name, name, d -> d.create(paused ? 1 : 0));
    }

    void resume(String name) { onDomain("resuming " + name, name, d -> { d.resume(); return 0; }); }

    void shutdown(String name) { onDomain("shutting down " + name, name, d -> { d.shutdown(); return 0; }); }

    void destroy(String name) { onDomain("stopping " + name, name, d -> { d.destroy(); return 0; }); }

    void reboot(String name) { onDomain("rebooting " + name, name, d -> { d.reboot(0); return 0; }); }

    void undefine(String name) {
        // 2 = VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA: the internal snapshots live in the overlay,
        // which the caller deletes next; 4 = NVRAM for firmware-booted guests.
        onDomain("removing " + name, name, d -> {
            try {
                d.undefine(2 | 4);
            } catch (LibvirtException e) {
                d.undefine(2); // drivers without NVRAM support (the test driver) reject flag 4
            }
            return 0;
        });
    }

    Optional<VmInfo> find(String name) {
        return read("looking up " + name, c -> {
            Domain d = lookup(c, name);
            if (d == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(info(d));
            } finally {
                free(d);
            }
        });
    }

    private VmInfo info(Domain d) throws LibvirtException {
        DomainInfo i = d.getInfo();
        Document doc = Xml.parse(d.getXMLDesc(0));
        return new VmInfo(d.getName(), d.getUUIDString(), LibvirtHypervisor.state(i.state), i.nrVirtCpu, i.maxMem * 1024L,
                i.cpuTime, DomainXmlReader.label(doc), DomainXmlReader.timeline(doc));
    }

    void saveTimeline(String name, BootTimeline timeline) {
        String el = DomainXmlReader.timelineElement(timeline);
        read("saving the boot timeline of " + name, c -> { // the same metadata again: safe to repeat
            Domain d = required(c, name);
            try {
                int flags = LibvirtNative.VIR_DOMAIN_AFFECT_CONFIG
                        | (d.isActive() == 1 ? LibvirtNative.VIR_DOMAIN_AFFECT_LIVE : 0);
                return check(LibvirtNative.INSTANCE.virDomainSetMetadata(Handles.of(d),
                        LibvirtNative.VIR_DOMAIN_METADATA_ELEMENT, el, "hltl",
                        dev.hyperlab.core.vm.HyperlabLabel.TIMELINE_NAMESPACE, flags), "virDomainSetMetadata");
            } finally {
                free(d);
            }
        });
    }

    String agentCommand(String name, String json, int timeoutSeconds) {
        return write("asking the guest agent of " + name, c -> {
            Domain d = required(c, name);
            try {
                return d.qemuAgentCommand(json, timeoutSeconds, 0);
            } catch (LibvirtException e) {
                String m = LibvirtErrors.message(e);
                int at = m.indexOf("Guest agent command failed");
                if (at >= 0) { // the agent answered: hand its error back as the agent's own reply shape
                    return "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m.substring(at)) + "}}";
                }
                throw new HyperlabException(ErrorCode.UNAVAILABLE, "the guest agent of " + name + " did not answer: " + m,
                        "try again once the guest has booted; the image needs qemu-guest-agent", e);
            } finally {
                free(d);
            }
        });
    }

    String xml(String name) {
        return read("reading the XML of " + name, c -> DomainLookup.with(connection, c, name, d -> d.getXMLDesc(0)));
    }

    /** The console session survives a libvirtd restart: it opens the console again on the new connection. */
    ConsoleStream openConsole(String name) {
        return new LibvirtConsole(connection, name, openConsoleStream(name), () -> openConsoleStream(name));
    }

    private LibvirtConsole.Opened openConsoleStream(String name) {
        return read("opening the console of " + name, c -> {
            Domain d = required(c, name);
            try {
                if (d.isActive() != 1) {
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, "VM " + name + " is not running",
                            "try 'hyperlab vm start " + name + "'");
                }
                Stream st = took(c.streamNew(0));
                try {
                    check(LibvirtNative.INSTANCE.virDomainOpenConsole(Handles.of(d), null, Handles.of(st),
                            LibvirtNative.VIR_DOMAIN_CONSOLE_FORCE), "virDomainOpenConsole");
                } catch (RuntimeException e) {
                    free(st);
                    throw e;
                }
                return new LibvirtConsole.Opened(st, connection.generation());
            } finally {
                free(d);
            }
        });
    }

    private void onDomain(String what, String name, DomainLookup.DomainFn<Integer> op) {
        write(what, c -> DomainLookup.with(connection, c, name, op));
    }

    private Domain lookup(Connect c, String name) throws LibvirtException { return DomainLookup.find(connection, c, name); }

    private Domain required(Connect c, String name) throws LibvirtException {
        return DomainLookup.require(connection, c, name);
    }

    private <T> T took(T handle) { return connection.took(handle); }

    private void free(Object handle) { connection.free(handle); }

    private static int check(int rc, String fn) { return LibvirtErrors.check(rc, fn); }
}
