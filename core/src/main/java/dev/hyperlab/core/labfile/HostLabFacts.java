package dev.hyperlab.core.labfile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The host facts read from this machine: routes from {@code /proc/net/route}, ports by trying to
 * bind them (what a forward would do), images and other labs from the caller.
 */
public final class HostLabFacts implements LabHostFacts {
    private final Predicate<String> images;
    private final Supplier<Map<Subnet, String>> otherLabs;
    private final Supplier<List<Subnet>> routes;

    public HostLabFacts(Predicate<String> images, Supplier<Map<Subnet, String>> otherLabs) {
        this(images, otherLabs, () -> readRoutes(Path.of("/proc/net/route")));
    }

    HostLabFacts(Predicate<String> images, Supplier<Map<Subnet, String>> otherLabs, Supplier<List<Subnet>> routes) {
        this.images = images;
        this.otherLabs = otherLabs;
        this.routes = routes;
    }

    @Override
    public boolean hasImage(String image) {
        return images.test(image);
    }

    @Override
    public List<Subnet> routedSubnets() {
        return routes.get();
    }

    private static List<Subnet> readRoutes(Path table) {
        try {
            return parseRoutes(Files.readAllLines(table));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code /proc/net/route}: Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask, ... with
     * addresses as little-endian hex. The default route (mask 0) is not a subnet a lab could clash with.
     */
    static List<Subnet> parseRoutes(List<String> lines) {
        List<Subnet> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xFFFFFFFFL;
                long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xFFFFFFFFL;
                int prefix = Long.bitCount(mask);
                if (prefix > 0) {
                    out.add(new Subnet(dest, prefix));
                }
            } catch (NumberFormatException e) {
                // A line we cannot read is skipped: routes only make checks stricter.
            }
        }
        return out;
    }

    @Override
    public Map<Subnet, String> otherLabSubnets() {
        return otherLabs.get();
    }

    @Override
    public boolean portInUse(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return false;
        } catch (java.net.BindException e) {
            // Only "in use" means taken: a privileged port or a foreign address fails to bind for
            // other reasons, which the forward itself reports when it is made.
            return String.valueOf(e.getMessage()).contains("in use");
        } catch (IOException e) {
            return false;
        }
    }
}
