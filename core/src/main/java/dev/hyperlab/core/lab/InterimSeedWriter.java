package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A minimal NoCloud seed: the user's cloud-config (hostname defaulted to the container name) with the
 * readiness marker appended as the last runcmd, in the same form the cloud-init module renders.
 * To be replaced by the cloud-init module's renderer and NoCloudSeedDirectory once merged.
 */
public final class InterimSeedWriter implements SeedWriter {
    static final String MARKER_FILE = "/run/hyperlab-ready";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Seed write(String name, Optional<Path> cloudConfig, Path dir) {
        Map<String, Object> config = cloudConfig.map(InterimSeedWriter::load).orElseGet(LinkedHashMap::new);
        String hostname = config.get("hostname") instanceof String h ? h : name;
        config.put("hostname", hostname);
        String instanceId = name + "-" + HexFormat.of().formatHex(randomBytes());
        String readyLine = "hyperlab-ready " + instanceId;
        List<Object> runcmd = new ArrayList<>();
        if (config.get("runcmd") instanceof List<?> l) {
            runcmd.addAll(l);
        }
        runcmd.add("printf '%s\\n' '" + readyLine + "' > " + MARKER_FILE + ".tmp && mv -f " + MARKER_FILE + ".tmp "
                + MARKER_FILE + "; cat " + MARKER_FILE + " 2>/dev/null > /dev/console || true");
        config.put("runcmd", runcmd);
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Yaml yaml = new Yaml(new Representer(opts), opts);
        try {
            write(dir.resolve("user-data"), "#cloud-config\n" + yaml.dump(config));
            write(dir.resolve("meta-data"), "instance-id: " + instanceId + "\nlocal-hostname: " + hostname + "\n");
            write(dir.resolve("network-config"), "version: 2\nethernets: {}\n");
        } catch (IOException e) {
            throw new HyperlabException(dev.hyperlab.core.error.ErrorCode.OPERATION_FAILED,
                    "writing the cloud-init seed failed: " + e.getMessage(), "try checking " + dir, e);
        }
        return new Seed(instanceId, hostname, readyLine);
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (o instanceof Map<?, ?> m) {
                return new LinkedHashMap<>((Map<String, Object>) m);
            }
            throw HyperlabException.badInput("cloud-config " + file + " is not a YAML mapping", "try a file starting with #cloud-config");
        } catch (IOException e) {
            throw HyperlabException.badInput("reading cloud-config " + file + " failed: " + e.getMessage(), "try an existing, readable file");
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw HyperlabException.badInput("cloud-config " + file + " is not valid YAML: " + e.getMessage(), "try `cloud-init schema -c " + file + "`");
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }
}
