package dev.hyperlab.core.labfile;

import dev.hyperlab.cloudinit.validate.Suggestions;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.GuestNames;
import dev.hyperlab.core.model.Sizes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The {@code guests:} section: each guest's fields, {@code count} expansion, references and cycles. */
final class LabGuestParser {
    static final List<String> GUEST_KEYS = List.of("kind", "image", "template", "cpus", "memory", "disk", "user", "ssh-keys",
            "cloud-config", "runcmd", "command", "networks", "ports", "count", "depends-on");
    /** {@code defaults:} takes every field that makes sense for several guests at once. */
    static final List<String> DEFAULT_KEYS = List.of("kind", "image", "cpus", "memory", "disk", "user", "ssh-keys",
            "cloud-config", "runcmd", "networks");
    static final String DEFAULT_IMAGE = "debian-12";
    static final int MAX_COUNT = 100;
    static final int MAX_VM_CPUS = 64;

    private final YamlNodes nodes;
    private final Problems problems;
    private final Map<String, LabNetwork> networks;
    private final Path dir;
    private final Map<String, Node> defaults;

    LabGuestParser(YamlNodes nodes, Problems problems, Map<String, LabNetwork> networks, Path dir, Map<String, Node> defaults) {
        this.nodes = nodes;
        this.problems = problems;
        this.networks = networks;
        this.dir = dir;
        this.defaults = defaults;
    }

    List<LabGuest> guests(Node node) {
        Map<String, Node> keyNodes = nodes.keyNodes(node);
        Map<String, Node> written = nodes.mapping(node, "guests", null);
        if (written.isEmpty() && problems.isEmpty()) {
            problems.add(node, "guests", "is empty: a lab needs at least one guest", "try 'web: {kind: vm}' under it");
        }
        // Pass 1: each written guest's fields; pass 2: names after count, then references.
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : written.entrySet()) {
            drafts.put(e.getKey(), draft(e.getKey(), keyNodes.get(e.getKey()), e.getValue()));
        }
        Map<String, List<String>> expanded = expandNames(drafts);
        List<LabGuest> guests = new ArrayList<>();
        for (Draft d : drafts.values()) {
            List<String> deps = dependencies(d, drafts, expanded);
            List<String> names = expanded.getOrDefault(d.group, List.of());
            for (String name : names) {
                guests.add(new LabGuest(name, d.group, d.kind, d.image, d.template, d.cpus, d.memory, d.disk, d.user, d.sshKeys,
                        d.cloudConfig, d.runcmd, d.command, d.attachments, d.ports, deps, d.mark, d.marks));
            }
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        drafts.forEach((n, d) -> deps.put(n, d.dependsOn.stream().map(String::strip).toList()));
        DependencyCycles.find(deps).ifPresent(path -> {
            Draft d = drafts.get(path.get(0));
            problems.add(d.dependsOnNode, "guests." + d.group + ".depends-on", "dependency cycle: "
                    + String.join(" -> ", path), "try removing one of these depends-on entries");
        });
        checkStaticAddresses(guests);
        return guests;
    }

    /** One guest as written, before {@code count} makes several of it. */
    private static final class Draft {
        String group;
        SourceMark mark;
        Map<String, SourceMark> marks = new HashMap<>();
        LabGuestKind kind = LabGuestKind.VM;
        String image = DEFAULT_IMAGE;
        Optional<String> template = Optional.empty();
        OptionalDouble cpus = OptionalDouble.empty();
        OptionalLong memory = OptionalLong.empty();
        OptionalLong disk = OptionalLong.empty();
        Optional<String> user = Optional.empty();
        List<Path> sshKeys = List.of();
        Optional<Path> cloudConfig = Optional.empty();
        List<String> runcmd = List.of();
        List<String> command = List.of();
        List<NetworkAttachment> attachments = List.of();
        List<PortForward> ports = List.of();
        int count = 1;
        boolean counted;
        List<String> dependsOn = List.of();
        Node dependsOnNode;
    }

