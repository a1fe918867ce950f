package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;
import com.sun.jna.ptr.PointerByReference;

/**
 * The one JNA mapping of the libvirt C functions that libvirt-java 0.5.2 does not wrap: console,
 * volume upload, metadata, bulk domain stats, migration with typed parameters and job stats, the metadata-change event and host memory stats. Handles are raw
 * pointers taken from libvirt-java objects (see {@link Handles}). Call only on the thread that
 * owns the connection ({@link LibvirtConnection}), except the event callbacks, which libvirt runs
 * on its event-loop thread.
 */
interface LibvirtNative extends Library {
    LibvirtNative INSTANCE = Native.load("virt", LibvirtNative.class);

    int VIR_DOMAIN_CONSOLE_FORCE = 1;
    int VIR_DOMAIN_METADATA_ELEMENT = 2;
    int VIR_DOMAIN_AFFECT_LIVE = 1;
    int VIR_DOMAIN_AFFECT_CONFIG = 2;
    /** virDomainEventID (since libvirt 3.0). */
    int VIR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23;
    /** virDomainStatsTypes: STATE | CPU_TOTAL | BALLOON | VCPU. */
    int DOMAIN_STATS = 1 | 2 | 4 | 8;

    int virDomainOpenConsole(Pointer dom, String devName, Pointer stream, int flags);

    int virStorageVolUpload(Pointer vol, Pointer stream, long offset, long length, int flags);

    /** {@code length} 0: the whole volume. Missing from libvirt-java 0.5.2. */
    int virStorageVolDownload(Pointer vol, Pointer stream, long offset, long length, int flags);

    /** VIR_DOMAIN_DEFINE_VALIDATE: check the XML against libvirt's schema before defining it. */
    int VIR_DOMAIN_DEFINE_VALIDATE = 1;

    /** virDomainDefineXMLFlags (libvirt-java 0.5.2 has only the call without flags). */
    Pointer virDomainDefineXMLFlags(Pointer conn, String xml, int flags);

    int virDomainFree(Pointer dom);

    int virDomainSetMetadata(Pointer dom, int type, String metadata, String key, String uri, int flags);

    /** Fills {@code retStats} with an array of {@link StatsRecord} pointers; returns their count or -1. */
    int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference retStats, int flags);

    void virDomainStatsRecordListFree(Pointer stats);

    /** Host memory counters (KiB); {@code params} null asks only for their number in {@code nparams}. */
    int virNodeGetMemoryStats(Pointer conn, int cellNum, Pointer params, com.sun.jna.ptr.IntByReference nparams, int flags);

    int virConnectDomainEventRegisterAny(Pointer conn, Pointer dom, int eventID, Callback cb, Pointer opaque,
                                         Pointer freecb);

    int virConnectDomainEventDeregisterAny(Pointer conn, int callbackID);

    // --- migration (virDomainMigrateToURI3 and virDomainMigrate3 take typed parameters) ---

    int VIR_MIGRATE_LIVE = 1;
    int VIR_MIGRATE_PEER2PEER = 2;
    int VIR_MIGRATE_PERSIST_DEST = 8;
    int VIR_MIGRATE_UNDEFINE_SOURCE = 16;
    int VIR_MIGRATE_NON_SHARED_INC = 128;
    int VIR_MIGRATE_OFFLINE = 1024;
    /** virDomainGetXMLDesc: SECURE | MIGRATABLE, and INACTIVE for the persistent definition. */
    int VIR_DOMAIN_XML_SECURE = 1;
    int VIR_DOMAIN_XML_INACTIVE = 2;
    int VIR_DOMAIN_XML_MIGRATABLE = 8;
    /** virDomainGetJobStats: the last completed job instead of the running one. */
    int VIR_DOMAIN_JOB_STATS_COMPLETED = 1;

    int virTypedParamsAddString(PointerByReference params, com.sun.jna.ptr.IntByReference nparams,
                                com.sun.jna.ptr.IntByReference maxparams, String name, String value);

    int virTypedParamsGetULLong(Pointer params, int nparams, String name, com.sun.jna.ptr.LongByReference value);

    void virTypedParamsFree(Pointer params, int nparams);

    /** Peer-to-peer: the source's daemon connects to {@code dconnuri} itself. Blocks until the migration ends. */
    int virDomainMigrateToURI3(Pointer dom, String dconnuri, Pointer params, int nparams, int flags);

    /** Driven by this client over both connections; returns the domain on the target (to free), null on failure. */
    Pointer virDomainMigrate3(Pointer dom, Pointer dconn, Pointer params, int nparams, int flags);

    int virDomainGetJobStats(Pointer dom, com.sun.jna.ptr.IntByReference type, PointerByReference params,
                             com.sun.jna.ptr.IntByReference nparams, int flags);

    /** virConnectDomainEventMetadataChangeCallback. */
    interface MetadataChangeCallback extends Callback {
        void invoke(Pointer conn, Pointer dom, int type, String nsuri, Pointer opaque);
    }

    /** struct _virDomainStatsRecord. Only its layout is used: {@link StatsLayout} reads it in bulk. */
    @Structure.FieldOrder({"dom", "params", "nparams"})
    final class StatsRecord extends Structure {
        public Pointer dom;
        public Pointer params;
        public int nparams;

        int offsetOf(String field) { return fieldOffset(field); }
    }

    /** struct _virTypedParameter: {@code char field[80]; int type; union value}. */
    @Structure.FieldOrder({"field", "type", "value"})
    final class TypedParameter extends Structure {
        public byte[] field = new byte[80];
        public int type;
        public Value value;

        public static final class Value extends Union {
            public int i;
            public long l;
            public double d;
            public Pointer s;
        }

        int offsetOf(String f) { return fieldOffset(f); }
    }

    /**
     * Offsets and sizes of the two structs, computed once by JNA from the declarations above. A
     * 500-domain refresh reads every parameter from one native copy with these, instead of one
     * reflective {@link Structure#read()} per parameter (which cost more than all else together).
     */
    final class StatsLayout {
        static final int RECORD_DOM;
        static final int RECORD_PARAMS;
        static final int RECORD_NPARAMS;
        static final int PARAM_SIZE;
        static final int PARAM_VALUE;

        static {
            StatsRecord r = new StatsRecord();
            RECORD_DOM = r.offsetOf("dom");
            RECORD_PARAMS = r.offsetOf("params");
            RECORD_NPARAMS = r.offsetOf("nparams");
            TypedParameter p = new TypedParameter();
            PARAM_SIZE = p.size();
            PARAM_VALUE = p.offsetOf("value");
        }

        private StatsLayout() {}
    }

    /**
     * Accessors called once per domain per refresh, through JNA's direct mapping: an
     * interface-mapped call goes through a proxy and reflection, several times the cost. It reads
     * the client's copy of the handle: no round trip to the daemon.
     */
    final class Direct {
        static {
            Native.register("virt");
        }

        private Direct() {}

        static native String virDomainGetName(Pointer dom);
    }
}
