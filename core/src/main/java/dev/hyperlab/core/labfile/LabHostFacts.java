package dev.hyperlab.core.labfile;

import java.util.List;
import java.util.Map;

/**
 * What {@link LabFileChecks} needs to know about the host, asked once per check so the checks stay
 * pure and testable: the images there are, the subnets the host already routes, the subnets other
 * labs hold, whether a host port is free, and the templates there are.
 */
public interface LabHostFacts {
    /** Whether {@code image} names an image hyperlab can make a VM or system container from. */
    boolean hasImage(String image);

    /** Subnets with a route on the host (other than the default route): a lab must not shadow them. */
    List<Subnet> routedSubnets();

    /** Subnets that other labs' networks hold, with those labs' names. */
    Map<Subnet, String> otherLabSubnets();

    /** Whether something already listens on {@code address:port} (TCP) on the host. */
    boolean portInUse(String address, int port);

    /** Template {@code name}'s sizes, which its clones have; empty when there is no such template. */
    default java.util.Optional<TemplateSizes> template(String name) {
        return java.util.Optional.empty();
    }

    /** What a template fixes for its clones, as {@code vm template list} shows it. */
    record TemplateSizes(String image, int cpus, long memoryBytes, long diskBytes) {}
}