    private Draft draft(String group, Node keyNode, Node node) {
        Draft d = new Draft();
        d.group = group;
        d.mark = problems.mark(keyNode);
        String field = "guests." + group;
        if (!GuestNames.isValid(group)) {
            problems.add(keyNode, field, "bad guest name: use 1-63 lower-case letters, digits and inner dashes"
                    + " (it becomes the hostname)", "try e.g. 'web-1'");
        }
        Map<String, Node> own = YamlNodes.isNull(node) ? Map.of() : nodes.mapping(node, field, GUEST_KEYS);
        // A guest's own value wins over defaults:, key by key, as kcli's and Vagrant's defaults do.
        Map<String, Node> fields = new LinkedHashMap<>(defaults);
        fields.putAll(own);
        fields.forEach((k, v) -> d.marks.put(k, problems.mark(v)));
        if (fields.containsKey("kind")) {
            Node k = fields.get("kind");
            nodes.text(k, field + ".kind").ifPresent(w -> LabGuestKind.of(w.strip()).ifPresentOrElse(kind -> d.kind = kind,
                    () -> problems.add(k, field + ".kind", "unknown kind '" + w + "'", "try vm, system or app")));
        }
        for (Map.Entry<String, Node> e : fields.entrySet()) {
            field(d, field, e.getKey(), e.getValue());
        }
        d.template.ifPresent(t -> TemplateGuests.check(problems, field, t, own, fields, d.attachments.size()));
        return d;
    }

    private void field(Draft d, String guestField, String key, Node v) {
        String f = guestField + "." + key;
        switch (key) {
            case "kind" -> { }
            case "image" -> nodes.text(v, f).ifPresent(t -> d.image = t.strip());
            case "template" -> {
                d.template = nodes.text(v, f).map(String::strip);
                onlyFor(d, v, f, LabGuestKind.VM, "a template is a VM's saved state; try image: for a container");
            }
            case "cpus" -> d.cpus = cpus(v, f, d.kind);
            case "memory" -> d.memory = size(v, f, "M");
            case "disk" -> {
                d.disk = size(v, f, "G");
                onlyFor(d, v, f, LabGuestKind.VM, "a container has no disk of its own; try leaving it out");
            }
            case "user" -> nodes.text(v, f).ifPresent(u -> d.user = Optional.of(user(u.strip(), v, f, d.kind)));
            case "ssh-keys" -> {
                d.sshKeys = nodes.texts(v, f).stream().map(this::path).toList();
                notFor(d, v, f, LabGuestKind.APP, "an app container has no login; try kind: system");
            }
            case "cloud-config" -> {
                d.cloudConfig = nodes.text(v, f).map(this::path);
                notFor(d, v, f, LabGuestKind.APP, "cloud-init runs in VMs and system containers; try kind: system");
            }
            case "runcmd" -> {
                d.runcmd = nodes.texts(v, f);
                notFor(d, v, f, LabGuestKind.APP, "an app container runs its command, not cloud-init; try command:");
            }
            case "command" -> {
                d.command = nodes.texts(v, f);
                onlyFor(d, v, f, LabGuestKind.APP, "VMs and system containers boot their init; try runcmd: for first-boot commands");
            }
            case "networks" -> d.attachments = attachments(v, f);
            case "ports" -> d.ports = ports(v, f);
            case "count" -> nodes.integer(v, f, 1, MAX_COUNT).ifPresent(n -> {
                d.count = n;
                d.counted = true;
            });
            case "depends-on" -> {
                d.dependsOn = nodes.texts(v, f);
                d.dependsOnNode = v;
            }
            default -> throw new IllegalStateException("unhandled key " + key);
        }
    }

    private void onlyFor(Draft d, Node v, String f, LabGuestKind kind, String hint) {
        if (d.kind != kind) {
            problems.add(v, f, "is only for kind " + kind.word() + ", and this guest is " + d.kind.word(), hint);
        }
    }

    private void notFor(Draft d, Node v, String f, LabGuestKind kind, String hint) {
        if (d.kind == kind) {
            problems.add(v, f, "does not apply to kind " + kind.word(), hint);
        }
    }

