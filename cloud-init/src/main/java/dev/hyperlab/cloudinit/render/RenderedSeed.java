package dev.hyperlab.cloudinit.render;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The three NoCloud files exactly as the guest reads them (UTF-8 text). */
public record RenderedSeed(String userData, String metaData, String networkConfig) {
    public static final String USER_DATA = "user-data";
    public static final String META_DATA = "meta-data";
    public static final String NETWORK_CONFIG = "network-config";

    public RenderedSeed {
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(metaData, "metaData");
        Objects.requireNonNull(networkConfig, "networkConfig");
    }

    /** File name to UTF-8 bytes, in a fixed order (user-data, meta-data, network-config). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(USER_DATA, userData.getBytes(StandardCharsets.UTF_8));
        m.put(META_DATA, metaData.getBytes(StandardCharsets.UTF_8));
        m.put(NETWORK_CONFIG, networkConfig.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    public long totalBytes() {
        return files().values().stream().mapToLong(b -> b.length).sum();
    }
}
