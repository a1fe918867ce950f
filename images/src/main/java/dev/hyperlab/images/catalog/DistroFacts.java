package dev.hyperlab.images.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What hyperlab must know about a distribution's cloud image to boot it and log in, kept as data
 * per catalog entry and stored with the image ({@link #toLabels()}) when it is pulled.
 *
 * @param loginUser   the user cloud-init creates when the seed names none ("debian", "ubuntu", ...)
 * @param firmware    what the distribution ships: "bios", "uefi" or "bios+uefi" (the disk itself is
 *                    read at pull time too, and the disk's answer is the one a VM boots with)
 * @param seed        where the NoCloud {@code cidata} seed goes: "virtio-disk" or "sata-cdrom"
 * @param guestAgent  whether the image runs qemu-guest-agent out of the box (readiness and
 *                    {@code compare} use it when it does)
 * @param consoleArgs the kernel arguments that put its console on the serial port (as its boot
 *                    loader already passes them; shown so a user knows what the serial log will hold)
 * @param container   whether and how its root file system serves as a container image: "yes: ..."
 *                    or "no: why"
 */
public record DistroFacts(String loginUser, String firmware, String seed, boolean guestAgent, String consoleArgs,
                          String container) {
    public static final String VIRTIO_DISK = "virtio-disk";
    public static final String SATA_CDROM = "sata-cdrom";
    static final String PREFIX = "facts.";

    public DistroFacts {
        if (!seed.equals(VIRTIO_DISK) && !seed.equals(SATA_CDROM)) {
            throw new IllegalArgumentException("seed must be " + VIRTIO_DISK + " or " + SATA_CDROM + ": " + seed);
        }
    }

    /** The facts as image-store labels ({@code facts.login-user}, ...). */
    public Map<String, String> toLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "login-user", loginUser);
        m.put(PREFIX + "firmware", firmware);
        m.put(PREFIX + "seed", seed);
        m.put(PREFIX + "guest-agent", Boolean.toString(guestAgent));
        m.put(PREFIX + "console-args", consoleArgs);
        m.put(PREFIX + "container", container);
        return m;
    }

    /** The facts an image was stored with; empty for an image that came without (imported, built). */
    public static Optional<DistroFacts> fromLabels(Map<String, String> labels) {
        String user = labels.get(PREFIX + "login-user");
        String seed = labels.get(PREFIX + "seed");
        if (user == null || seed == null) {
            return Optional.empty();
        }
        return Optional.of(new DistroFacts(user, labels.getOrDefault(PREFIX + "firmware", ""), seed,
                Boolean.parseBoolean(labels.get(PREFIX + "guest-agent")),
                labels.getOrDefault(PREFIX + "console-args", ""), labels.getOrDefault(PREFIX + "container", "")));
    }

    /** Whether the seed is attached as a SATA cdrom (else a read-only virtio disk). */
    @JsonIgnore
    public boolean seedOnCdrom() { return seed.equals(SATA_CDROM); }
}
