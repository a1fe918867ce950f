package dev.hyperlab.cloudinit.render;

import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.validate.CloudConfigValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link CloudConfig} to the three NoCloud files: merge the user's cloud-config with the
 * typed fields, add defaults and the readiness marker, validate everything, then emit YAML. Pure and
 * deterministic: the same config gives the same text.
 */
public final class CloudInitRenderer {
    /** Generous for configs, small enough that a seed never becomes a way to ship an image. */
    public static final long DEFAULT_MAX_SEED_BYTES = 4L * 1024 * 1024;

    private final long maxSeedBytes;

    public CloudInitRenderer() {
        this(DEFAULT_MAX_SEED_BYTES);
    }

    public CloudInitRenderer(long maxSeedBytes) {
        this.maxSeedBytes = maxSeedBytes;
    }

    /** @throws dev.hyperlab.cloudinit.CloudInitException bad input, listing every problem */
    public RenderedSeed render(CloudConfig config) {
        // Checked first: the readiness marker command is built from it.
        CloudConfigValidator.requireValidInstanceId(config.instanceId());
        Map<String, Object> merged = CloudConfigMerger.merge(config.base(), UserDataMapper.toMap(config));
        CloudConfigMerger.finish(merged, config.instanceId());
        CloudConfigValidator.validate(merged, config.network(), config.instanceId());
        RenderedSeed seed = new RenderedSeed(
                CloudConfigParser.HEADER + "\n" + YamlCodec.dump(merged),
                metaData(config, merged),
                networkConfig(config.network()));
        CloudConfigValidator.checkSize(seed.totalBytes(), maxSeedBytes);
        return seed;
    }

    private static String metaData(CloudConfig config, Map<String, Object> merged) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance-id", config.instanceId());
        // The hostname may also come from the user's own cloud-config.
        Object host = merged.get("hostname");
        if (host instanceof String h) {
            m.put("local-hostname", h);
        }
        return YamlCodec.dump(m);
    }

    static String networkConfig(NetworkConfig n) {
        switch (n.kind()) {
            case FALLBACK:
                // An empty document: cloud-init treats it as absent and uses its fallback (DHCP on the first NIC).
                return "# hyperlab: no network-config, cloud-init uses its fallback (DHCP on the first NIC)\n";
            case DISABLED:
                return YamlCodec.dump(Map.of("config", "disabled"));
            default:
                break;
        }
        Map<String, Object> eth = new LinkedHashMap<>();
        if (n.kind() == NetworkConfig.Kind.DHCP) {
            eth.put("dhcp4", true);
        } else {
            eth.put("dhcp4", false);
            eth.put("addresses", List.copyOf(n.addresses()));
            if (n.gateway4() != null) {
                eth.put("gateway4", n.gateway4());
            }
            if (!n.nameservers().isEmpty()) {
                eth.put("nameservers", Map.of("addresses", List.copyOf(n.nameservers())));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 2);
        root.put("ethernets", Map.of(n.interfaceName(), eth));
        return YamlCodec.dump(root);
    }
}
