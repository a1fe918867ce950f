package dev.hyperlab.core.lab;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.InstanceId;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import dev.hyperlab.cloudinit.seed.NoCloudSeedDirectory;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container's seed, rendered by the cloud-init module exactly as for a VM (same merge, same
 * readiness marker), written as a NoCloud seed directory. The network is left to the engine
 * (none, or the engine's network), so cloud-init's own network configuration is disabled.
 */
public final class CloudInitSeedWriter implements SeedWriter {
    @Override
    public Seed write(String name, Optional<String> loginUser, List<String> sshKeys, Optional<Path> cloudConfig,
                      List<String> runcmd, Path dir) {
        try {
            Map<String, Object> base = cloudConfig.map(CloudConfigParser::parse).orElse(Map.of());
            String hostname = base.get("hostname") instanceof String h ? h : name;
            String instanceId = InstanceId.newFor(name);
            CloudConfig.Builder b = CloudConfig.builder().instanceId(instanceId).hostname(hostname)
                    .network(NetworkConfig.disabled()).base(base).runcmd(runcmd);
            CloudInitSeedMaker.login(b, loginUser, sshKeys);
            CloudConfig config = b.build();
            RenderedSeed seed = new CloudInitRenderer().render(config);
            NoCloudSeedDirectory.write(seed, dir);
            return new Seed(instanceId, hostname, ReadinessMarker.lineFor(instanceId));
        } catch (CloudInitException e) {
            // The module's messages already carry their hint ("...; try ...").
            throw new HyperlabException(e.isBadInput() ? ErrorCode.BAD_INPUT : ErrorCode.OPERATION_FAILED,
                    e.getMessage(), null, e);
        }
    }
}
