package dev.hyperlab.core.vm;

/**
 * The memory of the libvirt host (which need not be this machine), as libvirt reports it.
 *
 * @param totalBytes physical memory
 * @param freeBytes  memory libvirt reports free (the kernel's MemFree: page cache not counted)
 */
public record HostMemory(long totalBytes, long freeBytes) {}
