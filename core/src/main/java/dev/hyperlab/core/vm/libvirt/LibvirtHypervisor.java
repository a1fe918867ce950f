package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.libvirt.Stream;
import org.libvirt.event.LifecycleListener;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@link Hypervisor} over libvirt-java. The {@link Connect} is opened on, and only ever used
 * from, one worker thread owned by this object: every call is submitted to it. Every
 * Domain/StorageVol/Stream/DomainSnapshot handle is freed in a {@code finally}.
 */
public final class LibvirtHypervisor implements Hypervisor {
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** libvirt error code VIR_ERR_NO_DOMAIN, VIR_ERR_NO_STORAGE_VOL, VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_DOMAIN_SNAPSHOT. */
    private static final java.util.Set<String> NOT_FOUND_CODES =
            java.util.Set.of("VIR_ERR_NO_DOMAIN", "VIR_ERR_NO_STORAGE_VOL", "VIR_ERR_NO_STORAGE_POOL",
                    "VIR_ERR_NO_DOMAIN_SNAPSHOT");

    private final String uri;
    private final ExecutorService worker;
    /** Lifecycle events leave the event-loop thread at once and run here. */
    private final ExecutorService events;
    private final Connect conn;
    /** Counts handles freed, so tests can check nothing leaks. */
    private final AtomicInteger freed = new AtomicInteger();
    private final AtomicInteger taken = new AtomicInteger();

