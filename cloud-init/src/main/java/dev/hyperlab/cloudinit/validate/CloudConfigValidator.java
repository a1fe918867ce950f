package dev.hyperlab.cloudinit.validate;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.InstanceId;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.PasswordHash;
import dev.hyperlab.cloudinit.model.SshKeys;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a merged cloud-config, the network config and the instance-id before anything is written,
 * and reports every problem at once, each with what to change.
 */
public final class CloudConfigValidator {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
    private static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_-]*[$]?(:[a-z_][a-z0-9_-]*[$]?)?|[0-9]+(:[0-9]+)?");
    private static final Set<String> KEY_TYPES = Set.of("rsa", "dsa", "ecdsa", "ed25519");

    private CloudConfigValidator() {}

    /** Throws {@link CloudInitException#isBadInput() bad input} listing every problem found. */
    public static void validate(Map<String, Object> userData, NetworkConfig network, String instanceId) {
        List<String> problems = new ArrayList<>();
        if (!InstanceId.isValid(instanceId)) {
            problems.add(instanceIdProblem(instanceId));
        }
        problems.addAll(userDataProblems(userData));
        problems.addAll(networkProblems(network));
        if (!problems.isEmpty()) {
            throw CloudInitException.badInput(problems);
        }
    }

    public static void requireValidInstanceId(String instanceId) {
        if (!InstanceId.isValid(instanceId)) {
            throw CloudInitException.badInput(instanceIdProblem(instanceId));
        }
    }

    private static String instanceIdProblem(String instanceId) {
        return "instance-id '" + instanceId + "' is invalid; use letters, digits, '.', '_' and '-' "
                + "(at most 128, starting with a letter or digit), or leave it unset to get a fresh one";
    }

    /** Throws bad input when the seed's files together exceed {@code maxBytes}. */
    public static void checkSize(long totalBytes, long maxBytes) {
        if (totalBytes > maxBytes) {
            throw CloudInitException.badInput("seed is " + totalBytes + " bytes, more than the limit of " + maxBytes
                    + " bytes; move large write_files contents into the image or fetch them in runcmd");
        }
    }

    public static List<String> userDataProblems(Map<String, Object> c) {
        List<String> p = new ArrayList<>();
        for (String key : c.keySet()) {
            if (!KnownKeys.TOP_LEVEL.contains(key)) {
                p.add("unknown top-level key '" + key + "'; "
                        + Suggestions.closest(key, KnownKeys.TOP_LEVEL).map(s -> "did you mean '" + s + "'?")
                        .orElse("remove it or check its spelling against the cloud-init module reference"));
            }
        }
        hostname(c, "hostname", p);
        hostname(c, "fqdn", p);
        if (c.containsKey("plain_text_passwd") || c.containsKey("password")) {
            p.add("plain-text passwords ('plain_text_passwd'/'password') are not accepted; use a SHA-512 hash in "
                    + "'passwd' instead (e.g. from 'mkpasswd -m sha-512' or --password-hash)");
        }
        users(c.get("users"), p);
        keys("ssh_authorized_keys", c.get("ssh_authorized_keys"), p);
        writeFiles(c.get("write_files"), p);
        commands("runcmd", c.get("runcmd"), p);
        commands("bootcmd", c.get("bootcmd"), p);
        packages(c.get("packages"), p);
        timezone(c.get("timezone"), p);
        genKeyTypes(c.get("ssh_genkeytypes"), p);
        return p;
    }

    public static List<String> networkProblems(NetworkConfig n) {
        List<String> p = new ArrayList<>();
        if (n == null || n.kind() == NetworkConfig.Kind.FALLBACK || n.kind() == NetworkConfig.Kind.DISABLED) {
            return p;
        }
        if (!Names.isInterfaceName(n.interfaceName())) {
            p.add("network interface name '" + n.interfaceName() + "' is invalid; use the guest's NIC name "
                    + "(at most 15 letters/digits, e.g. enp1s0 or eth0)");
        }
        if (n.kind() == NetworkConfig.Kind.STATIC) {
            if (n.addresses().isEmpty()) {
                p.add("static network needs at least one address; add one in CIDR form, e.g. 192.0.2.10/24");
            }
            n.addresses().stream().filter(a -> !IpAddresses.isCidr(a)).forEach(a -> p.add("network address '" + a
                    + "' is not in CIDR form; write it like 192.0.2.10/24 or 2001:db8::10/64"));
            if (n.gateway4() != null && !IpAddresses.isIpv4(n.gateway4())) {
                p.add("gateway4 '" + n.gateway4() + "' is not an IPv4 address; write it like 192.0.2.1");
            }
            n.nameservers().stream().filter(a -> !IpAddresses.isIp(a)).forEach(a -> p.add("nameserver '" + a
                    + "' is not an IP address; write it like 192.0.2.53"));
        }
        return p;
    }

    private static void hostname(Map<String, Object> c, String key, List<String> p) {
        if (!c.containsKey(key)) {
            return;
        }
        Object v = c.get(key);
        if (!(v instanceof String h)) {
            p.add(key + " '" + v + "' must be text; quote it or use a name like web-1");
            return;
        }
        String why = Names.hostnameProblem(h);
        if (why != null) {
            p.add(key + " '" + h + "' is not a valid host name (RFC 1123): " + why
                    + "; use letters, digits and '-', e.g. " + suggestHostname(h));
        }
    }

    private static String suggestHostname(String h) {
        String s = h.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("-*\\.-*", ".")
                .replaceAll("^[-.]+|[-.]+$", "");
        return s.isEmpty() || Names.hostnameProblem(s) != null ? "web-1" : s;
    }

    private static void users(Object v, List<String> p) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            p.add("'users' must be a list of users; write '- name: alice' items");
            return;
        }
        for (Object u : list) {
            if (u instanceof String s) {
                if (!s.equals("default") && !Names.isUserName(s)) {
                    p.add(userNameProblem(s));
                }
            } else if (u instanceof Map<?, ?> m) {
                Object name = m.get("name");
                if (!(name instanceof String n)) {
                    p.add("a user entry has no 'name'; add 'name: alice' to it");
                    continue;
                }
                if (!Names.isUserName(n)) {
                    p.add(userNameProblem(n));
                }
                Object pw = m.get("passwd");
                if (pw != null && !(pw instanceof String s && s.startsWith("$"))) {
                    p.add("user '" + n + "' has a 'passwd' that is not a crypt hash (it looks like a plain password); "
                            + "use a SHA-512 hash from 'mkpasswd -m sha-512' or --password-hash");
                } else if (pw instanceof String s && s.startsWith("$6$") && !PasswordHash.isSha512Crypt(s)) {
                    p.add("user '" + n + "' has a malformed SHA-512 'passwd' hash; copy the whole "
                            + "output of 'mkpasswd -m sha-512'");
                }
                if (m.containsKey("plain_text_passwd")) {
                    p.add("user '" + n + "' has 'plain_text_passwd'; plain passwords are not accepted, "
                            + "use 'passwd' with a SHA-512 hash (mkpasswd -m sha-512)");
                }
                keys("ssh_authorized_keys of user '" + n + "'", m.get("ssh_authorized_keys"), p);
                Object shell = m.get("shell");
                if (shell != null && !(shell instanceof String s && s.startsWith("/"))) {
                    p.add("user '" + n + "' has shell '" + shell + "'; use an absolute path such as /bin/bash");
                }
            } else {
                p.add("user entry '" + u + "' is neither a name nor a mapping; write '- name: alice'");
            }
        }
    }

    private static String userNameProblem(String n) {
        String fix = n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        if (fix.isEmpty() || !Names.isUserName(fix)) {
            fix = "alice";
        }
        return "user name '" + n + "' is invalid; use lower-case letters, digits, '_' and '-', starting with a "
                + "letter or '_', at most 32 characters (e.g. '" + fix + "')";
    }

    private static void keys(String where, Object v, List<String> p) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            p.add(where + " must be a list of public keys");
            return;
        }
        for (Object k : list) {
            if (!(k instanceof String s && SshKeys.isPublicKey(s.strip()))) {
                p.add(where + " has an entry that is not an OpenSSH public key ('" + abbreviate(String.valueOf(k))
                        + "'); use a line from a .pub file, e.g. ~/.ssh/id_ed25519.pub");
            }
        }
    }

    private static void writeFiles(Object v, List<String> p) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            p.add("'write_files' must be a list; write '- path: /etc/motd' items");
            return;
        }
        for (Object f : list) {
            if (!(f instanceof Map<?, ?> m)) {
                p.add("write_files entry '" + abbreviate(String.valueOf(f)) + "' must be a mapping with 'path' and 'content'");
                continue;
            }
            Object path = m.get("path");
            if (!(path instanceof String s) || s.isEmpty()) {
                p.add("a write_files entry has no 'path'; add an absolute path such as /etc/motd");
                continue;
            }
            if (!s.startsWith("/")) {
                p.add("write_files path '" + s + "' is relative; use an absolute path such as /" + s);
            } else if (("/" + s + "/").contains("/../") || s.endsWith("/") || s.indexOf('\0') >= 0) {
                p.add("write_files path '" + s + "' must name a file without '..' segments or a trailing '/'");
            }
            Object content = m.get("content");
            if (content != null && !(content instanceof String)) {
                p.add("write_files '" + s + "': content must be text; quote it (e.g. content: '0755')");
            }
            Object mode = m.get("permissions");
            if (mode != null && !validMode(mode)) {
                p.add("write_files '" + s + "': permissions '" + mode + "' is not an octal file mode; "
                        + "write it quoted with 3-4 octal digits, e.g. '0644'");
            }
            Object owner = m.get("owner");
            if (owner != null && !(owner instanceof String o && OWNER.matcher(o).matches())) {
                p.add("write_files '" + s + "': owner '" + owner + "' must look like 'user' or 'user:group'");
            }
        }
    }

    private static boolean validMode(Object mode) {
        if (mode instanceof String s) {
            return MODE.matcher(s).matches();
        }
        return false; // ints from a user's unquoted 0644 were turned into octal text by the merger
    }

    private static void commands(String key, Object v, List<String> p) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            p.add("'" + key + "' must be a list of commands; write '- echo hello' items");
            return;
        }
        for (Object cmd : list) {
            boolean ok = cmd instanceof String
                    || (cmd instanceof List<?> argv && !argv.isEmpty() && argv.stream().allMatch(a -> a instanceof String));
            if (!ok) {
                p.add("'" + key + "' entry '" + abbreviate(String.valueOf(cmd)) + "' must be a command string or a list "
                        + "of arguments; quote it if it is a number or yes/no");
            }
        }
    }

    private static void packages(Object v, List<String> p) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            p.add("'packages' must be a list of package names");
            return;
        }
        for (Object pkg : list) {
            boolean ok = pkg instanceof String s && s.matches("[A-Za-z0-9][A-Za-z0-9+.:=~_-]*")
                    || pkg instanceof List<?> pair && pair.size() == 2;
            if (!ok) {
                p.add("package '" + pkg + "' is not a package name; use names like 'curl' or 'nginx=1.22*'");
            }
        }
    }

    private static void timezone(Object v, List<String> p) {
        if (v == null) {
            return;
        }
        String tz = String.valueOf(v);
        if (!ZoneId.getAvailableZoneIds().contains(tz)) {
            p.add("timezone '" + tz + "' is unknown; " + Suggestions.closest(tz, ZoneId.getAvailableZoneIds())
                    .map(s -> "did you mean '" + s + "'?").orElse("use an IANA name such as Europe/Paris or UTC"));
        }
    }

    private static void genKeyTypes(Object v, List<String> p) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(KEY_TYPES::contains)) {
            p.add("ssh_genkeytypes '" + v + "' must be a list of rsa, ecdsa, ed25519 (e.g. [ed25519])");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
