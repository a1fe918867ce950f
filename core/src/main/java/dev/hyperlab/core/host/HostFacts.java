package dev.hyperlab.core.host;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything {@link Doctor} judges, gathered once by {@code probe.HostProbe}. Tests build these by hand
 * to pin down every decision without touching the host.
 *
 * @param cgroupMode     "v2 (unified)", "hybrid (v1 + v2)" or "v1 (legacy)"
 * @param mmdebstrap     path of mmdebstrap when installed
 * @param qemuImg        path of qemu-img when installed
 * @param virtlogdRunning a virtlogd process runs (libvirt needs it for serial log files)
 */
public record HostFacts(KvmFacts kvm, LibvirtFacts libvirt, boolean virtlogdRunning, EngineFacts engine,
                        String cgroupMode, Optional<Path> mmdebstrap, Optional<Path> qemuImg,
                        Path dataDir, long dataDirFreeBytes) {
}
