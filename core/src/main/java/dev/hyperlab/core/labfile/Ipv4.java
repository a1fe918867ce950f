package dev.hyperlab.core.labfile;

import java.util.Optional;

/** Dotted-quad IPv4 addresses as unsigned 32-bit values; lab networks are IPv4, as libvirt's DHCP is. */
public final class Ipv4 {
    private Ipv4() {}

    /** The address, or empty when {@code text} is not exactly four decimal octets. */
    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String p : parts) {
            // Leading zeros are refused: "010" means octal to some tools and decimal to others.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    public static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }
}