    private OptionalDouble cpus(Node v, String f, LabGuestKind kind) {
        Optional<String> t = nodes.text(v, f);
        if (t.isEmpty()) {
            return OptionalDouble.empty();
        }
        String s = t.get().strip();
        if (kind == LabGuestKind.VM) {
            // vCPUs are whole; a container's CPU limit may be a fraction, as 'ct create --cpus 0.5' takes.
            if (s.matches("\\d{1,3}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= MAX_VM_CPUS) {
                return OptionalDouble.of(Integer.parseInt(s));
            }
            problems.add(v, f, "a VM takes 1 to " + MAX_VM_CPUS + " whole vCPUs, not '" + s + "'", "try cpus: 2");
            return OptionalDouble.empty();
        }
        if (s.matches("\\d{1,3}(\\.\\d{1,3})?") && Double.parseDouble(s) > 0) {
            return OptionalDouble.of(Double.parseDouble(s));
        }
        problems.add(v, f, "a container's CPU limit is a number above 0, not '" + s + "'", "try cpus: 0.5");
        return OptionalDouble.empty();
    }

    private OptionalLong size(Node v, String f, String defaultUnit) {
        Optional<String> t = nodes.text(v, f);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Sizes.parse(f, t.get(), defaultUnit));
        } catch (HyperlabException e) {
            problems.add(v, f, "bad size '" + t.get() + "'", "try a number with a unit, e.g. 512M or 2G");
            return OptionalLong.empty();
        }
    }

    private String user(String u, Node v, String f, LabGuestKind kind) {
        if (kind == LabGuestKind.APP) {
            // As 'ct create --user' for an app container: who the command runs as.
            if (!u.matches("[a-z_][a-z0-9_-]{0,31}|\\d{1,10}(:\\d{1,10})?")) {
                problems.add(v, f, "bad user '" + u + "' for an app container", "try a user name, a uid or uid:gid such as 1000:1000");
            }
            return u;
        }
        try {
            return GuestNames.requireValidUser(u);
        } catch (HyperlabException e) {
            problems.add(v, f, "bad login user '" + u + "': use a lower-case login name other than root", "try user: dev");
            return u;
        }
    }

    private Path path(String text) {
        String t = text.strip();
        if (t.equals("~") || t.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + t.substring(1));
        }
        return dir.resolve(t).normalize();
    }

    private List<NetworkAttachment> attachments(Node v, String f) {
        List<NetworkAttachment> out = new ArrayList<>();
        if (v instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                nodes.text(item, f + "[" + i + "]").ifPresent(n -> attach(out, n.strip(), Optional.empty(), item, f));
            }
            return out;
        }
        Map<String, Node> keyNodes = nodes.keyNodes(v);
        for (Map.Entry<String, Node> e : nodes.mapping(v, f, null).entrySet()) {
            String nf = f + "." + e.getKey();
            Map<String, Node> props = YamlNodes.isNull(e.getValue()) ? Map.of() : nodes.mapping(e.getValue(), nf, List.of("ip"));
            Optional<Long> address = Optional.empty();
            if (props.containsKey("ip")) {
                Node ipNode = props.get("ip");
                Optional<String> ip = nodes.text(ipNode, nf + ".ip");
                address = ip.flatMap(a -> Ipv4.parse(a.strip()));
                if (ip.isPresent() && address.isEmpty()) {
                    problems.add(ipNode, nf + ".ip", "bad address '" + ip.get() + "': not an IPv4 address", "try e.g. 192.168.150.20");
                }
            }
            // Point at the address when one is given: that is what a later check may refuse.
            attach(out, e.getKey(), address, props.containsKey("ip") ? props.get("ip") : keyNodes.get(e.getKey()), f);
        }
        return out;
    }

    private void attach(List<NetworkAttachment> out, String network, Optional<Long> address, Node node, String f) {
        if (!networks.containsKey(network)) {
            String hint = Suggestions.closest(network, networks.keySet()).map(c -> "did you mean '" + c + "'?")
                    .orElse(networks.isEmpty() ? "try declaring it under networks: at the top"
                            : "try one of: " + String.join(", ", networks.keySet()));
            problems.add(node, f, "unknown network '" + network + "'", hint);
            return;
        }
        if (out.stream().anyMatch(a -> a.network().equals(network))) {
            problems.add(node, f, "network '" + network + "' is listed twice", "try listing it once");
            return;
        }
        out.add(new NetworkAttachment(network, address, problems.mark(node)));
    }

    private List<PortForward> ports(Node v, String f) {
        List<PortForward> out = new ArrayList<>();
        List<String> texts = nodes.texts(v, f);
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            Node item = v instanceof SequenceNode seq ? seq.getValue().get(i) : v;
            Optional<PortForward> p = PortForward.parse(t);
            if (p.isEmpty()) {
                problems.add(item, f + "[" + i + "]", "bad port forward '" + t + "'",
                        "try [HOST_IP:]HOST_PORT:GUEST_PORT[/udp], e.g. \"127.0.0.1:8080:80\"");
            } else if (out.stream().anyMatch(o -> o.hostPort() == p.get().hostPort() && o.protocol().equals(p.get().protocol()))) {
                problems.add(item, f + "[" + i + "]", "host port " + p.get().hostPort() + " is forwarded twice", "try another host port");
            } else {
                out.add(p.get());
            }
        }
        return out;
    }

    private Map<String, List<String>> expandNames(Map<String, Draft> drafts) {
        Map<String, List<String>> expanded = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        for (Draft d : drafts.values()) {
            List<String> names = new ArrayList<>();
            if (!d.counted) {
                names.add(d.group);
            } else {
                for (int i = 1; i <= d.count; i++) {
                    names.add(d.group + "-" + i);
                }
            }
            for (String n : names) {
                String previous = owner.putIfAbsent(n, d.group);
                if (previous != null) {
                    problems.add(d.mark, "guests." + d.group, "makes a guest named '" + n + "', which '" + previous
                            + "' makes too", "try another name or count");
                }
            }
            if (d.counted && d.attachments.stream().anyMatch(a -> a.address().isPresent())) {
                problems.add(d.marks.get("networks"), "guests." + d.group + ".networks",
                        "a static address cannot be shared by " + d.count + " guests (count)", "try leaving ip out so DHCP gives each its own");
            }
            expanded.put(d.group, names);
        }
        return expanded;
    }

    private List<String> dependencies(Draft d, Map<String, Draft> drafts, Map<String, List<String>> expanded) {
        List<String> out = new ArrayList<>();
        for (String dep : d.dependsOn) {
            String name = dep.strip();
            if (!drafts.containsKey(name)) {
                String hint = Suggestions.closest(name, drafts.keySet()).map(c -> "did you mean '" + c + "'?")
                        .orElse("try one of: " + String.join(", ", drafts.keySet()));
                problems.add(d.dependsOnNode, "guests." + d.group + ".depends-on", "unknown guest '" + name + "'", hint);
            } else {
                out.addAll(expanded.getOrDefault(name, List.of()));
            }
        }
        return out;
    }

    private void checkStaticAddresses(List<LabGuest> guests) {
        Map<String, String> used = new HashMap<>();
        for (LabGuest g : guests) {
            for (NetworkAttachment a : g.networks()) {
                if (a.address().isEmpty()) {
                    continue;
                }
                LabNetwork net = networks.get(a.network());
                String f = "guests." + g.group() + ".networks." + a.network() + ".ip";
                String ip = Ipv4.format(a.address().get());
                if (net.subnet().isEmpty()) {
                    problems.add(a.mark(), f, "static address " + ip + " on network '" + a.network() + "', which has no subnet",
                            "try giving networks." + a.network() + " a subnet");
                } else if (!net.subnet().get().isGuestAddress(a.address().get())) {
                    problems.add(a.mark(), f, "address " + ip + " is not a guest address of " + net.subnet().get()
                            + " (the network, gateway .1 and broadcast addresses are taken)", "try an address inside the subnet");
                }
                String previous = used.putIfAbsent(a.network() + "/" + ip, g.name());
                if (previous != null) {
                    problems.add(a.mark(), f, "address " + ip + " is already given to '" + previous + "'", "try another address");
                }
            }
        }
    }
}
