package dev.hyperlab.core.vm;

import java.time.Instant;

/**
 * The label every domain hyperlab defines carries in its {@code <metadata>}: it marks the domain
 * as ours (so {@code hyperlab gc} can find leftovers) and remembers what belongs to it.
 *
 * @param image       the image name the guest was created from
 * @param created     when the domain was defined
 * @param instanceId  the cloud-init instance-id (also in the readiness marker)
 * @param pool        the storage pool holding the volumes
 * @param overlayVol  the overlay volume name in {@code pool}
 * @param seedVol     the seed volume name in {@code pool}, or empty when there is none
 * @param consoleLog  the serial console log path on the libvirt host
 */
public record HyperlabLabel(
        String image,
        Instant created,
        String instanceId,
        String pool,
        String overlayVol,
        String seedVol,
        String consoleLog) {
    /** The XML namespace of the label element inside {@code <metadata>}. */
    public static final String NAMESPACE = "https://hyperlab.dev/xmlns/1";
    /** A separate namespace for the boot timeline, so it can be replaced on its own. */
    public static final String TIMELINE_NAMESPACE = "https://hyperlab.dev/xmlns/1/timeline";
}
