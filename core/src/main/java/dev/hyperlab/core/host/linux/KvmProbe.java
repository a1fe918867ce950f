package dev.hyperlab.core.host.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.hyperlab.core.host.KvmFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@link KvmFacts} from this Linux host: {@code /dev/kvm} through libc, flags from /proc. */
public final class KvmProbe {
    private static final Path DEVICE = Path.of("/dev/kvm");
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    /** _IO(KVMIO=0xAE, 0x00) */
    private static final long KVM_GET_API_VERSION = 0xAE00L;

    /** The three libc calls we need; JNA maps them without a native build. */
    interface LibC extends Library {
        int open(String path, int flags);
        /** The kernel rejects KVM_GET_API_VERSION unless the argument is 0, so pass it explicitly. */
        int ioctl(int fd, long request, long arg);
        int close(int fd);
        String strerror(int errnum);
    }

    private KvmProbe() {}

    public static KvmFacts probe() {
        boolean present = Files.exists(DEVICE);
        Optional<String> openError = Optional.empty();
        int api = -1;
        if (present) {
            if (!Platform.isLinux()) {
                openError = Optional.of("not a Linux host");
            } else {
                LibC libc = Native.load("c", LibC.class);
                int fd = libc.open(DEVICE.toString(), O_RDWR | O_CLOEXEC);
                if (fd < 0) {
                    openError = Optional.of(libc.strerror(Native.getLastError()));
                } else {
                    try {
                        api = libc.ioctl(fd, KVM_GET_API_VERSION, 0L);
                    } finally {
                        libc.close(fd);
                    }
                }
            }
        }
        return new KvmFacts(present, openError, api, cpuHasVirtFlag(readOrEmpty(Path.of("/proc/cpuinfo"))),
                kvmModules(readOrEmpty(Path.of("/proc/modules"))));
    }

    /** True when any "flags" line of /proc/cpuinfo lists vmx or svm. */
    static boolean cpuHasVirtFlag(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("flags")) {
                for (String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    if (flag.equals("vmx") || flag.equals("svm")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static List<String> kvmModules(String procModules) {
        List<String> mods = new ArrayList<>();
        for (String line : procModules.split("\n")) {
            String name = line.split(" ", 2)[0];
            if (name.startsWith("kvm")) {
                mods.add(name);
            }
        }
        return mods;
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
