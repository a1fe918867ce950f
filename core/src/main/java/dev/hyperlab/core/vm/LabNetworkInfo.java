package dev.hyperlab.core.vm;

/**
 * A libvirt network that carries hyperlab's lab label.
 *
 * @param name       the libvirt network's name
 * @param bridge     its Linux bridge
 * @param lab        the lab that made it
 * @param instanceId the {@code up} that made it
 * @param active     whether it runs (its bridge exists)
 */
public record LabNetworkInfo(String name, String bridge, String lab, String instanceId, boolean active) {}
