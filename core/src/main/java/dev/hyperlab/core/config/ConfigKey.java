package dev.hyperlab.core.config;

import dev.hyperlab.cloudinit.validate.Names;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.NetworkSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of {@code config.yaml}: what each means, its environment variable, its built-in value,
 * and the rule its values must follow. The CLI's options take their defaults from here, so the
 * built-in values live in one place ({@link Defaults}).
 */
public enum ConfigKey {
    IMAGE("image", "the image new guests start from", Defaults.IMAGE,
            "an image name from 'hyperlab image list' (letters, digits, '.', '_', '-')", List.of("HYPERLAB_IMAGE")),
    CPUS("cpus", "vCPUs of a new VM", Defaults.CPUS, "a whole number from 1 to 256", List.of("HYPERLAB_CPUS")),
    MEMORY("memory", "memory of a new VM", Defaults.MEMORY, "a size such as 512M or 2G", List.of("HYPERLAB_MEMORY")),
    DISK("disk", "disk size of a new VM", null, "a size such as 10G (unset: the image's size)", List.of("HYPERLAB_DISK")),
    NETWORK("network", "network of a new VM", Defaults.NETWORK,
            "nat (QEMU user-mode NAT), user (user-mode, restrict=on), none, or the name of a libvirt network", List.of("HYPERLAB_NETWORK")),
    USER("user", "login user cloud-init creates in VMs and system containers", null,
            "a login name: lowercase letters, digits, '_' and '-', starting with a letter or '_'", List.of("HYPERLAB_USER")),
    SSH_KEYS("ssh-keys", "public key files authorized for the login user", null,
            "public key files (.pub), a YAML list or comma separated (unset: ~/.ssh/*.pub)", List.of("HYPERLAB_SSH_KEYS")),
    CONNECT("connect", "libvirt URI", Defaults.CONNECT,
            "a libvirt URI such as qemu:///system, qemu+ssh://HOST/system or test:///default",
            List.of("HYPERLAB_CONNECT", "LIBVIRT_DEFAULT_URI")),
    ENGINE("engine", "container engine", null,
            "podman, docker, or an endpoint unix:///PATH or tcp://HOST:PORT (unset: Podman's socket, else Docker's)",
            List.of("HYPERLAB_ENGINE", "CONTAINER_HOST", "DOCKER_HOST"));

    private final String key;
    private final String meaning;
    private final String builtIn;
    private final String allowed;
    private final List<String> envVars;

    ConfigKey(String key, String meaning, String builtIn, String allowed, List<String> envVars) {
        this.key = key;
        this.meaning = meaning;
        this.builtIn = builtIn;
        this.allowed = allowed;
        this.envVars = envVars;
    }

    /** The name in config.yaml and on the command line of {@code hyperlab config}. */
    public String key() { return key; }

    public String meaning() { return meaning; }

    /** The value when nothing else sets one; empty when "unset" has a meaning of its own (see {@link #allowed()}). */
    public Optional<String> builtIn() { return Optional.ofNullable(builtIn); }

    /** What a value may be, in words a user can follow. */
    public String allowed() { return allowed; }

    /** Environment variables, the first set one wins; they override both files. */
    public List<String> envVars() { return envVars; }

    public boolean isList() { return this == SSH_KEYS; }

    public static Optional<ConfigKey> of(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    /** Why {@code value} is not allowed for this key, or null when it is. */
    public String problem(String value) {
        if (value == null || value.isBlank()) {
            return "it is empty";
        }
        String v = value.strip();
        try {
            switch (this) {
                case IMAGE -> {
                    if (!v.matches("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}")) {
                        return "'" + v + "' is not an image name";
                    }
                }
                case CPUS -> {
                    int n = Integer.parseInt(v);
                    if (n < 1 || n > 256) {
                        return v + " is out of range";
                    }
                }
                case MEMORY -> Sizes.parse(key, v, "M");
                case DISK -> Sizes.parse(key, v, "G");
                case NETWORK -> NetworkSpec.parse(v);
                case USER -> {
                    if (!Names.isUserName(v)) {
                        return "'" + v + "' is not a login name";
                    }
                }
                case SSH_KEYS -> {
                    for (String f : ConfigValue.split(v)) {
                        if (!f.endsWith(".pub")) {
                            return "'" + f + "' is not a public key file (.pub)";
                        }
                    }
                }
                case CONNECT -> {
                    if (!v.matches("[a-z][a-z0-9+.-]*://[^\\s]*")) {
                        return "'" + v + "' is not a libvirt URI";
                    }
                }
                case ENGINE -> {
                    String l = v.toLowerCase(Locale.ROOT);
                    if (!(l.equals("podman") || l.equals("docker") || v.startsWith("unix:///") || v.startsWith("tcp://")
                            || v.startsWith("/"))) {
                        return "'" + v + "' is not an engine";
                    }
                }
                default -> throw new AssertionError(this);
            }
        } catch (NumberFormatException e) {
            return "'" + v + "' is not a whole number";
        } catch (RuntimeException e) {
            return "'" + v + "' is not " + switch (this) {
                case MEMORY, DISK -> "a size";
                case NETWORK -> "a network name";
                default -> "allowed";
            };
        }
        return null;
    }
}
