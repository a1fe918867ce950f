package dev.hyperlab.core.vm;

import java.util.regex.Pattern;

/**
 * What network a VM gets: none, QEMU user-mode NAT (the default, as Lima and Multipass give a VM a
 * usable network with nothing to set up), user-mode restricted to the host, or a named libvirt
 * network. Both user-mode kinds forward the guest's SSH to a port on 127.0.0.1.
 */
public sealed interface NetworkSpec {
    /** No NIC at all. */
    record None() implements NetworkSpec {}

    /**
     * A QEMU user-mode NIC with {@code restrict=on}: the guest reaches nothing outside, only
     * forwarded host ports (loopback) reach the guest.
     *
     * @param sshHostPort the loopback port forwarded to the guest's port 22, or 0 for none
     */
    record UserRestricted(int sshHostPort) implements NetworkSpec {
        public UserRestricted {
            if (sshHostPort < 0 || sshHostPort > 65535) {
                throw new IllegalArgumentException("bad port " + sshHostPort);
            }
        }
    }

    /**
     * A QEMU user-mode NIC without restrictions: the guest reaches out through the host as a host
     * process would (NAT), and its SSH is forwarded to {@code sshHostPort} on 127.0.0.1.
     */
    record UserNat(int sshHostPort) implements NetworkSpec {
        public UserNat {
            if (sshHostPort < 0 || sshHostPort > 65535) {
                throw new IllegalArgumentException("bad port " + sshHostPort);
            }
        }
    }

    /** A NIC on a libvirt network defined by the user. */
    record Named(String network) implements NetworkSpec {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

        public Named {
            if (network == null || !NAME.matcher(network).matches()) {
                throw dev.hyperlab.core.error.HyperlabException.badInput("bad --network '" + dev.hyperlab.core.error.UserInput.show(network)
                        + "': not none, nat, user or a libvirt network name", "try none, nat, user or the name of a libvirt network");
            }
        }
    }

    /**
     * One NIC per lab network, each with the MAC its DHCP reservation names, so the VM gets the
     * address the lab planned for it.
     */
    record LabNics(java.util.List<LabNic> nics) implements NetworkSpec {
        public LabNics {
            nics = java.util.List.copyOf(nics);
            if (nics.isEmpty()) {
                throw new IllegalArgumentException("a lab VM has at least one NIC");
            }
        }
    }

    /** A NIC on libvirt network {@code network} with MAC address {@code mac}. */
    record LabNic(String network, String mac) {
        public LabNic {
            if (!mac.matches("52:54:00(:[0-9a-f]{2}){3}")) {
                throw new IllegalArgumentException("not a QEMU MAC address: " + mac);
            }
        }
    }

    NetworkSpec NONE = new None();
    NetworkSpec USER = new UserRestricted(0);
    NetworkSpec NAT = new UserNat(0);

    /** Whether this is a QEMU user-mode NIC (NAT or restricted): SSH forwarded on loopback. */
    default boolean userMode() {
        return this instanceof UserRestricted || this instanceof UserNat;
    }

    /** A user-mode NIC's forwarded SSH port on 127.0.0.1, 0 when none is chosen yet or this is no user-mode NIC. */
    default int sshHostPort() {
        if (this instanceof UserRestricted r) {
            return r.sshHostPort();
        }
        return this instanceof UserNat n ? n.sshHostPort() : 0;
    }

    /** The same kind of user-mode NIC with SSH forwarded to {@code port}; other kinds stay as they are. */
    default NetworkSpec withSshHostPort(int port) {
        if (this instanceof UserRestricted) {
            return new UserRestricted(port);
        }
        return this instanceof UserNat ? new UserNat(port) : this;
    }

    /** Parses the CLI form: {@code none}, {@code nat}, {@code user} (restricted) or a libvirt network name. */
    static NetworkSpec parse(String s) {
        if (s == null || s.isBlank() || s.equals("none")) {
            return NONE;
        }
        if (s.equals("user")) {
            return USER;
        }
        if (s.equals("nat")) {
            return NAT;
        }
        return new Named(s);
    }

    default String describe() {
        if (this instanceof None) {
            return "none";
        }
        if (this instanceof UserRestricted) {
            return "user";
        }
        if (this instanceof UserNat) {
            return "nat";
        }
        if (this instanceof LabNics l) {
            return String.join(",", l.nics().stream().map(LabNic::network).toList());
        }
        return ((Named) this).network();
    }
}
