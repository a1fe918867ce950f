package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.libvirt.Connect;

/**
 * One {@code virConnectGetAllDomainStats} call for every domain's state, CPU time, memory and
 * vCPUs. Without it a listing costs four round trips per domain (lookup, name, info, free), which
 * with hundreds of guests misses the TUI's 50 ms budget. Worker thread only.
 */
final class DomainStatsReader {

    /** One domain's numbers; CPU time and memory are -1, vCPUs 0, when the driver did not report them. */
    record Raw(String name, int state, long cpuTimeNanos, long maxMemKiB, int vcpus) {}

    private static final byte[] STATE_STATE = name("state.state");
    private static final byte[] CPU_TIME = name("cpu.time");
    private static final byte[] BALLOON_MAXIMUM = name("balloon.maximum");
    private static final byte[] VCPU_CURRENT = name("vcpu.current");

    private DomainStatsReader() {}

    /** @return the stats, or null when the driver does not implement bulk stats (the caller falls back) */
    static List<Raw> read(Connect conn) {
        PointerByReference ret = new PointerByReference();
        int n = LibvirtNative.INSTANCE.virConnectGetAllDomainStats(Handles.of(conn), LibvirtNative.DOMAIN_STATS, ret, 0);
        if (n < 0) {
            return null;
        }
        Pointer records = ret.getValue();
        int size = LibvirtNative.StatsLayout.PARAM_SIZE;
        int valueAt = LibvirtNative.StatsLayout.PARAM_VALUE;
        try {
            List<Raw> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer rec = records.getPointer((long) i * Native.POINTER_SIZE);
                Pointer dom = rec.getPointer(LibvirtNative.StatsLayout.RECORD_DOM);
                Pointer params = rec.getPointer(LibvirtNative.StatsLayout.RECORD_PARAMS);
                int nparams = rec.getInt(LibvirtNative.StatsLayout.RECORD_NPARAMS);
                int state = 0;
                long cpu = -1;
                long mem = -1;
                int vcpus = 0;
                // One native copy of the domain's parameters, read in Java: a JNA call per field
                // (and a String per name) cost more than everything else in a 500-guest refresh.
                ByteBuffer raw = ByteBuffer.wrap(params.getByteArray(0, nparams * size)).order(ByteOrder.nativeOrder());
                for (int p = 0; p < nparams; p++) {
                    int base = p * size;
                    if (named(raw, base, STATE_STATE)) {
                        state = raw.getInt(base + valueAt);
                    } else if (named(raw, base, CPU_TIME)) {
                        cpu = raw.getLong(base + valueAt);
                    } else if (named(raw, base, BALLOON_MAXIMUM)) {
                        mem = raw.getLong(base + valueAt);
                    } else if (named(raw, base, VCPU_CURRENT)) {
                        vcpus = raw.getInt(base + valueAt);
                    }
                }
                out.add(new Raw(LibvirtNative.Direct.virDomainGetName(dom), state, cpu, mem, vcpus));
            }
            return out;
        } finally {
            if (records != null) {
                LibvirtNative.INSTANCE.virDomainStatsRecordListFree(records);
            }
        }
    }

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
}
