package dev.hyperlab.core.template;

import java.util.Objects;

/**
 * A template as hyperlab keeps it ({@code DATA/templates/NAME.json}, 0600): where its two volumes
 * are, what it was made from and for, and the two definitions a clone is made from.
 *
 * @param image          the image the template booted (its frozen disk is an overlay on that image's blob)
 * @param imageDigest    the image's SHA-256 when the template was made: a rebuilt image is another image
 * @param domainType     {@code qemu} (TCG) or {@code kvm}: a saved state restores only under the accelerator it was made with
 * @param machine        the machine type (e.g. {@code pc-i440fx-7.2}), for the same reason
 * @param stateBytes     the state overlay's size on disk when made: a smaller file is truncated
 * @param seedInstanceId the cloud-init instance id the template booted with; a clone's seed keeps it, so cloud-init
 *                       takes a clone's later cold boots for the instance it already set up
 * @param loginUser      the image's default user (cloud-init's), who gets the keys when a clone names no user
 * @param domainXml      the template domain's persistent definition, the source of every clone's
 * @param snapshotXml    the snapshot record of the saved state, redefined on each clone
 * @param created        when it was made (ISO-8601, UTC)
 * @param readySeconds   how long the template's own cold boot took to ready (for the race and the ledger)
 * @param memoryVol      the volume holding the template's guest RAM, which its clones map copy-on-write; "" for a
 *                       template whose memory is in its saved state (made before memory files, or on a host whose
 *                       security driver keeps QEMU from files it did not label)
 */
public record TemplateRecord(String name, String image, String imageDigest, int cpus, long memoryBytes, long diskBytes,
                             String domainType, String machine, String pool, String diskVol, String stateVol,
                             long stateBytes, String seedInstanceId, String loginUser, String domainXml, String snapshotXml,
                             String created, double readySeconds, String memoryVol) {
    /** A template whose memory is in its saved state. */
    public TemplateRecord(String name, String image, String imageDigest, int cpus, long memoryBytes, long diskBytes,
                          String domainType, String machine, String pool, String diskVol, String stateVol,
                          long stateBytes, String seedInstanceId, String loginUser, String domainXml, String snapshotXml,
                          String created, double readySeconds) {
        this(name, image, imageDigest, cpus, memoryBytes, diskBytes, domainType, machine, pool, diskVol, stateVol,
                stateBytes, seedInstanceId, loginUser, domainXml, snapshotXml, created, readySeconds, "");
    }

    public TemplateRecord {
        memoryVol = memoryVol == null ? "" : memoryVol; // records written before memory files have none
        Objects.requireNonNull(name);
        Objects.requireNonNull(image);
        Objects.requireNonNull(domainXml);
        Objects.requireNonNull(snapshotXml);
    }

    /** True when the template's RAM is in a memory file its clones map, not in its saved state. */
    public boolean hasMemoryFile() { return !memoryVol.isEmpty(); }
}
