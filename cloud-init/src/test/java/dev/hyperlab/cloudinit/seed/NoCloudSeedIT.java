package dev.hyperlab.cloudinit.seed;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.SampleConfigs;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the seeds with the host's own tools (util-linux blkid, genisoimage's isoinfo, xorriso,
 * cloud-init, python3-yaml): what they read is what a guest reads. scripts/setup.sh installs them.
 */
class NoCloudSeedIT {
    @TempDir Path tmp;
    private final CloudInitRenderer renderer = new CloudInitRenderer();
    /** Debian's interpreter, the one cloud-init runs on (not a pyenv/venv python3 earlier in PATH). */
    static final String PYTHON = "/usr/bin/python3";

    record Result(int exit, String out) {}

    static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(cmd[0] + " is missing on this host; run scripts/setup.sh (it installs "
                    + "util-linux, genisoimage, xorriso, cloud-init and python3-yaml)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private Path iso(String name, RenderedSeed seed) {
        Path iso = tmp.resolve(name + ".iso");
        NoCloudIsoWriter.write(seed, iso);
        return iso;
    }

    @Test
    void blkidSeesAnIso9660LabelledCidata() throws Exception {
        Path iso = iso("full", renderer.render(SampleConfigs.full()));
        Result r = run(tmp, "blkid", "-p", "-o", "export", iso.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("LABEL=cidata\n"), r.out());
        assertTrue(r.out().contains("TYPE=iso9660\n"), r.out());
        Result plain = run(tmp, "blkid", iso.toString());
        assertTrue(plain.out().contains("LABEL=\"cidata\"") && plain.out().contains("TYPE=\"iso9660\""), plain.out());
    }

    @Test
    void isoinfoAndXorrisoListAndExtractTheExactFiles() throws Exception {
        for (Map.Entry<String, CloudConfig> c : SampleConfigs.all().entrySet()) {
            RenderedSeed seed = renderer.render(c.getValue());
            Path iso = iso(c.getKey(), seed);

            Result list = run(tmp, "isoinfo", "-J", "-l", "-i", iso.toString());
            assertEquals(0, list.exit(), list.out());
            for (String f : seed.files().keySet()) {
                assertTrue(list.out().contains(" " + f + " "), c.getKey() + ": isoinfo lists " + f + "\n" + list.out());
                Path extracted = tmp.resolve(c.getKey() + "-isoinfo-" + f);
                Result x = run(tmp, "sh", "-c", "isoinfo -J -x /" + f + " -i '" + iso + "' > '" + extracted + "'");
                assertEquals(0, x.exit(), x.out());
                assertArrayEquals(seed.files().get(f), Files.readAllBytes(extracted), c.getKey() + ": isoinfo -x " + f);
            }

            Path out = tmp.resolve(c.getKey() + "-xorriso");
            Result xo = run(tmp, "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", out.toString());
            assertEquals(0, xo.exit(), xo.out());
            Result ls = run(tmp, "xorriso", "-indev", iso.toString(), "-ls", "/");
            assertEquals(0, ls.exit(), ls.out());
            for (Map.Entry<String, byte[]> f : seed.files().entrySet()) {
                assertTrue(ls.out().contains("'" + f.getKey() + "'"), ls.out());
                assertArrayEquals(f.getValue(), Files.readAllBytes(out.resolve(f.getKey())), c.getKey() + ": xorriso " + f.getKey());
            }
        }
    }

    @Test
    void cloudInitSchemaAcceptsEveryRenderedUserData() throws Exception {
        for (Map.Entry<String, CloudConfig> c : SampleConfigs.all().entrySet()) {
            Path userData = tmp.resolve(c.getKey() + "-user-data");
            Files.writeString(userData, renderer.render(c.getValue()).userData());
            Result r = run(tmp, "cloud-init", "schema", "--config-file", userData.toString());
            assertEquals(0, r.exit(), c.getKey() + ":\n" + r.out());
            assertTrue(r.out().contains("Valid cloud-config"), c.getKey() + ":\n" + r.out());
        }
    }

