package dev.hyperlab.cli;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.PasswordHash;
import dev.hyperlab.cloudinit.model.SshKeys;
import dev.hyperlab.cloudinit.model.User;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import dev.hyperlab.cloudinit.seed.NoCloudIsoWriter;
import dev.hyperlab.cloudinit.seed.NoCloudSeedDirectory;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cloud-init", mixinStandardHelpOptions = true,
        description = "First-boot configuration shared by VMs and containers (NoCloud seeds).",
        subcommands = CloudInitCommand.Render.class)
final class CloudInitCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {"Print or write exactly what a guest gets: user-data, meta-data, network-config.",
                    "With neither --iso nor --out the three files are printed."})
    static final class Render implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--hostname", paramLabel = "NAME", description = "Guest host name (RFC 1123).")
        String hostname;

        @Option(names = "--user", paramLabel = "NAME",
                description = "Create this user (sudo without password, bash, the SSH keys). Repeatable.")
        List<String> users = new ArrayList<>();

        @Option(names = "--ssh-key", paramLabel = "FILE",
                description = "Authorized public key file. Repeatable. Default: every ~/.ssh/*.pub.")
        List<Path> sshKeys = new ArrayList<>();

        @Option(names = "--no-default-ssh-keys", description = "Do not read ~/.ssh/*.pub when no --ssh-key is given.")
        boolean noDefaultKeys;

        @Option(names = "--password-hash", paramLabel = "HASH",
                description = "SHA-512 crypt hash ($6$..., e.g. from 'mkpasswd -m sha-512') for the --user accounts.")
        String passwordHash;

        @Option(names = "--password-stdin",
                description = "Read a password from the first line of standard input and store only its SHA-512 hash.")
        boolean passwordStdin;

        @Option(names = "--package", paramLabel = "P", description = "Package to install. Repeatable.")
        List<String> packages = new ArrayList<>();

        @Option(names = "--runcmd", paramLabel = "CMD", description = "Command to run at first boot. Repeatable.")
        List<String> runcmd = new ArrayList<>();

        @Option(names = "--timezone", paramLabel = "TZ", description = "IANA time zone, e.g. Europe/Paris.")
        String timezone;

        @Option(names = "--network", paramLabel = "SPEC", description = {"fallback (default: cloud-init's DHCP on the "
                + "first NIC), disabled, dhcp:IFACE, or static:IFACE,ADDR/PREFIX[,gw=IP][,dns=IP]..."})
        String network = "fallback";

        @Option(names = "--instance-id", paramLabel = "ID", description = "Default: a fresh id from the host name.")
        String instanceId;

        @Option(names = "--cloud-config", paramLabel = "FILE",
                description = "Your own #cloud-config file; merged with the options above.")
        Path cloudConfig;

        @Option(names = "--iso", paramLabel = "FILE", description = "Write a NoCloud ISO (label cidata) for a VM.")
        Path iso;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Write the three files into DIR (a container's /var/lib/cloud/seed/nocloud).")
        Path out;

        @Option(names = {"-f", "--force"}, description = "Overwrite an existing --iso file or seed files in --out.")
        boolean force;

        /** A file this command did not make is overwritten only with --force; checked before anything is written. */
        private void refuseToOverwrite() {
            List<Path> taken = new java.util.ArrayList<>();
            if (iso != null && java.nio.file.Files.exists(iso, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                taken.add(iso);
            }
            if (out != null) {
                for (String f : List.of(RenderedSeed.USER_DATA, RenderedSeed.META_DATA, RenderedSeed.NETWORK_CONFIG)) {
                    if (java.nio.file.Files.exists(out.resolve(f), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        taken.add(out.resolve(f));
                    }
                }
            }
            if (!force && !taken.isEmpty()) {
                throw HyperlabException.badInput("cloud-init render failed: " + taken.stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + (taken.size() == 1 ? " exists" : " exist")
                        + " already", "try another path, or --force to overwrite");
            }
        }

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            try {
                refuseToOverwrite();
                RenderedSeed seed = new CloudInitRenderer().render(config(stderr));
                if (iso != null) {
                    NoCloudIsoWriter.write(seed, iso);
                    stdout.println("wrote " + iso + " (" + seed.totalBytes() + " bytes of seed, label "
                            + NoCloudIsoWriter.VOLUME_LABEL + ")");
                }
                if (out != null) {
                    try {
                        NoCloudSeedDirectory.write(seed, out);
                    } catch (CloudInitException e) {
                        if (iso != null) {
                            java.nio.file.Files.deleteIfExists(iso); // all or nothing
                        }
                        throw e;
                    }
                    stdout.println("wrote " + out.resolve(RenderedSeed.USER_DATA) + ", " + RenderedSeed.META_DATA
                            + ", " + RenderedSeed.NETWORK_CONFIG);
                }
                if (iso == null && out == null) {
                    seed.files().forEach((name, bytes) -> {
                        stdout.println("==> " + name + " <==");
                        stdout.print(new String(bytes, StandardCharsets.UTF_8));
                    });
                }
                stdout.flush();
                return Cli.OK;
            } catch (IOException e) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing " + iso + " failed: " + e, null, e);
            } catch (CloudInitException e) {
                throw new HyperlabException(e.isBadInput() ? ErrorCode.BAD_INPUT : ErrorCode.OPERATION_FAILED,
                        e.getMessage(), null, e);
            }
        }

        private CloudConfig config(PrintWriter stderr) {
            CloudConfig.Builder b = CloudConfig.builder().instanceId(instanceId).hostname(hostname).timezone(timezone)
                    .packages(packages).runcmd(runcmd).network(network(network));
            if (cloudConfig != null) {
                b.base(CloudConfigParser.parse(cloudConfig));
            }
            List<String> keys = !sshKeys.isEmpty() ? SshKeys.fromFiles(sshKeys)
                    : noDefaultKeys ? List.of() : SshKeys.defaultKeys();
            if (keys.isEmpty() && cloudConfig == null && !noDefaultKeys) {
                stderr.println("note: no SSH key (none given and no ~/.ssh/*.pub); only the console will let you in");
            }
            String hash = password();
            if (hash != null && users.isEmpty()) {
                throw HyperlabException.badInput("a password needs a user", "try adding --user NAME");
            }
            for (String name : users) {
                b.user(User.admin(name).withSshKeys(keys).withPasswordHash(hash));
            }
            if (users.isEmpty()) {
                b.sshAuthorizedKeys(keys);
            }
            return b.build();
        }

        private String password() {
            if (passwordHash != null && passwordStdin) {
                throw HyperlabException.badInput("--password-hash and --password-stdin exclude each other",
                        "try only one of them");
            }
            if (passwordHash != null && !PasswordHash.isSha512Crypt(passwordHash)) {
                throw HyperlabException.badInput("--password-hash is not a SHA-512 crypt hash",
                        "try the full output of: mkpasswd -m sha-512 (it starts with $6$), or --password-stdin");
            }
            if (!passwordStdin) {
                return passwordHash;
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw HyperlabException.badInput("--password-stdin read no password", "try: echo 'pw' | hyperlab ...");
                }
                char[] plain = line.toCharArray();
                try {
                    return PasswordHash.sha512(plain);
                } finally {
                    Arrays.fill(plain, '\0');
                }
            } catch (IOException e) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading the password failed: " + e.getMessage(),
                        null, e);
            }
        }

        static NetworkConfig network(String spec) {
            if (spec.equals("fallback")) {
                return NetworkConfig.fallback();
            }
            if (spec.equals("disabled") || spec.equals("none")) {
                return NetworkConfig.disabled();
            }
            if (spec.startsWith("dhcp:")) {
                return NetworkConfig.dhcp(spec.substring(5));
            }
            if (spec.startsWith("static:")) {
                String[] parts = spec.substring(7).split(",");
                List<String> addresses = new ArrayList<>();
                List<String> dns = new ArrayList<>();
                String gw = null;
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].startsWith("gw=")) {
                        gw = parts[i].substring(3);
                    } else if (parts[i].startsWith("dns=")) {
                        dns.add(parts[i].substring(4));
                    } else {
                        addresses.add(parts[i]);
                    }
                }
                return NetworkConfig.staticAddresses(parts[0], addresses, gw, dns);
            }
            throw HyperlabException.badInput("--network '" + spec + "' is not understood",
                    "try fallback, disabled, dhcp:enp1s0 or static:enp1s0,192.0.2.10/24,gw=192.0.2.1");
        }
    }
}
