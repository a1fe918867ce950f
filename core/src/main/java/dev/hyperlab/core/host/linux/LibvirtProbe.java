package dev.hyperlab.core.host.linux;

import dev.hyperlab.core.host.LibvirtFacts;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** Opens a read-only libvirt connection once to learn whether it answers and which versions run. */
public final class LibvirtProbe {
    private LibvirtProbe() {}

    public static LibvirtFacts probe(String uri) {
        Connect conn = null;
        try {
            conn = new Connect(uri, true);
            return new LibvirtFacts(uri, Optional.empty(), Optional.of(version(conn.getLibVersion())),
                    Optional.of(version(conn.getVersion())));
        } catch (LibvirtException | RuntimeException | UnsatisfiedLinkError e) {
            return LibvirtFacts.unreachable(uri, firstLine(e.getMessage()));
        } finally {
            if (conn != null) {
                try {
                    conn.close();
                } catch (LibvirtException ignored) {
                    // closing a probe connection has nothing left to report
                }
            }
        }
    }

    /** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
    public static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1_000 % 1_000) + "." + (v % 1_000);
    }

    public static String firstLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse(s);
    }
}