    @Test
    void pyYamlInTheGuestReadsEveryTrickyStringExactly() throws Exception {
        CloudConfig c = SampleConfigs.tricky();
        Path userData = tmp.resolve("tricky-user-data");
        Files.writeString(userData, renderer.render(c).userData());
        String script = "import sys, yaml\n"
                + "d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
                + "for e in d['runcmd']: print('R ' + e.encode('utf-8').hex())\n"
                + "for f in d['write_files']: print('W ' + f['content'].encode('utf-8').hex() + ' ' + f['permissions'])\n";
        Result r = run(tmp, PYTHON, "-c", script, userData.toString());
        assertEquals(0, r.exit(), r.out());
        List<String> expected = new ArrayList<>();
        c.runcmd().forEach(s -> expected.add("R " + hex(s)));
        expected.add("R " + hex(dev.hyperlab.cloudinit.model.ReadinessMarker.command(c.instanceId())));
        c.writeFiles().forEach(f -> expected.add("W " + hex(f.content()) + " " + f.permissions()));
        assertEquals(expected, r.out().lines().toList());
    }

    @Test
    void cloudInitRendersTheNetworkConfigs() throws Exception {
        Path nc = tmp.resolve("network-config");
        Files.writeString(nc, renderer.render(SampleConfigs.staticNetwork()).networkConfig());
        Result r = run(tmp, "cloud-init", "devel", "net-convert", "-p", nc.toString(), "-k", "yaml",
                "-d", tmp.resolve("net-static").toString(), "-D", "debian", "-O", "networkd");
        assertEquals(0, r.exit(), r.out());
        String unit = Files.readString(tmp.resolve("net-static/etc/systemd/network/10-cloud-init-enp1s0.network"));
        assertTrue(unit.contains("Address=192.0.2.10/24") && unit.contains("Gateway=192.0.2.1")
                && unit.contains("DNS=192.0.2.53"), unit);

        Files.writeString(nc, renderer.render(SampleConfigs.dhcpNetwork()).networkConfig());
        r = run(tmp, "cloud-init", "devel", "net-convert", "-p", nc.toString(), "-k", "yaml",
                "-d", tmp.resolve("net-dhcp").toString(), "-D", "debian", "-O", "eni");
        assertEquals(0, r.exit(), r.out());
        String eni = Files.readString(tmp.resolve("net-dhcp/etc/network/interfaces.d/50-cloud-init"));
        assertTrue(eni.contains("iface eth0 inet dhcp"), eni);
    }

    @Test
    void cloudInitsNoCloudDatasourceReadsTheContainerSeedDirectory() throws Exception {
        CloudConfig c = SampleConfigs.full().toBuilder().network(dev.hyperlab.cloudinit.model.NetworkConfig.disabled()).build();
        RenderedSeed seed = renderer.render(c);
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        NoCloudSeedDirectory.writeIntoRootfs(seed, rootfs);
        // cloud-init's own datasource code, pointed at the rootfs instead of /: what a system container runs.
        String script = "import sys\n"
                + "from cloudinit import helpers\n"
                + "from cloudinit.sources.DataSourceNoCloud import DataSourceNoCloud\n"
                + "root = sys.argv[1]\n"
                + "paths = helpers.Paths({'cloud_dir': root + '/var/lib/cloud', 'run_dir': root + '/run/cloud-init'})\n"
                + "ds = DataSourceNoCloud(sys_cfg={}, distro=None, paths=paths)\n"
                + "print('found', ds.get_data())\n"
                + "print('seed', ds.seed)\n"
                + "print('instance-id', ds.get_instance_id())\n"
                + "print('hostname', ds.metadata.get('local-hostname'))\n"
                + "print('network', ds.network_config)\n"
                + "print('user-data', ds.get_userdata_raw() == open(ds.seed + '/user-data', 'rb').read())\n";
        Result r = run(tmp, PYTHON, "-c", script, rootfs.toString());
        assertEquals(0, r.exit(), r.out());
        assertEquals(List.of("found True", "seed " + rootfs.resolve("var/lib/cloud/seed/nocloud"),
                "instance-id " + c.instanceId(), "hostname web-1", "network {'config': 'disabled'}", "user-data True"),
                r.out().lines().toList());
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
