package dev.hyperlab.core.lab;

import java.util.List;

/**
 * One kind of leftover {@code hyperlab gc} looks for: VM volumes and console logs, container seed
 * directories, and (as they arrive) lock files and lab state. Each scan finds what no live guest
 * owns and removes it unless {@code dryRun}; {@code gc} runs every scan and prints what they found.
 */
@FunctionalInterface
public interface LeftoverScan {
    List<VmService.Leftover> scan(boolean dryRun);
}
