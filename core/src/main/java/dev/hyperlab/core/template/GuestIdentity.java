package dev.hyperlab.core.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a restored clone a machine of its own, as one shell script the guest agent runs as
 * root: the steps cloud-init's per-instance modules take on a cold boot, done again because the
 * clone wakes up as its template, with the template's hostname, machine id and SSH host keys.
 *
 * <p>Order matters: the identity (hostname, machine id, host keys, the login user and keys) is
 * applied with {@code set -e}, so a step that fails fails the clone; the user's commands then run
 * as cloud-init runs {@code runcmd}, one after another whatever each returns; the readiness marker
 * is last, as in a cold boot's seed, so "ready" means the same for both.
 *
 * @param loginUser    the image's default user, who gets the keys when no {@code user} is named
 * @param readyCommand the readiness marker's command for the clone's instance id
 * @param hostKeys     SSH host key files (name under /etc/ssh to content) made on the host; empty: the
 *                     guest makes its own with {@code ssh-keygen -A}
 * @param machineId    the clone's new /etc/machine-id (see {@link #newMachineId})
 * @param nic          when the clone's NIC is on a libvirt network: its MAC, which the guest takes
 *                     before asking that network for an address (after the machine id, which
 *                     networkd's DHCP client id derives from)
 */
public record GuestIdentity(String hostname, Optional<String> user, List<String> sshKeys, List<String> runcmd,
                            String loginUser, String readyCommand, Map<String, String> hostKeys, String machineId,
                            Optional<CloneNic> nic) {
    /** A clone that keeps its template's user-mode NIC. */
    public GuestIdentity(String hostname, Optional<String> user, List<String> sshKeys, List<String> runcmd,
                         String loginUser, String readyCommand, Map<String, String> hostKeys, String machineId) {
        this(hostname, user, sshKeys, runcmd, loginUser, readyCommand, hostKeys, machineId, Optional.empty());
    }

    public GuestIdentity {
        Objects.requireNonNull(hostname);
        if (!machineId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a machine id is 32 lower-case hex digits, not " + machineId);
        }
        sshKeys = List.copyOf(sshKeys);
        runcmd = List.copyOf(runcmd);
        hostKeys = Map.copyOf(hostKeys);
    }

    /** Never prints the host keys: they are the clone's secrets. */
    @Override public String toString() {
        return "GuestIdentity[" + hostname + ", user " + user.orElse(loginUser) + ", " + sshKeys.size() + " keys, "
                + runcmd.size() + " commands, " + (hostKeys.isEmpty() ? "host keys made in the guest" : "host keys given") + "]";
    }

    public String script() {
        // Under TCG a restored clone runs every program it starts through a cold translation cache, so
        // each exec costs tens of milliseconds: the script uses shell builtins where it can, and what
        // can be made on the host (machine id, host keys) comes made.
        String login = user.orElse(loginUser);
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("h=").append(quote(hostname)).append('\n');
        // not hostnamectl: it wakes systemd-hostnamed through dbus, seconds under TCG
        s.append("echo \"$h\" > /etc/hostname\nhostname \"$h\"\n");
        s.append("if grep -q '^127\\.0\\.1\\.1' /etc/hosts; then sed -i \"s/^127\\.0\\.1\\.1.*/127.0.1.1 $h/\" /etc/hosts;"
                + " else echo \"127.0.1.1 $h\" >> /etc/hosts; fi\n");
        // A shared machine id gives clones one DHCP client id and one journal directory. Not
        // systemd-machine-id-setup: in a VM it derives the id from the DMI product UUID, and a restored
        // clone's DMI tables are its template's, so every clone would get the same id (measured).
        s.append("echo ").append(machineId).append(" > /etc/machine-id\n");
        s.append("if [ -f /var/lib/dbus/machine-id ] && [ ! -L /var/lib/dbus/machine-id ]; then cp /etc/machine-id /var/lib/dbus/machine-id; fi\n");
        if (hostKeys.isEmpty()) {
            s.append("rm -f /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub\n");
            s.append("ssh-keygen -A >/dev/null\n");
        } else {
            // sshd reads its host keys for every connection, so the new ones take effect without a restart
            s.append("(umask 077\n");
            new java.util.TreeMap<>(hostKeys).forEach((file, content) -> s.append("printf '%s\\n' ").append(quote(content.strip()))
                    .append(" > /etc/ssh/").append(file).append('\n'));
            s.append(")\nchmod 644 /etc/ssh/ssh_host_*_key.pub\n");
        }
        s.append("u=").append(quote(login)).append('\n');
        if (user.isPresent()) {
            s.append("getent passwd \"$u\" >/dev/null || useradd -m -s /bin/bash -G sudo \"$u\"\n");
            s.append("(umask 0337; echo \"$u ALL=(ALL) NOPASSWD:ALL\" > /etc/sudoers.d/90-hyperlab-$u)\n");
        }
        if (!sshKeys.isEmpty()) {
            s.append("if home=$(getent passwd \"$u\" | cut -d: -f6) && [ -n \"$home\" ]; then\n");
            s.append("  install -d -m 700 -o \"$u\" -g \"$(id -gn \"$u\")\" \"$home/.ssh\"\n");
            s.append("  (umask 077; printf '%s\\n'");
            for (String k : sshKeys) {
                s.append(' ').append(quote(k.strip()));
            }
            s.append(" > \"$home/.ssh/authorized_keys\")\n");
            s.append("  chown \"$u\" \"$home/.ssh/authorized_keys\"\n");
            s.append("fi\n");
        }
        nic.ifPresent(n -> s.append(n.script()));
        s.append("set +e\n");
        for (String c : runcmd) {
            s.append("sh -c ").append(quote(c)).append('\n');
        }
        s.append(readyCommand).append('\n');
        return s.toString();
    }

    /** A random machine id as systemd writes one: a version-4 UUID's 32 hex digits. */
    public static String newMachineId() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /** What a user's cloud-config would ask of cloud-init itself, which a restored clone never runs. */
    public static String notApplied() {
        return "a clone wakes up from its template's memory, so cloud-init does not run in it: a --cloud-config"
                + " (packages, write_files, mounts, any module) would not be applied; --user, --ssh-key, --hostname"
                + " and --runcmd are";
    }

    /** POSIX shell single quotes: every byte literal, a quote written as '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
