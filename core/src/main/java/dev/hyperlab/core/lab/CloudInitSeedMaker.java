package dev.hyperlab.core.lab;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import dev.hyperlab.cloudinit.model.User;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import dev.hyperlab.cloudinit.seed.NoCloudIsoWriter;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Path;

/** {@link SeedMaker} over the cloud-init module: typed config, user's cloud-config merged under, NoCloud ISO. */
public final class CloudInitSeedMaker implements SeedMaker {
    private final CloudInitRenderer renderer = new CloudInitRenderer();
    @Override public void validate(GuestSeed seed) { render(seed); }

    @Override public void write(GuestSeed seed, Path iso) {
        RenderedSeed r = render(seed);
        try {
            NoCloudIsoWriter.write(r, iso);
        } catch (CloudInitException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing the cloud-init seed failed: "
                    + e.getMessage(), null, e);
        }
    }

    @Override public String readinessLine(String instanceId) { return ReadinessMarker.lineFor(instanceId); }

    /**
     * The login part, shared with the container seed: a user (sudo without password) holding the
     * keys, or without a user the keys for the image's default user.
     */
    static void login(CloudConfig.Builder b, java.util.Optional<String> user, java.util.List<String> sshKeys) {
        if (user.isPresent()) {
            b.user(User.admin(user.get()).withSshKeys(sshKeys));
        } else {
            b.sshAuthorizedKeys(sshKeys);
        }
    }

    private RenderedSeed render(GuestSeed seed) {
        try {
            CloudConfig.Builder b = CloudConfig.builder().instanceId(seed.instanceId()).hostname(seed.hostname())
                    .network(seed.hasNic() ? NetworkConfig.fallback() : NetworkConfig.disabled())
                    .runcmd(seed.runcmd());
            login(b, seed.user(), seed.sshKeys());
            seed.cloudConfig().ifPresent(p -> b.base(CloudConfigParser.parse(p)));
            return renderer.render(b.build());
        } catch (CloudInitException e) {
            if (e.isBadInput()) {
                throw HyperlabException.badInput("bad cloud-init input: " + e.getMessage(),
                        "try 'hyperlab cloud-init render' to check a cloud-config");
            }
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "cloud-init rendering failed: " + e.getMessage(),
                    null, e);
        }
    }
}
