package dev.hyperlab.tui.data.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;

/**
 * One {@code virConnectGetAllDomainStats} call for every domain's state, CPU time, memory and
 * vCPUs. libvirt-java 0.5.2 lacks this call; without it a refresh costs four round trips per
 * domain (lookup, name, info, free), which with hundreds of guests misses the 50 ms budget.
 * Call only on the thread that owns the connection.
 */
final class BulkDomainStats {
    /** virDomainStatsTypes: STATE | CPU_TOTAL | BALLOON | VCPU. */
    private static final int STATS = 1 | 2 | 4 | 8;
    /** sizeof(virTypedParameter): char field[80]; int type; (pad) union value (8 bytes). */
    private static final int PARAM_SIZE = 96;
    private static final int VALUE_OFFSET = 88;

    /** One domain's numbers; memory and cpu time are -1 when the driver did not report them. */
    record Stats(String name, int state, long cpuTimeNanos, long maxMemKiB, int vcpus) {}

    interface Native9 extends Library {
        int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference retStats, int flags);

        void virDomainStatsRecordListFree(Pointer stats);

        String virDomainGetName(Pointer dom);
    }

    private static volatile Native9 lib;

    private BulkDomainStats() {}

    private static Native9 lib() {
        if (lib == null) {
            lib = Native.load("virt", Native9.class);
        }
        return lib;
    }

    /** @return the stats, or null when the driver does not implement bulk stats (caller falls back) */
    static List<Stats> read(Connect conn) {
        Pointer c = pointerOf(conn);
        PointerByReference ret = new PointerByReference();
        int n = lib().virConnectGetAllDomainStats(c, STATS, ret, 0);
        if (n < 0) {
            return null;
        }
        Pointer records = ret.getValue();
        try {
            List<Stats> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer rec = records.getPointer((long) i * Native.POINTER_SIZE);
                Pointer dom = rec.getPointer(0);
                Pointer params = rec.getPointer(Native.POINTER_SIZE);
                int nparams = rec.getInt(2L * Native.POINTER_SIZE);
                int state = 0;
                long cpu = -1;
                long mem = -1;
                int vcpus = 0;
                for (int p = 0; p < nparams; p++) {
                    long base = (long) p * PARAM_SIZE;
                    String field = params.getString(base);
                    switch (field) {
                        case "state.state" -> state = params.getInt(base + VALUE_OFFSET);
                        case "cpu.time" -> cpu = params.getLong(base + VALUE_OFFSET);
                        case "balloon.maximum" -> mem = params.getLong(base + VALUE_OFFSET);
                        case "vcpu.current" -> vcpus = params.getInt(base + VALUE_OFFSET);
                        default -> { }
                    }
                }
                out.add(new Stats(lib().virDomainGetName(dom), state, cpu, mem, vcpus));
            }
            return out;
        } finally {
            if (records != null) {
                lib().virDomainStatsRecordListFree(records);
            }
        }
    }

    /** The {@code virConnectPtr} behind a libvirt-java connection. */
    static Pointer pointerOf(Connect conn) {
        try {
            Field f = Connect.class.getDeclaredField("vcp");
            f.setAccessible(true);
            return ((PointerType) f.get(conn)).getPointer();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libvirt-java changed: no Connect.vcp", e);
        }
    }
}
