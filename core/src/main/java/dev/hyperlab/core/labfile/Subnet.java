package dev.hyperlab.core.labfile;

import java.util.Optional;

/**
 * An IPv4 subnet in CIDR form. Lab networks take /16 to /29: a smaller one leaves no room for the
 * gateway, DHCP and a few guests.
 */
public record Subnet(long network, int prefix) {
    public static final int MIN_PREFIX = 16;
    public static final int MAX_PREFIX = 29;

    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
        network = network & mask(prefix);
    }

    /** The subnet, or empty when {@code text} is not {@code A.B.C.D/N} with its host bits zero. */
    public static Optional<Subnet> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<Long> address = Ipv4.parse(text.substring(0, slash));
        String bits = text.substring(slash + 1);
        if (address.isEmpty() || bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(bits);
        if (prefix > 32 || (address.get() & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Subnet(address.get(), prefix));
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public long broadcast() {
        return network + size() - 1;
    }

    /** The host's own address on the bridge, as libvirt networks conventionally use: the first one. */
    public long gateway() {
        return network + 1;
    }

    public boolean contains(long address) {
        return (address & mask(prefix)) == network;
    }

    /** An address a guest may hold: inside, not the network, broadcast or gateway address. */
    public boolean isGuestAddress(long address) {
        return contains(address) && address != network && address != broadcast() && address != gateway();
    }

    public boolean overlaps(Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefix;
    }
}
