package dev.hyperlab.tui.data;

/**
 * One way to reach a guest, as the list shows it.
 *
 * @param via     a lab network's name, or {@code ssh} for a port forwarded on the host's loopback
 * @param address {@code 192.168.150.10}, or {@code 127.0.0.1:2222} for a forward
 */
public record GuestAddress(String via, String address) {
    /** The SSH forward of a VM with a user-mode NIC. */
    public static GuestAddress sshForward(int port) {
        return new GuestAddress("ssh", "127.0.0.1:" + port);
    }

    @Override public String toString() { return via + " " + address; }
}
