package dev.hyperlab.core.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds OVMF (UEFI for QEMU) on the host: its code image and variables template, plain or the
 * secure-boot build. Injectable, so tests can stand for a host without the {@code ovmf} package.
 */
@FunctionalInterface
public interface OvmfLocator {
    /** The Debian package that provides OVMF, named in the error when it is missing. */
    String PACKAGE = "ovmf";

    /** OVMF's files for a plain or a secure boot, if the host has them. */
    Optional<Ovmf> find(boolean secureBoot);

    /** A code image and the variables template that goes with it. */
    record Ovmf(Path code, Path varsTemplate) {}

    /** What Debian's ovmf package installs, newest layout (4 MiB flash) first. */
    static OvmfLocator in(Path dir) {
        return secureBoot -> {
            List<String[]> pairs = secureBoot
                    ? List.of(new String[] {"OVMF_CODE_4M.secboot.fd", "OVMF_VARS_4M.ms.fd"},
                            new String[] {"OVMF_CODE_4M.ms.fd", "OVMF_VARS_4M.ms.fd"},
                            new String[] {"OVMF_CODE.secboot.fd", "OVMF_VARS.ms.fd"})
                    : List.of(new String[] {"OVMF_CODE_4M.fd", "OVMF_VARS_4M.fd"},
                            new String[] {"OVMF_CODE.fd", "OVMF_VARS.fd"});
            for (String[] p : pairs) {
                Path code = dir.resolve(p[0]);
                Path vars = dir.resolve(p[1]);
                if (Files.isReadable(code) && Files.isReadable(vars)) {
                    return Optional.of(new Ovmf(code, vars));
                }
            }
            return Optional.empty();
        };
    }

    /** This host's {@code /usr/share/OVMF}. (A remote libvirt host would answer through its domain capabilities.) */
    static OvmfLocator system() { return in(Path.of("/usr/share/OVMF")); }

    /** The file the message names when {@link #find} comes back empty. */
    static String expected(boolean secureBoot) {
        return secureBoot ? "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd" : "/usr/share/OVMF/OVMF_CODE_4M.fd";
    }
}
