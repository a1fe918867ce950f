package dev.hyperlab.core.labrun;

import dev.hyperlab.core.labfile.Ipv4;
import dev.hyperlab.core.labfile.LabGuest;
import dev.hyperlab.core.labfile.NetworkAttachment;
import dev.hyperlab.core.labfile.Subnet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every lab guest's address on each of its networks, fixed before anything starts.
 *
 * <p>Why not leave it to DHCP: a lab's VMs get addresses from libvirt's dnsmasq and its containers
 * from Podman's IPAM, two allocators that know nothing of each other on one segment. Giving each
 * guest its address up front (the file's static one, else the next free one from {@code .10} up)
 * keeps them apart, lets every guest's {@code /etc/hosts} name every other before any has booted,
 * and makes a second {@code up} give the same addresses. The upper part of the subnet stays to
 * DHCP, for anything a user attaches by hand.
 */
public final class AddressPlan {
    /** Below this host number: the gateway and a few addresses users like to give by hand. */
    static final int FIRST_HOST = 10;

    private final Map<String, Map<String, Long>> byGuest;

    private AddressPlan(Map<String, Map<String, Long>> byGuest) {
        this.byGuest = byGuest;
    }

    /**
     * @param subnets every lab network's subnet, written or picked
     * @param guests  the lab's guests in file order (the order addresses are handed out in)
     */
    public static AddressPlan of(Map<String, Subnet> subnets, List<LabGuest> guests) {
        Map<String, Set<Long>> used = new LinkedHashMap<>();
        subnets.keySet().forEach(n -> used.put(n, new HashSet<>()));
        // Static addresses first, so an allocated one never takes an address the file gives later.
        for (LabGuest g : guests) {
            for (NetworkAttachment a : g.networks()) {
                a.address().ifPresent(ip -> used.get(a.network()).add(ip));
            }
        }
        Map<String, Map<String, Long>> byGuest = new LinkedHashMap<>();
        for (LabGuest g : guests) {
            Map<String, Long> mine = new LinkedHashMap<>();
            for (NetworkAttachment a : g.networks()) {
                Subnet s = subnets.get(a.network());
                long ip = a.address().orElseGet(() -> next(s, used.get(a.network()), a.network()));
                mine.put(a.network(), ip);
            }
            byGuest.put(g.name(), mine);
        }
        return new AddressPlan(byGuest);
    }

    private static long next(Subnet s, Set<Long> used, String network) {
        long last = dhcpStart(s) - 1;
        // A small subnet (a /26 or less) has no room to keep .2-.9 free for addresses given by hand.
        long first = s.network() + (s.size() >= 64 ? FIRST_HOST : 2);
        for (long ip = first; ip <= last; ip++) {
            if (s.isGuestAddress(ip) && used.add(ip)) {
                return ip;
            }
        }
        throw dev.hyperlab.core.error.HyperlabException.badInput("lab network '" + network + "' (" + s
                + ") has no free address left for its guests", "try a larger subnet, e.g. a /24");
    }

    /** Where the DHCP range starts: the upper half of the subnet (for a /24, .128). */
    public static long dhcpStart(Subnet s) {
        return s.network() + s.size() / 2;
    }

    /** The DHCP range's last address: the one below broadcast. */
    public static long dhcpEnd(Subnet s) {
        return s.broadcast() - 1;
    }

    /** The guest's address on each of its networks, by network name. */
    public Map<String, String> addresses(String guest) {
        Map<String, String> out = new LinkedHashMap<>();
        byGuest.getOrDefault(guest, Map.of()).forEach((n, ip) -> out.put(n, Ipv4.format(ip)));
        return out;
    }

    /**
     * The lines every guest's {@code /etc/hosts} gets: each guest by its name, at its address on its
     * first network. One address per name, the same in every guest, so a name means one thing in the
     * whole lab (a guest on two networks is reached through the first one it lists).
     */
    public List<String> hostsLines() {
        List<String> lines = new ArrayList<>();
        byGuest.forEach((guest, nets) -> nets.values().stream().findFirst()
                .ifPresent(ip -> lines.add(Ipv4.format(ip) + " " + guest)));
        return lines;
    }
}
