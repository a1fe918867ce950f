package dev.hyperlab.core.vm;

/** A storage volume: its pool, its name in the pool and its path on the libvirt host. */
public record VolumeRef(String pool, String name, String path, long allocationBytes, long capacityBytes) {}
