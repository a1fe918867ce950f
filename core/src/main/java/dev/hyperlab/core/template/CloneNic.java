package dev.hyperlab.core.template;

/**
 * The network part of a clone's identity step when its NIC was moved from the template's user-mode
 * backend to a libvirt network: the guest woke up with the template's MAC and its DHCP lease from
 * QEMU's user-mode network, and must take the clone's own MAC and an address from the new network.
 *
 * <p>Why each step: the saved device state brings the template's MAC back into the virtio device, so
 * the guest keeps sending it until told otherwise; setting the link's MAC makes the virtio driver
 * tell the device (and every frame, and the DHCP request, carry the clone's MAC, which the lab's
 * DHCP reservation and a later cold boot key on). cloud-init rendered the template's networkd file
 * matching the template's MAC; the clone's matches the interface by name instead, which stays the
 * same on a later cold boot (the device keeps its PCI slot). networkd is restarted rather than told
 * through {@code networkctl} (which needs D-Bus, seconds under TCG); the old lease's address is
 * flushed first so the wait below sees only the new one.
 *
 * @param mac the clone's MAC, as libvirt's definition gives it to the device
 */
public record CloneNic(String mac) {
    /** How long the script waits for the DHCP lease, in tenths of a second. */
    static final int LEASE_WAIT_TENTHS = 300;

    public CloneNic {
        if (!mac.matches("52:54:00(:[0-9a-f]{2}){3}")) {
            throw new IllegalArgumentException("not a QEMU MAC address: " + mac);
        }
    }

    /** Shell lines run as root under {@code set -e}; the last waits for the address. */
    String script() {
        return "i=\nfor d in /sys/class/net/*; do [ -z \"$i\" ] && [ -e \"$d/device\" ] && i=${d##*/}; done\n"
                + "[ -n \"$i\" ] || { echo 'the guest has no NIC to put on the network' >&2; exit 1; }\n"
                + "ip link set dev \"$i\" down\n"
                + "ip link set dev \"$i\" address " + mac + "\n"
                + "ip -4 addr flush dev \"$i\"\n"
                + "for f in /etc/systemd/network/*.network; do [ -f \"$f\" ] && grep -qi '^MACAddress=' \"$f\" && rm -f \"$f\"; done\n"
                + "printf '[Match]\\nName=%s\\n\\n[Network]\\nDHCP=ipv4\\n' \"$i\" > /etc/systemd/network/10-hyperlab-$i.network\n"
                + "ip link set dev \"$i\" up\n"
                + "systemctl restart systemd-networkd\n"
                + "n=0\n"
                + "until ip -4 -o addr show dev \"$i\" scope global | grep -q inet; do\n"
                + "  n=$((n + 1)); [ $n -lt " + LEASE_WAIT_TENTHS + " ] || { echo \"no DHCP lease on $i within "
                + LEASE_WAIT_TENTHS / 10 + " s\" >&2; exit 1; }\n"
                + "  sleep 0.1\n"
                + "done\n";
    }
}
