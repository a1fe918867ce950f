package dev.hyperlab.core.lab;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a VM boots from: a qcow2 base disk (never written: guests get overlays) and, for direct
 * kernel boot, a kernel, initrd and command line.
 */
public record BootImage(String name, Path qcow2, long virtualSize, Optional<Path> kernel, Optional<Path> initrd,
                        Optional<String> cmdline) {}
