package dev.hyperlab.core.compare.isolation;

import java.util.ArrayList;
import java.util.List;

/** Decodes a Linux capability mask (CapEff in /proc/PID/status) into names. */
public final class Capabilities {
    /** Index = capability number, as in linux/capability.h. */
    static final List<String> NAMES = List.of(
            "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid",
            "setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw",
            "ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
            "sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod",
            "lease", "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog",
            "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore");

    public static final int SYS_MODULE = 16;
    public static final int SYS_ADMIN = 21;

    private Capabilities() {}

    public static long parseMask(String hex) {
        return Long.parseUnsignedLong(hex.trim(), 16);
    }

    public static boolean has(long mask, int cap) {
        return (mask & (1L << cap)) != 0;
    }

    /** Names of the set bits, "cap_" prefix omitted; unknown bits as "cap_N". */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if (has(mask, i)) {
                out.add(i < NAMES.size() ? NAMES.get(i) : "cap_" + i);
            }
        }
        return out;
    }
}
