package dev.hyperlab.core.container;

/**
 * What {@code doctor} shows about the container engine in use.
 *
 * @param name        "podman" or "docker"
 * @param version     the engine's version
 * @param apiVersion  the REST API version it serves
 * @param runtime     the OCI runtime (runc, crun)
 * @param socket      the endpoint used, e.g. unix:///run/podman/podman.sock
 * @param cgroupVersion "1" or "2" as the engine reports it
 * @param hostCpus    CPUs the engine can hand out
 * @param hostMemoryBytes memory the engine's host has
 */
public record EngineInfo(String name, String version, String apiVersion, String runtime, String socket,
                         String cgroupVersion, int hostCpus, long hostMemoryBytes) {
}