    private LibvirtHypervisor(String uri) {
        this.uri = uri;
        int n = SEQ.incrementAndGet();
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "libvirt-conn-" + n));
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "libvirt-events-" + n));
        try {
            this.conn = worker.submit(() -> new Connect(uri, false)).get();
        } catch (ExecutionException e) {
            worker.shutdownNow();
            events.shutdownNow();
            Throwable c = e.getCause();
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "connecting to libvirt at " + uri + " failed: "
                    + message(c), "try 'hyperlab doctor', or check that libvirtd runs and --connect is right", c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "connecting to libvirt interrupted", null, e);
        }
    }

    /** Opens a connection; {@code uri} null means LIBVIRT_DEFAULT_URI or else {@code qemu:///system}. */
    public static LibvirtHypervisor connect(String uri) {
        LibvirtEventLoop.ensureStarted();
        return new LibvirtHypervisor(resolveUri(uri));
    }

    public static String resolveUri(String uri) {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String env = System.getenv("LIBVIRT_DEFAULT_URI");
        return env == null || env.isBlank() ? "qemu:///system" : env;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override public String uri() { return uri; }

    /**
     * KVM when libvirt's capabilities offer it, else TCG. For a local host the caller should prefer
     * doctor's {@code AcceleratorDecision}: a {@code /dev/kvm} that opens (and so shows up here)
     * can still be unable to run a stock kernel.
     */
    @Override public DomainType defaultDomainType() {
        return call("reading host capabilities", () -> conn.getCapabilities().contains("<domain type='kvm'")
                ? DomainType.KVM : DomainType.QEMU);
    }

    /** Number of handles freed vs taken so far (for leak tests). */
    public int handlesTaken() { return taken.get(); }

    public int handlesFreed() { return freed.get(); }

    // ------------------------------------------------------------------ storage

    @Override public void ensurePool(String name, String dir) {
        call("preparing storage pool " + name, () -> {
            StoragePool pool = lookupPool(name);
            if (pool == null) {
                String xml = "<pool type='dir'><name>" + Xml.esc(name) + "</name><target><path>"
                        + Xml.esc(dir) + "</path></target></pool>";
                pool = conn.storagePoolDefineXML(xml, 0);
                try {
                    pool.build(0);
                } catch (LibvirtException e) {
                    // build fails only when the directory cannot be made; create() reports it clearly
                }
                pool.setAutostart(1);
            }
            try {
                if (pool.isActive() == 0) {
                    pool.create(0);
                }
            } finally {
                pool.free();
            }
            return null;
        });
    }

    private StoragePool lookupPool(String name) throws LibvirtException {
        try {
            return conn.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private StoragePool pool(String name) throws LibvirtException {
        StoragePool p = lookupPool(name);
        if (p == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "storage pool '" + name + "' not found",
                    "try 'hyperlab vm create' which makes it");
        }
        return p;
    }

    @Override public VolumeRef createOverlay(String poolName, String volName, String basePath, long capacity) {
        String xml = "<volume type='file'><name>" + Xml.esc(volName) + "</name>"
                + "<capacity unit='bytes'>" + capacity + "</capacity>"
                + "<target><format type='qcow2'/><permissions><mode>0600</mode></permissions></target>"
                + "<backingStore><path>" + Xml.esc(basePath) + "</path><format type='qcow2'/></backingStore>"
                + "</volume>";
        return call("creating overlay " + volName, () -> {
            StoragePool pool = pool(poolName);
            try {
                StorageVol vol = took(pool.storageVolCreateXML(xml, 0));
                try {
                    return ref(poolName, vol);
                } finally {
                    free(vol);
                }
            } finally {
                pool.free();
            }
        });
    }

    @Override public VolumeRef uploadVolume(String poolName, String volName, Path localFile) {
        long size;
        try {
            size = Files.size(localFile);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.BAD_INPUT, "reading " + localFile + " failed: " + e.getMessage(),
                    "try a readable file", e);
        }
        String xml = "<volume type='file'><name>" + Xml.esc(volName) + "</name>"
                + "<capacity unit='bytes'>" + size + "</capacity>"
                + "<target><format type='raw'/><permissions><mode>0600</mode></permissions></target></volume>";
        return call("uploading " + localFile.getFileName() + " as volume " + volName, () -> {
            StoragePool pool = pool(poolName);
            StorageVol vol = null;
            boolean ok = false;
            try {
                vol = took(pool.storageVolCreateXML(xml, 0));
                Stream st = took(conn.streamNew(0));
                try {
                    check(LibvirtExtra.INSTANCE.virStorageVolUpload(Handles.of(vol), Handles.of(st), 0, size, 0),
                            "virStorageVolUpload");
                    byte[] buf = new byte[256 * 1024];
                    try (InputStream in = Files.newInputStream(localFile)) {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            byte[] chunk = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
                            int off = 0;
                            while (off < chunk.length) {
                                int sent = st.send(off == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, off, chunk.length));
                                if (sent < 0) {
                                    throw new IOException("stream send failed");
                                }
                                off += sent;
                            }
                        }
                    }
                    st.finish();
                } catch (IOException | RuntimeException | LibvirtException e) {
                    try {
                        st.abort();
                    } catch (LibvirtException ignored) {
                        // the stream is already broken; the volume is deleted below
                    }
                    throw e;
                } finally {
                    free(st);
                }
                VolumeRef r = ref(poolName, vol);
                ok = true;
                return r;
            } finally {
                if (vol != null) {
                    if (!ok) {
                        try {
                            vol.delete(0);
                        } catch (LibvirtException ignored) {
                            // best effort: gc finds it by name later
                        }
                    }
                    free(vol);
                }
                pool.free();
            }
        });
    }

    @Override public void deleteVolume(String poolName, String volName) {
        call("deleting volume " + volName, () -> {
            StoragePool pool = lookupPool(poolName);
            if (pool == null) {
                return null;
            }
            try {
                refresh(pool);
                StorageVol vol;
                try {
                    vol = took(pool.storageVolLookupByName(volName));
                } catch (LibvirtException e) {
                    if (isNotFound(e)) {
                        return null;
                    }
                    throw e;
                }
                try {
                    vol.delete(0);
                } finally {
                    free(vol);
                }
            } finally {
                pool.free();
            }
            return null;
        });
    }

    @Override public List<VolumeRef> listVolumes(String poolName) {
        return call("listing volumes of " + poolName, () -> {
            StoragePool pool = lookupPool(poolName);
            if (pool == null) {
                return List.of();
            }
            try {
                refresh(pool);
                List<VolumeRef> out = new ArrayList<>();
                for (String n : pool.listVolumes()) {
                    StorageVol v;
                    try {
                        v = took(pool.storageVolLookupByName(n));
                    } catch (LibvirtException e) {
                        if (isNotFound(e)) {
                            continue; // deleted by another client since the listing
                        }
                        throw e;
                    }
                    try {
                        out.add(ref(poolName, v));
                    } catch (LibvirtException e) {
                        if (!isNotFound(e)) {
                            throw e;
                        }
                    } finally {
                        free(v);
                    }
                }
                return out;
            } finally {
                pool.free();
            }
        });
    }

    /**
     * Rescans the pool's directory, unless another client is creating a volume in it: libvirt then
     * refuses ("has asynchronous jobs running"), and the list it has is current for every volume
     * made through libvirt, which is all hyperlab looks for. Without this, one create made every
     * concurrent create, rm and gc on the host fail.
     */
    private static void refresh(StoragePool pool) throws LibvirtException {
        try {
            pool.refresh(0);
        } catch (LibvirtException e) {
            if (e.getMessage() == null || !e.getMessage().contains("asynchronous jobs running")) {
                throw e;
            }
        }
    }

    private static VolumeRef ref(String pool, StorageVol v) throws LibvirtException {
        StorageVolInfo i = v.getInfo();
        return new VolumeRef(pool, v.getName(), v.getPath(), i.allocation, i.capacity);
    }

    // ------------------------------------------------------------------ domains

    @Override public void define(DomainSpec spec) {
        String xml = DomainXmlBuilder.build(spec);
        call("defining VM " + spec.name(), () -> {
            Domain existing = lookup(spec.name());
            if (existing != null) {
                free(existing);
                throw new HyperlabException(ErrorCode.CONFLICT, "a VM named '" + spec.name() + "' exists already",
                        "try another name, or 'hyperlab vm rm " + spec.name() + "'");
            }
            free(took(conn.domainDefineXML(xml)));
            return null;
        });
    }

    @Override public void start(String name, boolean paused) {
        onDomain("starting " + name, name, d -> d.create(paused ? 1 : 0));
    }

    @Override public void resume(String name) { onDomain("resuming " + name, name, d -> { d.resume(); return 0; }); }

    @Override public void shutdown(String name) { onDomain("shutting down " + name, name, d -> { d.shutdown(); return 0; }); }

    @Override public void destroy(String name) { onDomain("stopping " + name, name, d -> { d.destroy(); return 0; }); }

    @Override public void reboot(String name) { onDomain("rebooting " + name, name, d -> { d.reboot(0); return 0; }); }

    @Override public void undefine(String name) {
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

    @Override public Optional<VmInfo> find(String name) {
        return call("looking up " + name, () -> {
            Domain d = lookup(name);
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

    @Override public List<VmInfo> list() {
        return call("listing VMs", () -> {
            List<VmInfo> out = new ArrayList<>();
            for (int id : conn.listDomains()) {
                Domain d;
                try {
                    d = took(conn.domainLookupByID(id));
                } catch (LibvirtException e) {
                    continue; // stopped between list and lookup
                }
                try {
                    out.add(info(d));
                } finally {
                    free(d);
                }
            }
            for (String n : conn.listDefinedDomains()) {
                Domain d = lookup(n);
                if (d == null) {
                    continue;
                }
                try {
                    out.add(info(d));
                } finally {
                    free(d);
                }
            }
            out.sort(java.util.Comparator.comparing(VmInfo::name));
            return out;
        });
    }

    private VmInfo info(Domain d) throws LibvirtException {
        DomainInfo i = d.getInfo();
        Document doc = Xml.parse(d.getXMLDesc(0));
        return new VmInfo(d.getName(), d.getUUIDString(), state(i.state), i.nrVirtCpu, i.maxMem * 1024L,
                i.cpuTime, DomainXmlReader.label(doc), DomainXmlReader.timeline(doc));
    }

    /** One mapping of libvirt states for every caller (the CLI, the TUI). */
    public static GuestState state(DomainInfo.DomainState s) {
        return switch (s) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> GuestState.RUNNING;
            case VIR_DOMAIN_PAUSED -> GuestState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> GuestState.TRANSITIONING;
            case VIR_DOMAIN_SHUTOFF -> GuestState.STOPPED;
            case VIR_DOMAIN_CRASHED -> GuestState.CRASHED;
            default -> GuestState.UNKNOWN;
        };
    }

    @Override public void saveTimeline(String name, BootTimeline timeline) {
        String el = DomainXmlReader.timelineElement(timeline);
        onDomain("saving the boot timeline of " + name, name, d -> {
            int flags = LibvirtExtra.VIR_DOMAIN_AFFECT_CONFIG | (d.isActive() == 1 ? LibvirtExtra.VIR_DOMAIN_AFFECT_LIVE : 0);
            return check(LibvirtExtra.INSTANCE.virDomainSetMetadata(Handles.of(d),
                    LibvirtExtra.VIR_DOMAIN_METADATA_ELEMENT, el, "hltl",
                    dev.hyperlab.core.vm.HyperlabLabel.TIMELINE_NAMESPACE, flags), "virDomainSetMetadata");
        });
    }

    @Override public String agentCommand(String name, String json, int timeoutSeconds) {
        return call("asking the guest agent of " + name, () -> {
            Domain d = required(name);
            try {
                return d.qemuAgentCommand(json, timeoutSeconds, 0);
            } catch (LibvirtException e) {
                String m = message(e);
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

    @Override public String xml(String name) {
        return call("reading the XML of " + name, () -> {
            Domain d = required(name);
            try {
                return d.getXMLDesc(0);
            } finally {
                free(d);
            }
        });
    }

    // ------------------------------------------------------------------ console, events

    @Override public ConsoleStream openConsole(String name) {
        return call("opening the console of " + name, () -> {
            Domain d = required(name);
            try {
                Stream st = took(conn.streamNew(0));
                try {
                    check(LibvirtExtra.INSTANCE.virDomainOpenConsole(Handles.of(d), null, Handles.of(st),
                            LibvirtExtra.VIR_DOMAIN_CONSOLE_FORCE), "virDomainOpenConsole");
                } catch (LibvirtException | RuntimeException e) {
                    free(st);
                    throw e;
                }
                return new LibvirtConsole(st);
            } finally {
                free(d);
            }
        });
    }

    /**
     * A console stream. Reads block in {@code virStreamRecv}; libvirt's client multiplexes streams
     * on the connection, so this does not hold the worker thread (other calls go on meanwhile).
     */
    private final class LibvirtConsole implements ConsoleStream {
        private final Stream st;
        private boolean closed;
        private boolean freed;
        /** Reads in flight: the stream is freed only after the last one returned (else use-after-free). */
        private int reading;

        LibvirtConsole(Stream st) { this.st = st; }

        @Override public int read(byte[] buf) {
            synchronized (this) {
                if (closed) {
                    return -1;
                }
                reading++;
            }
            try {
                int n = st.receive(buf);
                return n == 0 ? -1 : n;
            } catch (LibvirtException e) {
                synchronized (this) {
                    if (closed) {
                        return -1;
                    }
                }
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading the console failed: "
                        + message(e), "try 'hyperlab vm log NAME'", e);
            } finally {
                synchronized (this) {
                    reading--;
                    freeIfDone();
                }
            }
        }

        @Override public void write(byte[] data, int len) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                int off = 0;
                while (off < len) {
                    byte[] chunk = java.util.Arrays.copyOfRange(data, off, len);
                    int n = st.send(chunk);
                    if (n <= 0) {
                        return;
                    }
                    off += n;
                }
            } catch (LibvirtException e) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing to the console failed: "
                        + message(e), null, e);
            }
        }

        @Override public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                st.abort(); // wakes a blocked read, which then frees the stream
            } catch (LibvirtException ignored) {
                // already closed by the other end
            }
            freeIfDone();
        }

        private void freeIfDone() {
            if (closed && reading == 0 && !freed) {
                freed = true;
                free(st);
            }
        }
    }

    @Override public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) {
        LifecycleListener l = (domain, event) -> {
            // runs on the event-loop thread: copy what we need and leave at once
            String name;
            try {
                name = domain.getName();
            } catch (LibvirtException e) {
                name = "?";
            }
            LifecycleEvent ev = new LifecycleEvent(name, String.valueOf(event.getType()),
                    String.valueOf(event.getDetail()), System.nanoTime());
            events.execute(() -> listener.accept(ev));
            return 0;
        };
        call("subscribing to lifecycle events", () -> {
            conn.addLifecycleListener(l);
            return null;
        });
        return () -> call("unsubscribing", () -> {
            conn.removeLifecycleListener(l);
            return null;
        });
    }

    // ------------------------------------------------------------------ snapshots

    @Override public void createSnapshot(String domain, String snapshot, String description) {
        String xml = "<domainsnapshot><name>" + Xml.esc(snapshot) + "</name><description>"
                + Xml.esc(description == null ? "" : description) + "</description>"
                + "<disks><disk name='vda' snapshot='internal'/></disks></domainsnapshot>";
        onDomain("creating snapshot " + snapshot + " of " + domain, domain, d -> {
            free(took(d.snapshotCreateXML(xml, 0)));
            return 0;
        });
    }

    @Override public List<SnapshotInfo> listSnapshots(String domain) {
        return call("listing snapshots of " + domain, () -> {
            Domain d = required(domain);
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
                        for (org.w3c.dom.Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                            if (c instanceof Element e && e.getLocalName().equals("parent")) {
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

    @Override public void revertSnapshot(String domain, String snapshot) {
        onDomain("reverting " + domain + " to " + snapshot, domain, d -> {
            DomainSnapshot s = snapshot(d, snapshot);
            try {
                return d.revertToSnapshot(s);
            } finally {
                free(s);
            }
        });
    }

    @Override public void deleteSnapshot(String domain, String snapshot) {
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

    // ------------------------------------------------------------------ plumbing

    @Override public void close() {
        try {
            worker.submit(() -> {
                conn.close();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // closing a dead connection: nothing left to release
        } finally {
            worker.shutdown();
            events.shutdown();
        }
    }

    private interface DomainOp { int apply(Domain d) throws LibvirtException; }

    private void onDomain(String what, String name, DomainOp op) {
        call(what, () -> {
            Domain d = required(name);
            try {
                return op.apply(d);
            } finally {
                free(d);
            }
        });
    }

    private Domain lookup(String name) throws LibvirtException {
        try {
            return took(conn.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private Domain required(String name) throws LibvirtException {
        Domain d = lookup(name);
        if (d == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no VM named '" + name + "'", "try 'hyperlab vm list'");
        }
        return d;
    }

    private <T> T took(T handle) {
        taken.incrementAndGet();
        return handle;
    }

    private void free(Object handle) {
        if (handle == null) {
            return;
        }
        try {
            if (handle instanceof Domain d) {
                d.free();
            } else if (handle instanceof StorageVol v) {
                v.free();
            } else if (handle instanceof Stream s) {
                s.free();
            } else if (handle instanceof DomainSnapshot s) {
                s.free();
            }
            freed.incrementAndGet();
        } catch (LibvirtException ignored) {
            // freeing can only fail for an invalid handle, which there is nothing left to do about
        }
    }

    private static int check(int rc, String fn) throws LibvirtException {
        if (rc < 0) {
            throw new ExtraCallException(fn + " failed: " + lastError());
        }
        return rc;
    }

    private static String lastError() {
        try {
            org.libvirt.jna.virError err = org.libvirt.jna.Libvirt.INSTANCE.virGetLastError();
            return err == null ? "unknown error" : err.message;
        } catch (RuntimeException e) {
            return "unknown error";
        }
    }

    /** A failure of one of our own JNA calls, carrying libvirt's last error text. */
    static final class ExtraCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExtraCallException(String m) { super(m); }
    }

    private <T> T call(String what, Callable<T> op) {
        Future<T> f = worker.submit(op);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " interrupted", null, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HyperlabException he) {
                throw he;
            }
            ErrorCode code = c instanceof LibvirtException le && isNotFound(le) ? ErrorCode.NOT_FOUND
                    : ErrorCode.OPERATION_FAILED;
            throw new HyperlabException(code, what + " failed: " + message(c), hintFor(c), c);
        }
    }

    private static String hintFor(Throwable c) {
        String m = message(c);
        if (m.contains("virtlogd")) {
            return "try starting virtlogd ('virtlogd -d') or run scripts/setup.sh";
        }
        if (m.contains("Permission denied")) {
            return "try running as root or with access to the libvirt socket";
        }
        return "try 'hyperlab doctor' to check the host";
    }

    private static boolean isNotFound(LibvirtException e) {
        if (e.getError() == null) {
            return false;
        }
        // libvirt-java 0.5.2 maps some newer error numbers to the wrong enum constant, so the
        // message ("Domain snapshot not found: ...") is checked too
        String m = e.getError().getMessage();
        return (e.getError().getCode() != null && NOT_FOUND_CODES.contains(e.getError().getCode().name()))
                || (m != null && m.contains(" not found: "));
    }

    static String message(Throwable t) {
        if (t instanceof LibvirtException le && le.getError() != null && le.getError().getMessage() != null) {
            return le.getError().getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
