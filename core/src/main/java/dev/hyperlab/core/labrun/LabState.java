package dev.hyperlab.core.labrun;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code up} made for a lab, kept in {@code DATA/labs/NAME.json}: written before each thing is
 * made, so {@code down} removes everything an interrupted {@code up} started, and a second {@code up}
 * compares each guest's spec with the one it was made from.
 *
 * @param file       the lab file it came from
 * @param instanceId the first {@code up}'s id, in the networks' labels
 */
public record LabState(String lab, String file, String instanceId, Map<String, Net> networks, Map<String, Guest> guests) {
    public LabState {
        networks = new LinkedHashMap<>(networks);
        guests = new LinkedHashMap<>(guests);
    }

    /** A lab network: its subnet (written or picked) and the names of what carries it. */
    public record Net(String subnet, String bridge, String libvirtNetwork, String engineNetwork) {}

    /**
     * A guest of the lab.
     *
     * @param spec         the guest's fields as written (a second {@code up} diffs them)
     * @param addresses    network name to address
     * @param readySeconds host time from the {@code up} until it was ready, or null
     */
    public record Guest(String kind, Map<String, String> spec, Map<String, String> addresses, Double readySeconds) {}

    public LabState withGuest(String name, Guest g) {
        LabState s = new LabState(lab, file, instanceId, networks, guests);
        s.guests.put(name, g);
        return s;
    }

    public LabState withNetwork(String name, Net n) {
        LabState s = new LabState(lab, file, instanceId, networks, guests);
        s.networks.put(name, n);
        return s;
    }
}
