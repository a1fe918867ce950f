package dev.hyperlab.core.labfile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.hyperlab.core.error.HyperlabException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a lab file ({@code hyperlab.yaml}) and checks its structure as a whole: keys, types, names,
 * sizes, addresses, references between guests and networks, and dependency cycles. Every problem is
 * reported at once with its line and column. Checks that need the host (images, routes, bound ports,
 * files the lab refers to) are {@link LabFileChecks}'.
 */
public final class LabFileParser {
    public static final String DEFAULT_FILE = "hyperlab.yaml";
    static final List<String> TOP_KEYS = List.of("name", "networks", "defaults", "guests");
    static final List<String> NETWORK_KEYS = List.of("subnet", "mode");
    /** A lab file is a page of YAML; a huge one is a mistake, and SnakeYAML should not be fed it. */
    static final int MAX_BYTES = 1 << 20;

    private LabFileParser() {}

    public static LabFile read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw HyperlabException.badInput("reading lab file failed: " + file + " is a directory",
                        "try " + file.resolve(DEFAULT_FILE) + " or -f FILE");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw HyperlabException.badInput("reading lab file failed: " + file + " is larger than 1 MiB",
                        "try the path of a hyperlab.yaml lab file");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw HyperlabException.badInput("reading lab file failed: " + file + " does not exist",
                    "try -f FILE, or write a " + DEFAULT_FILE + " here (see 'hyperlab up --help')");
        } catch (CharacterCodingException e) {
            throw HyperlabException.badInput("reading lab file failed: " + file + " is not UTF-8 text", "try saving it as UTF-8");
        } catch (IOException e) {
            throw HyperlabException.badInput("reading lab file failed: cannot read " + file + " (" + e.getMessage() + ")",
                    "try checking its permissions");
        }
        return parse(text, file.toAbsolutePath().normalize());
    }

    /** @param source the file the text came from: names the lab by default and anchors relative paths */
    public static LabFile parse(String text, Path source) {
        String fileName = source.getFileName() == null ? source.toString() : source.getFileName().toString();
        Problems problems = new Problems(fileName);
        Node root = compose(text, fileName);
        if (root == null) {
            throw HyperlabException.badInput("lab file " + fileName + " is empty",
                    "try at least 'guests:' with one guest, e.g. 'guests: {web: {kind: vm}}'");
        }
        YamlNodes nodes = new YamlNodes(problems);
        Map<String, Node> top = nodes.mapping(root, "", TOP_KEYS);
        String name = labName(top.get("name"), source, nodes, problems);
        Map<String, LabNetwork> networks = networks(top.get("networks"), nodes, problems);
        Map<String, Node> defaults = top.containsKey("defaults")
                ? nodes.mapping(top.get("defaults"), "defaults", LabGuestParser.DEFAULT_KEYS) : Map.of();
        List<LabGuest> guests = new ArrayList<>();
        if (!top.containsKey("guests") || YamlNodes.isNull(top.get("guests"))) {
            problems.add(top.isEmpty() ? root : top.values().iterator().next(), "guests", "is missing: a lab needs at least one guest",
                    "try 'guests: {web: {kind: vm}}'");
        } else {
            Path dir = source.getParent() == null ? Path.of(".") : source.getParent();
            guests = new LabGuestParser(nodes, problems, networks, dir, defaults).guests(top.get("guests"));
        }
        problems.throwIfAny();
        return new LabFile(name, source, networks, guests);
    }

    private static Node compose(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? fileName
                    : fileName + ":" + (e.getProblemMark().getLine() + 1) + ":" + (e.getProblemMark().getColumn() + 1);
            throw HyperlabException.badInput("lab file " + where + " is not valid YAML: " + e.getProblem(),
                    "try fixing the indentation or quoting that value");
        } catch (YAMLException e) {
            throw HyperlabException.badInput("lab file " + fileName + " is not valid YAML: " + e.getMessage(),
                    "try checking its indentation");
        }
    }

    private static String labName(Node node, Path source, YamlNodes nodes, Problems problems) {
        if (node != null) {
            Optional<String> written = nodes.text(node, "name");
            if (written.isPresent() && !LabNames.isValid(written.get())) {
                problems.add(node, "name", "bad lab name '" + written.get() + "': " + LabNames.RULE, "try e.g. 'web-lab'");
            }
            return written.orElse("lab");
        }
        // As Compose names a project after its directory: lower-cased, with what a name cannot hold
        // turned into dashes.
        Path dir = source.getParent();
        String fromDir = LabNames.fromDirectory(dir == null || dir.getFileName() == null ? "" : dir.getFileName().toString());
        if (fromDir.isEmpty()) {
            problems.add((Node) null, "name", "is missing and the directory's name cannot be used", "try 'name: my-lab'");
        }
        return fromDir;
    }

    private static Map<String, LabNetwork> networks(Node node, YamlNodes nodes, Problems problems) {
        Map<String, LabNetwork> out = new LinkedHashMap<>();
        if (node == null || YamlNodes.isNull(node)) {
            return out;
        }
        Map<String, Node> keyNodes = nodes.keyNodes(node);
        for (Map.Entry<String, Node> e : nodes.mapping(node, "networks", null).entrySet()) {
            String net = e.getKey();
            String field = "networks." + net;
            Node keyNode = keyNodes.get(net);
            if (!LabNames.isValidNetwork(net)) {
                problems.add(keyNode, field, "bad network name: " + LabNames.NETWORK_RULE, "try e.g. 'lan'");
            }
            Map<String, Node> props = YamlNodes.isNull(e.getValue()) ? Map.of() : nodes.mapping(e.getValue(), field, NETWORK_KEYS);
            Optional<Subnet> subnet = Optional.empty();
            if (props.containsKey("subnet")) {
                Node s = props.get("subnet");
                subnet = nodes.text(s, field + ".subnet").flatMap(t -> {
                    Optional<Subnet> parsed = Subnet.parse(t.strip());
                    if (parsed.isEmpty()) {
                        problems.add(s, field + ".subnet", "bad subnet '" + t + "': not an IPv4 network in CIDR form with its host bits zero",
                                "try e.g. 192.168.150.0/24");
                    } else if (parsed.get().prefix() < Subnet.MIN_PREFIX || parsed.get().prefix() > Subnet.MAX_PREFIX) {
                        problems.add(s, field + ".subnet", "subnet " + t + " has prefix /" + parsed.get().prefix()
                                + ": lab networks take /" + Subnet.MIN_PREFIX + " to /" + Subnet.MAX_PREFIX, "try a /24");
                        return Optional.empty();
                    }
                    return parsed;
                });
            }
            LabNetwork.Mode mode = LabNetwork.Mode.NAT;
            if (props.containsKey("mode")) {
                Node m = props.get("mode");
                Optional<String> word = nodes.text(m, field + ".mode");
                if (word.isPresent()) {
                    try {
                        mode = LabNetwork.Mode.valueOf(word.get().strip().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException ex) {
                        problems.add(m, field + ".mode", "unknown mode '" + word.get() + "'", "try nat or isolated");
                    }
                }
            }
            out.put(net, new LabNetwork(net, subnet, mode, problems.mark(keyNode)));
        }
        checkOverlaps(out, problems);
        return out;
    }

    private static void checkOverlaps(Map<String, LabNetwork> networks, Problems problems) {
        List<LabNetwork> list = new ArrayList<>(networks.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                LabNetwork a = list.get(i);
                LabNetwork b = list.get(j);
                if (a.subnet().isPresent() && b.subnet().isPresent() && a.subnet().get().overlaps(b.subnet().get())) {
                    problems.add(b.mark(), "networks." + b.name() + ".subnet", "subnet " + b.subnet().get() + " overlaps "
                            + a.name() + "'s " + a.subnet().get(), "try another range, or leave the subnet out so hyperlab picks one");
                }
            }
        }
    }
}
