package dev.hyperlab.tui.data.libvirt;

import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.libvirt.DomainXmlReader;
import dev.hyperlab.core.vm.libvirt.LibvirtEventLoop;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.data.SourceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;

/**
 * Guests of one libvirt connection, read with libvirt-java: the TUI's listing, kept here for
 * {@code virConnectGetAllDomainStats} (one call for every domain's counters each second). Actions
 * on VMs do not come here: they go through {@code core.lab.VmService} ({@code VmLab}).
 *
 * <p>What hyperlab stored in a domain's {@code <metadata>} (the image it came from, the boot
 * timeline) is read once per domain with {@link DomainXmlReader} and cached, like the sizes, until
 * a lifecycle or metadata-change event names the domain: the 1-second tick reads no XML.
 *
 * <p>Threading: the {@link Connect} lives on one worker thread and every call is marshalled to it.
 * Lifecycle and metadata events arrive on the libvirt event-loop thread and only poke the
 * subscribers, which must not block. A broken connection is dropped and reopened on the next call.
 */
public final class LibvirtGuestSource implements GuestSource {
    private static final Logger LOG = Logger.getLogger(LibvirtGuestSource.class.getName());

    private final String uri;
    private final ExecutorService worker;
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final Optional<QemuUptime> uptime;
    /** Touched only on the worker thread. */
    private Connect conn;
    /** Set from the close callback when libvirtd goes away; read on the worker thread. */
    private volatile boolean broken;
    /** Whether to try virConnectGetAllDomainStats; worker thread only. */
    private boolean bulkStats = true;
    /** Sizes by domain name; worker thread only. */
    private Map<String, Config> config = new HashMap<>();
    /** hyperlab's metadata by domain name; worker thread only. */
    private Map<String, Metadata> metadata = new HashMap<>();
    /** Names of domains with a lifecycle or metadata event since the last fetch: what is cached of them is stale. */
    private static final String EVERY_DOMAIN = "\0every domain"; // no domain name holds a NUL
    private final java.util.Queue<String> changed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Held in a field: the event registration must outlive this call. */
    private final LifecycleListener lifecycle = (dom, event) -> {
        try {
            changed.add(dom.getName()); // a local accessor: no round trip to the daemon
        } catch (LibvirtException e) {
            changed.add(EVERY_DOMAIN); // cannot tell which one: forget everything cached
        }
        notifySubscribers();
        return 0;
    };
    /** The boot timeline is saved after the last lifecycle event of a boot: its own event says so. */
    private final MetadataEvents.Listener metadataChanged = name -> {
        changed.add(name == null ? EVERY_DOMAIN : name);
        notifySubscribers();
    };
    /** The metadata-change registration of {@link #conn}; worker thread only. */
    private MetadataEvents.Registration metadataEvents;

