package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.DomainChange;
import dev.hyperlab.core.vm.DomainStats;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.VmInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;

/**
 * {@link dev.hyperlab.core.vm.Hypervisor#allDomainStats()} for libvirt: the counters from one
 * {@link DomainStatsReader bulk call}; what hyperlab stored in a domain's {@code <metadata>} (label,
 * boot timeline), its forwarded SSH port and its configured size read once per domain and cached until a
 * {@link DomainChange} names the domain (or the connection came back: then everything). So the
 * TUI's one-second tick reads no XML. Worker thread only, except {@link #changed}.
 */
final class DomainListing {
    private static final Logger LOG = Logger.getLogger(DomainListing.class.getName());
    /** No domain name holds a NUL. */
    private static final String EVERY_DOMAIN = "\0every domain";

    private final LibvirtConnection connection;
    private final Optional<QemuUptime> uptime;
    private final Queue<String> changed = new ConcurrentLinkedQueue<>();
    private boolean bulkStats = true;
    private Map<String, Config> config = new HashMap<>();
    private Map<String, Metadata> metadata = new HashMap<>();

    DomainListing(LibvirtConnection connection, Optional<QemuUptime> uptime) {
        this.connection = connection;
        this.uptime = uptime;
    }

    /** Called from the event executor: what is cached of the named domain (or of all) is stale. */
    void changed(DomainChange change) {
        changed.add(change.domain().orElse(EVERY_DOMAIN));
    }

    private record Config(int vcpus, long maxMemKiB) {}

    /**
     * A domain's label and timeline (empty for domains hyperlab did not make), its UUID, and the
     * loopback port forwarded to its SSH (a user-mode NIC hyperlab made).
     */
    record Metadata(String uuid, Optional<HyperlabLabel> label, BootTimeline timeline, Optional<Integer> sshPort) {}

    /** Worker thread only. */
    List<DomainStats> read(Connect c) throws LibvirtException {
        for (String name; (name = changed.poll()) != null; ) {
            if (name.equals(EVERY_DOMAIN)) {
                config.clear();
                metadata.clear();
            }
            config.remove(name);
            metadata.remove(name);
        }
        List<DomainStatsReader.Raw> bulk = bulkStats ? DomainStatsReader.read(c) : null;
        List<DomainStats> out = new ArrayList<>();
        Map<String, Config> seenConfig = new HashMap<>();
        Map<String, Metadata> seenMetadata = new HashMap<>();
        if (bulk == null) {
            bulkStats = false; // the driver lacks bulk stats: one domain at a time
            for (String name : names(c)) {
                Domain d = lookup(c, name);
                if (d == null) {
                    continue;
                }
                try {
                    DomainInfo i = d.getInfo();
                    Metadata md = metadataOf(d, name);
                    seenMetadata.put(name, md);
                    out.add(stats(name, md, LibvirtHypervisor.state(i.state), i.nrVirtCpu, i.maxMem, i.cpuTime));
                } catch (LibvirtException e) {
                    if (!LibvirtErrors.isNotFound(e)) {
                        throw e;
                    }
                } finally {
                    connection.free(d);
                }
            }
        } else {
            for (DomainStatsReader.Raw st : bulk) {
                Config cfg = st.vcpus() > 0 && st.maxMemKiB() >= 0
                        ? new Config(st.vcpus(), st.maxMemKiB()) : config.get(st.name());
                Metadata md = metadata.get(st.name());
                if (cfg == null || md == null) {
                    // shut-off domains (and the test driver) report only their state: ask once
                    Domain d = lookup(c, st.name());
                    if (d == null) {
                        continue; // removed meanwhile
                    }
                    try {
                        if (cfg == null) {
                            DomainInfo i = d.getInfo();
                            cfg = new Config(i.nrVirtCpu, i.maxMem);
                        }
                        if (md == null) {
                            md = metadataOf(d, st.name());
                        }
                    } catch (LibvirtException e) {
                        if (LibvirtErrors.isNotFound(e)) {
                            continue;
                        }
                        throw e;
                    } finally {
                        connection.free(d);
                    }
                }
                seenConfig.put(st.name(), cfg);
                seenMetadata.put(st.name(), md);
                out.add(stats(st.name(), md, stateOf(st.state()), cfg.vcpus(), cfg.maxMemKiB(), st.cpuTimeNanos()));
            }
        }
        config = seenConfig; // forget the domains that are gone
        metadata = seenMetadata;
        return out;
    }

    private DomainStats stats(String name, Metadata md, GuestState state, int vcpus, long maxMemKiB, long cpu) {
        boolean on = state == GuestState.RUNNING || state == GuestState.PAUSED;
        // VmInfo's CPU time is 0 when stopped; a running domain whose driver did not say keeps -1 (unknown)
        VmInfo info = new VmInfo(name, md.uuid(), state, vcpus, maxMemKiB * 1024, on ? cpu : 0, md.label(), md.timeline());
        Optional<Duration> up = info.isRunning() ? uptime.flatMap(u -> u.of(name)) : Optional.empty();
        return new DomainStats(info, up, md.sshPort());
    }

    private static List<String> names(Connect c) throws LibvirtException {
        List<String> names = new ArrayList<>(List.of(c.listDefinedDomains()));
        for (int id : c.listDomains()) {
            try {
                Domain d = c.domainLookupByID(id);
                try {
                    names.add(d.getName());
                } finally {
                    d.free();
                }
            } catch (LibvirtException e) {
                // stopped between list and lookup
            }
        }
        return names;
    }

    private Domain lookup(Connect c, String name) throws LibvirtException { return DomainLookup.find(connection, c, name); }

    private static Metadata metadataOf(Domain d, String name) throws LibvirtException {
        return metadataOf(name, d.getUUIDString(), d.getXMLDesc(0));
    }

    /** Parses only when hyperlab's namespace is there: a domain hyperlab did not make costs no parse. */
    static Metadata metadataOf(String name, String uuid, String xml) {
        if (!xml.contains(HyperlabLabel.NAMESPACE)) { // the timeline's namespace starts with it too
            return new Metadata(uuid, Optional.empty(), BootTimeline.empty(), Optional.empty());
        }
        Optional<Integer> ssh = DomainXmlReader.sshPort(xml); // hyperlab's own forward, in QEMU's command line
        try {
            Document doc = DomainXmlReader.parse(xml);
            return new Metadata(uuid, DomainXmlReader.label(doc), DomainXmlReader.timeline(doc), ssh);
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "unparsable XML of domain " + name, e);
            return new Metadata(uuid, Optional.empty(), BootTimeline.empty(), ssh);
        }
    }

    /** virDomainState as numbered in libvirt.h. */
    static GuestState stateOf(int virDomainState) {
        return switch (virDomainState) {
            case 1, 2 -> GuestState.RUNNING;
            case 3, 7 -> GuestState.PAUSED;
            case 4 -> GuestState.TRANSITIONING;
            case 5 -> GuestState.STOPPED;
            case 6 -> GuestState.CRASHED;
            default -> GuestState.UNKNOWN;
        };
    }
}
