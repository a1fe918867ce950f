package dev.hyperlab.tui.data.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /**
     * virDomainGetName, called once per domain per refresh, through JNA's direct mapping: an
     * interface-mapped call goes through a proxy and reflection, several times the cost.
     */
    static final class DirectName {
        static {
            Native.register("virt");
        }

        private DirectName() {}

        static native String virDomainGetName(Pointer dom);
    }

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
                // One native copy of the domain's parameters, read in Java: a JNA call per field
                // (and a String per name) cost more than everything else in a 500-guest refresh.
                ByteBuffer raw = ByteBuffer.wrap(params.getByteArray(0, nparams * PARAM_SIZE)).order(ByteOrder.nativeOrder());
                for (int p = 0; p < nparams; p++) {
                    int base = p * PARAM_SIZE;
                    if (named(raw, base, STATE_STATE)) {
                        state = raw.getInt(base + VALUE_OFFSET);
                    } else if (named(raw, base, CPU_TIME)) {
                        cpu = raw.getLong(base + VALUE_OFFSET);
                    } else if (named(raw, base, BALLOON_MAXIMUM)) {
                        mem = raw.getLong(base + VALUE_OFFSET);
                    } else if (named(raw, base, VCPU_CURRENT)) {
                        vcpus = raw.getInt(base + VALUE_OFFSET);
                    }
                }
                out.add(new Stats(DirectName.virDomainGetName(dom), state, cpu, mem, vcpus));
            }
            return out;
        } finally {
            if (records != null) {
                lib().virDomainStatsRecordListFree(records);
            }
        }
    }

    private static final byte[] STATE_STATE = name("state.state");
    private static final byte[] CPU_TIME = name("cpu.time");
    private static final byte[] BALLOON_MAXIMUM = name("balloon.maximum");
    private static final byte[] VCPU_CURRENT = name("vcpu.current");

    /** The field name as stored in virTypedParameter.field: the ASCII bytes and the terminating NUL. */
    private static byte[] name(String field) {
        byte[] ascii = field.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1);
    }

    /** Whether the parameter at {@code base} is called {@code field} (NUL included, so no prefix matches). */
    static boolean named(ByteBuffer raw, int base, byte[] field) {
        for (int i = 0; i < field.length; i++) {
            if (raw.get(base + i) != field[i]) {
                return false;
            }
        }
        return true;
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