    public LibvirtGuestSource(String uri) {
        this.uri = uri;
        this.uptime = QemuUptime.forUri(uri);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hyperlab-libvirt-conn");
            t.setDaemon(true);
            return t;
        });
    }

    @Override public String describe() { return uri; }

    @Override
    public Fetch fetch() {
        return onWorker("list guests", c -> {
            List<GuestSummary> guests = new ArrayList<>();
            Map<GuestKey, GuestSample> samples = new HashMap<>();
            for (String name; (name = changed.poll()) != null; ) {
                if (name.equals(EVERY_DOMAIN)) {
                    config.clear();
                    metadata.clear();
                }
                config.remove(name);
                metadata.remove(name);
            }
            Map<String, Metadata> seenMetadata = new HashMap<>();
            List<BulkDomainStats.Stats> bulk = bulkStats ? BulkDomainStats.read(c) : null;
            if (bulk == null) {
                fetchOneByOne(c, guests, samples, seenMetadata);
                bulkStats = false; // the driver lacks bulk stats (the connection works: we just used it)
            } else {
                Map<String, Config> seen = new HashMap<>();
                for (BulkDomainStats.Stats st : bulk) {
                    Config cfg = st.vcpus() > 0 && st.maxMemKiB() >= 0
                            ? new Config(st.vcpus(), st.maxMemKiB()) : config.get(st.name());
                    if (cfg == null) {
                        cfg = readConfig(c, st.name()); // shut-off domains (and the test driver) report only state
                    }
                    Metadata md = cfg == null ? null : metadata.get(st.name());
                    if (cfg != null && md == null) {
                        md = readMetadata(c, st.name());
                    }
                    if (cfg != null && md != null) {
                        seen.put(st.name(), cfg);
                        seenMetadata.put(st.name(), md);
                        add(st.name(), stateOf(st.state()), cfg.vcpus(), cfg.maxMemKiB(), st.cpuTimeNanos(), md,
                                guests, samples);
                    }
                }
                config = seen;
            }
            metadata = seenMetadata; // forget the domains that are gone
            return new Fetch(guests, samples, System.nanoTime());
        });
    }

    /** A domain's configured size: changes only with a lifecycle event (defined, started), so it is cached. */
    private record Config(int vcpus, long maxMemKiB) {}

    /**
     * What hyperlab stored in a domain's {@code <metadata>}: the image it was made from and the boot
     * timeline ({@link HyperlabLabel}, read by core's {@link DomainXmlReader}); empty for other domains.
     */
    record Metadata(String image, BootTimeline timeline) {
        static final Metadata NONE = new Metadata("", BootTimeline.empty());

        /** Parses only when hyperlab's namespace is there: a domain hyperlab did not make costs no parse. */
        static Metadata of(String domainXml) {
            if (!domainXml.contains(HyperlabLabel.NAMESPACE)) { // the timeline's namespace starts with it too
                return NONE;
            }
            org.w3c.dom.Document doc;
            try {
                doc = DomainXmlReader.parse(domainXml);
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "unparsable domain XML", e);
                return NONE; // the listing goes on without it; the CLI reports the XML error
            }
            return new Metadata(DomainXmlReader.label(doc).map(HyperlabLabel::image).orElse(""),
                    DomainXmlReader.timeline(doc));
        }
    }

    /** @return the domain's metadata, or null when it vanished meanwhile */
    private Metadata readMetadata(Connect c, String name) throws LibvirtException {
        Domain d = null;
        try {
            d = c.domainLookupByName(name);
            return Metadata.of(d.getXMLDesc(0));
        } catch (LibvirtException e) {
            if (vanished(e)) {
                return null;
            }
            throw e;
        } finally {
            free(d);
        }
    }

    private Config readConfig(Connect c, String name) throws LibvirtException {
        Domain d = null;
        try {
            d = c.domainLookupByName(name);
            DomainInfo info = d.getInfo();
            return new Config(info.nrVirtCpu, info.maxMem);
        } catch (LibvirtException e) {
            if (vanished(e)) {
                return null;
            }
            throw e;
        } finally {
            free(d);
        }
    }

    private void fetchOneByOne(Connect c, List<GuestSummary> guests, Map<GuestKey, GuestSample> samples,
                               Map<String, Metadata> seen) throws LibvirtException {
        for (int id : c.listDomains()) {
            Domain d = null;
            try {
                d = c.domainLookupByID(id);
                add(d, d.getName(), guests, samples, seen);
            } catch (LibvirtException e) {
                if (!vanished(e)) {
                    throw e;
                }
            } finally {
                free(d);
            }
        }
        for (String name : c.listDefinedDomains()) {
            addOne(c, name, guests, samples, seen);
        }
    }

    private void addOne(Connect c, String name, List<GuestSummary> guests, Map<GuestKey, GuestSample> samples,
                        Map<String, Metadata> seen) throws LibvirtException {
        Domain d = null;
        try {
            d = c.domainLookupByName(name);
            add(d, name, guests, samples, seen);
        } catch (LibvirtException e) {
            if (!vanished(e)) {
                throw e;
            }
        } finally {
            free(d);
        }
    }

    private void add(Domain d, String name, List<GuestSummary> guests, Map<GuestKey, GuestSample> samples,
                     Map<String, Metadata> seen) throws LibvirtException {
        DomainInfo info = d.getInfo();
        Metadata md = metadata.get(name);
        if (md == null) {
            md = Metadata.of(d.getXMLDesc(0));
        }
        seen.put(name, md);
        add(name, stateOf(info.state), info.nrVirtCpu, info.maxMem, info.cpuTime, md, guests, samples);
    }

    private void add(String name, GuestState state, int vcpus, long maxMemKiB, long cpuTime, Metadata md,
                     List<GuestSummary> guests, Map<GuestKey, GuestSample> samples) {
        guests.add(new GuestSummary(GuestKind.VM, name, state, vcpus, maxMemKiB * 1024, md.image(),
                md.timeline(), Optional.empty()));
        Optional<Duration> up = state == GuestState.RUNNING || state == GuestState.PAUSED
                ? uptime.flatMap(u -> u.of(name)) : Optional.empty();
        samples.put(new GuestKey(GuestKind.VM, name), new GuestSample(cpuTime, up));
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

    static GuestState stateOf(DomainInfo.DomainState s) {
        return s == null ? GuestState.UNKNOWN : LibvirtHypervisor.state(s);
    }

    @Override
    public List<Field> details(GuestKey key) {
        return onDomain("read " + key, key, d -> {
            DomainInfo info = d.getInfo();
            List<Field> f = new ArrayList<>();
            f.add(new Field("uuid", d.getUUIDString()));
            f.add(new Field("os", d.getOSType()));
            f.add(new Field("persistent", d.isPersistent() == 1 ? "yes" : "no (transient)"));
            f.add(new Field("autostart", d.getAutostart() ? "yes" : "no"));
            f.add(new Field("memory", (info.memory / 1024) + " MiB of " + (info.maxMem / 1024) + " MiB max"));
            f.add(new Field("cpu time", String.format(java.util.Locale.ROOT, "%.1f s", info.cpuTime / 1e9)));
            f.add(new Field("snapshots", Integer.toString(d.snapshotNum())));
            return f;
        });
    }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        subscribers.add(onChange);
        return () -> subscribers.remove(onChange);
    }

    private void notifySubscribers() {
        for (Runnable r : subscribers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event subscriber failed", e); // never throw into libvirt's loop
            }
        }
    }

    @Override
    public void close() {
        try {
            worker.submit(this::disconnect).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "closing " + uri, e.getCause());
        }
        worker.shutdown();
    }

    private interface ConnOp<T> {
        T apply(Connect c) throws LibvirtException;
    }

    private interface DomainOp<T> {
        T apply(Domain d) throws LibvirtException;
    }

    private <T> T onDomain(String what, GuestKey key, DomainOp<T> op) {
        if (key.kind() != GuestKind.VM) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, what + " failed: libvirt only holds VMs", null);
        }
        return onWorker(what, c -> {
            Domain d = null;
            try {
                d = c.domainLookupByName(key.name());
                return op.apply(d);
            } finally {
                free(d);
            }
        });
    }

    private <T> T onWorker(String what, ConnOp<T> op) {
        try {
            return worker.submit(() -> {
                Connect c = connection();
                try {
                    return op.apply(c);
                } catch (LibvirtException e) {
                    if (broken || !alive(c)) {
                        disconnect();
                        throw new SourceUnavailableException(uri + " connection lost: " + firstLine(e), e);
                    }
                    throw translate(what, e);
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException(what + " interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    private Connect connection() {
        if (conn != null && !broken) {
            return conn;
        }
        disconnect();
        try {
            LibvirtEventLoop.ensureStarted();
            Connect c = new Connect(uri);
            broken = false;
            c.registerCloseListener((closed, reason) -> {
                broken = true; // on the event-loop thread: record and poke, nothing more
                notifySubscribers();
            });
            c.addLifecycleListener(lifecycle);
            metadataEvents = MetadataEvents.register(c, metadataChanged);
            // Events missed while there was no connection: nothing cached can be trusted.
            config.clear();
            metadata.clear();
            changed.clear();
            conn = c;
            LOG.info("connected to " + uri);
            return c;
        } catch (LibvirtException | IllegalStateException | UnsatisfiedLinkError e) {
            throw new SourceUnavailableException(uri + " unreachable: " + firstLine(e), e);
        }
    }

    private void disconnect() {
        if (conn == null) {
            return;
        }
        Connect c = conn;
        conn = null;
        try {
            c.removeLifecycleListener(lifecycle);
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "dropping the listener of a dead connection", e);
        }
        if (metadataEvents != null) {
            metadataEvents.close();
            metadataEvents = null;
        }
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "dropping the close listener of a dead connection", e);
        }
        try {
            c.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a dead connection", e);
        }
    }

    private static boolean alive(Connect c) {
        try {
            return c.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** A domain that disappears between listing and lookup is not an error: it was just removed. */
    private static boolean vanished(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    private static HyperlabException translate(String what, LibvirtException e) {
        boolean missing = vanished(e);
        return new HyperlabException(missing ? ErrorCode.NOT_FOUND : ErrorCode.OPERATION_FAILED,
                what + " failed: " + firstLine(e), missing ? "refresh the list; it was removed meanwhile" : null, e);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void free(Domain d) {
        if (d != null) {
            try {
                d.free();
            } catch (LibvirtException e) {
                LOG.log(Level.FINE, "free", e);
            }
        }
    }
}
