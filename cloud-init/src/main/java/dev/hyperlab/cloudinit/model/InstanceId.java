package dev.hyperlab.cloudinit.model;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * cloud-init runs its once-per-instance modules again whenever the instance-id changes, so every
 * (re-)provisioning of a guest gets a fresh one: the guest name plus 48 random bits.
 */
public final class InstanceId {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private InstanceId() {}

    /** A new id such as {@code web1-3f9a0c2b7d41}; call it again when the guest is re-provisioned. */
    public static String newFor(String guestName) {
        String base = guestName == null ? "" : guestName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (base.length() > 64) {
            base = base.substring(0, 64);
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        return base.isEmpty() ? "iid-" + suffix : base + "-" + suffix;
    }

    /** Ids are used unquoted in the readiness marker command, hence the narrow character set. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
