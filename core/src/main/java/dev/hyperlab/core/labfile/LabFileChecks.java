package dev.hyperlab.core.labfile;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.SshKeyFiles;
import dev.hyperlab.core.model.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a parsed lab file that need the host: unknown images, subnets that clash with the
 * host's routes or another lab, host ports already bound, and the files the lab refers to. Like the
 * parser, it reports every problem at once, before anything is made.
 */
public final class LabFileChecks {
    private LabFileChecks() {}

    public static void check(LabFile lab, LabHostFacts host) {
        Problems problems = new Problems(lab.source().getFileName().toString());
        images(lab, host, problems);
        templates(lab, host, problems);
        subnets(lab, host, problems);
        ports(lab, host, problems);
        files(lab, problems);
        problems.throwIfAny();
    }

    private static void images(LabFile lab, LabHostFacts host, Problems problems) {
        Set<String> reported = new HashSet<>();
        for (LabGuest g : lab.guests()) {
            // An app container may also name an engine image ("docker.io/library/nginx:1.27"), which
            // the engine resolves; VMs and system containers need an image of hyperlab's store.
            boolean engineRef = g.kind() == LabGuestKind.APP && (g.image().contains("/") || g.image().contains(":"));
            if (!engineRef && !g.isClone() && !host.hasImage(g.image()) && reported.add(g.group())) {
                problems.add(g.markOf("image"), "guests." + g.group() + ".image", "unknown image '" + g.image() + "'",
                        "try 'hyperlab image list', or 'hyperlab image build' / 'image pull NAME' first");
            }
        }
    }

    /** A clone's template must exist, and the sizes written for it be the template's (a clone wakes up with them). */
    private static void templates(LabFile lab, LabHostFacts host, Problems problems) {
        Set<String> reported = new HashSet<>();
        for (LabGuest g : lab.guests()) {
            if (!g.isClone() || !reported.add(g.group())) {
                continue;
            }
            String t = g.template().get();
            String f = "guests." + g.group();
            var sizes = host.template(t);
            if (sizes.isEmpty()) {
                problems.add(g.markOf("template"), f + ".template", "unknown template '" + t + "'",
                        "try 'hyperlab vm template list', or 'hyperlab vm template create " + t + "' first");
                continue;
            }
            LabHostFacts.TemplateSizes s = sizes.get();
            String because = " differs from template " + t + "'s ";
            if (g.cpus().isPresent() && g.cpus().getAsDouble() != s.cpus()) {
                problems.add(g.markOf("cpus"), f + ".cpus", (int) g.cpus().getAsDouble() + because + s.cpus()
                        + ": a clone wakes up with the CPUs its template's saved state holds", "try leaving cpus: out");
            }
            if (g.memoryBytes().isPresent() && g.memoryBytes().getAsLong() != s.memoryBytes()) {
                problems.add(g.markOf("memory"), f + ".memory", Sizes.human(g.memoryBytes().getAsLong()) + because
                        + Sizes.human(s.memoryBytes()) + ": a clone wakes up with its template's memory", "try leaving memory: out");
            }
            if (g.diskBytes().isPresent() && g.diskBytes().getAsLong() != s.diskBytes()) {
                problems.add(g.markOf("disk"), f + ".disk", Sizes.human(g.diskBytes().getAsLong()) + because
                        + Sizes.human(s.diskBytes()) + ": a clone has its template's disk", "try leaving disk: out");
            }
        }
    }

    private static void subnets(LabFile lab, LabHostFacts host, Problems problems) {
        for (LabNetwork n : lab.networks().values()) {
            if (n.subnet().isEmpty()) {
                continue;
            }
            Subnet s = n.subnet().get();
            String f = "networks." + n.name() + ".subnet";
            for (Subnet routed : host.routedSubnets()) {
                if (routed.overlaps(s)) {
                    problems.add(n.mark(), f, "subnet " + s + " overlaps " + routed + ", which the host already routes",
                            "try another range, or leave the subnet out so hyperlab picks a free one");
                }
            }
            for (Map.Entry<Subnet, String> other : host.otherLabSubnets().entrySet()) {
                if (!other.getValue().equals(lab.name()) && other.getKey().overlaps(s)) {
                    problems.add(n.mark(), f, "subnet " + s + " overlaps " + other.getKey() + " of lab '" + other.getValue() + "'",
                            "try another range, or 'hyperlab down' that lab first");
                }
            }
        }
    }

    private static void ports(LabFile lab, LabHostFacts host, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (LabGuest g : lab.guests()) {
            for (PortForward p : g.ports()) {
                String key = p.hostAddress() + ":" + p.hostPort() + "/" + p.protocol();
                String f = "guests." + g.group() + ".ports";
                if (!seen.add(key)) {
                    problems.add(g.markOf("ports"), f, "host port " + p.hostAddress() + ":" + p.hostPort()
                            + " is forwarded by two guests" + (g.name().equals(g.group()) ? "" : " (count makes several of " + g.group() + ")"),
                            "try a different host port for each guest");
                } else if (p.protocol().equals("tcp") && host.portInUse(p.hostAddress(), p.hostPort())) {
                    problems.add(g.markOf("ports"), f, "host port " + p.hostAddress() + ":" + p.hostPort() + " is already in use",
                            "try another host port, or stop what listens there (ss -ltnp)");
                }
            }
        }
    }

    private static void files(LabFile lab, Problems problems) {
        Set<Path> checked = new HashSet<>();
        for (LabGuest g : lab.guests()) {
            String base = "guests." + g.group();
            g.cloudConfig().filter(checked::add).ifPresent(p -> {
                try {
                    CloudConfigParser.parse(p);
                } catch (CloudInitException e) {
                    problems.add(g.markOf("cloud-config"), base + ".cloud-config", e.getMessage(), null);
                }
            });
            for (Path k : g.sshKeys()) {
                if (!checked.add(k)) {
                    continue;
                }
                if (!Files.isRegularFile(k)) {
                    problems.add(g.markOf("ssh-keys"), base + ".ssh-keys", "key file " + k + " does not exist",
                            "try the path of a public key, e.g. ~/.ssh/id_ed25519.pub");
                } else if (!isPublicKeyFile(k)) {
                    problems.add(g.markOf("ssh-keys"), base + ".ssh-keys", k + " is not an OpenSSH public key",
                            "try the .pub file, never the private key");
                }
            }
        }
    }

    /** The rule {@code vm create --ssh-key} applies ({@link SshKeyFiles}), so a lab refuses what a create would. */
    private static boolean isPublicKeyFile(Path file) {
        try {
            SshKeyFiles.read(List.of(file));
            return true;
        } catch (HyperlabException e) {
            return false;
        }
    }
}
