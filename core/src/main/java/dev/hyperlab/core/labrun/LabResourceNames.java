package dev.hyperlab.core.labrun;

import dev.hyperlab.images.store.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The names a lab's resources get on the host, derived from the lab's and the network's names so a
 * second {@code up} finds what the first made: the libvirt network and the engine network
 * {@code hl-LAB-NET}, the bridge {@code hlXXXXXXXXXX} (a hash: Linux allows 15 characters), and each
 * VM NIC's MAC (the lab's DHCP reservation names it).
 */
public final class LabResourceNames {
    private LabResourceNames() {}

    public static String network(String lab, String net) {
        return "hl-" + lab + "-" + net;
    }

    public static String bridge(String lab, String net) {
        return "hl" + hash(lab + "/" + net).substring(0, 10);
    }

    /** A MAC in QEMU's 52:54:00 range, the same for a guest's NIC on a network in every {@code up}. */
    public static String mac(String lab, String guest, String net) {
        String h = hash(lab + "/" + guest + "/" + net);
        return "52:54:00:" + h.substring(0, 2) + ":" + h.substring(2, 4) + ":" + h.substring(4, 6);
    }

    static String hash(String s) {
        MessageDigest md = Digests.newDigest("SHA-256");
        return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
