package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.hyperlab.core.vm.HostMemory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host's memory from {@code virNodeGetMemoryStats} over all cells (libvirt-java 0.5.2 does not
 * wrap it). {@code virNodeGetInfo} is not enough: on a host with hot-plugged memory it counts only
 * what the NUMA nodes list at boot (measured: 10 GiB of a 24 GiB machine), which would refuse guests
 * that fit. "Free" here is free + buffers + cached, the memory a new guest can take.
 */
final class NodeMemoryStats {
    private static final int ALL_CELLS = -1;
    /** struct virNodeMemoryStats { char field[80]; unsigned long long value; } */
    private static final int FIELD_LENGTH = 80;
    private static final int RECORD_SIZE = FIELD_LENGTH + 8;

    private NodeMemoryStats() {}

    /** The stats, or empty when the driver does not offer them (the test driver), so the caller falls back. */
    static Optional<HostMemory> read(Pointer conn) {
        IntByReference n = new IntByReference(0);
        if (LibvirtNative.INSTANCE.virNodeGetMemoryStats(conn, ALL_CELLS, null, n, 0) < 0 || n.getValue() <= 0) {
            return Optional.empty();
        }
        Memory params = new Memory((long) RECORD_SIZE * n.getValue());
        params.clear();
        if (LibvirtNative.INSTANCE.virNodeGetMemoryStats(conn, ALL_CELLS, params, n, 0) < 0) {
            return Optional.empty();
        }
        Map<String, Long> kib = new HashMap<>();
        for (int i = 0; i < n.getValue(); i++) {
            long at = (long) i * RECORD_SIZE;
            byte[] name = params.getByteArray(at, FIELD_LENGTH);
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            kib.put(new String(name, 0, len, StandardCharsets.US_ASCII), params.getLong(at + FIELD_LENGTH));
        }
        Long total = kib.get("total");
        if (total == null || total <= 0) {
            return Optional.empty();
        }
        long free = kib.getOrDefault("free", 0L) + kib.getOrDefault("buffers", 0L) + kib.getOrDefault("cached", 0L);
        return Optional.of(new HostMemory(total * 1024, free * 1024));
    }
}
