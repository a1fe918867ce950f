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
        // each exec costs 50-200 ms (measured: hostname 0.19 s, grep and sed 0.8 s): the identity is
        // written with shell builtins (echo, printf, read, case, redirections), and what can be made on
        // the host (machine id, host keys, the clock) comes made. Programs run only for a login user
        // (useradd, install, chown) and the user's own commands.
        String login = user.orElse(loginUser);
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("h=").append(quote(hostname)).append('\n');
        // not hostnamectl (it wakes systemd-hostnamed through dbus, seconds under TCG), nor hostname(1):
        // the kernel's hostname is this file
        s.append("echo \"$h\" > /etc/hostname\necho \"$h\" > /proc/sys/kernel/hostname\n");
        s.append(hostsLine("/etc/hosts"));
        // A shared machine id gives clones one DHCP client id and one journal directory. Not
        // systemd-machine-id-setup: in a VM it derives the id from the DMI product UUID, and a restored
        // clone's DMI tables are its template's, so every clone would get the same id (measured).
        s.append("echo ").append(machineId).append(" > /etc/machine-id\n");
        s.append("if [ -f /var/lib/dbus/machine-id ] && [ ! -L /var/lib/dbus/machine-id ]; then echo ").append(machineId)
                .append(" > /var/lib/dbus/machine-id; fi\n");
        if (hostKeys.isEmpty()) {
            s.append("rm -f /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub\n");
            s.append("ssh-keygen -A >/dev/null\n");
        } else {
            // sshd reads its host keys for every connection, so the new ones take effect without a
            // restart; a file that exists keeps its mode, a new one gets 0600 (private) or 0644 (public)
            StringBuilder priv = new StringBuilder();
            StringBuilder pub = new StringBuilder();
            new java.util.TreeMap<>(hostKeys).forEach((file, content) -> (file.endsWith(".pub") ? pub : priv)
                    .append("printf '%s\\n' ").append(quote(content.strip())).append(" > /etc/ssh/").append(file).append('\n'));
            s.append("(umask 077\n").append(priv).append(")\n");
            s.append("(umask 022\n").append(pub).append(")\n");
        }
        s.append("u=").append(quote(login)).append('\n');
        if (user.isPresent() || !sshKeys.isEmpty()) {
            s.append(PASSWD_LOOKUP);
        }
        if (user.isPresent()) {
            s.append("pw || useradd -m -s /bin/bash -G sudo \"$u\"\n");
            s.append("(umask 0337; echo \"$u ALL=(ALL) NOPASSWD:ALL\" > /etc/sudoers.d/90-hyperlab-$u)\n");
        }
        if (!sshKeys.isEmpty()) {
            s.append("if pw && [ -n \"$home\" ]; then\n");
            s.append("  install -d -m 700 -o \"$u\" -g \"$gid\" \"$home/.ssh\"\n");
            s.append("  (umask 077; printf '%s\\n'");
            for (String k : sshKeys) {
                s.append(' ').append(quote(k.strip()));
            }
            s.append(" > \"$home/.ssh/authorized_keys\")\n");
            s.append("  chown \"$u:$gid\" \"$home/.ssh/authorized_keys\"\n");
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

    /**
     * {@code pw}: true when user {@code $u} exists, setting {@code $home} and {@code $gid}; /etc/passwd is
     * read with builtins, getent (a program) asked only for a user it does not hold (LDAP, NIS).
     */
    static final String PASSWD_LOOKUP = """
            pw() {
              while IFS=: read -r n _ _ gid _ home _; do if [ "$n" = "$u" ]; then return 0; fi; done < /etc/passwd
              IFS=: read -r n _ _ gid _ home _ <<HLPW
            $(getent passwd "$u")
            HLPW
              [ "$n" = "$u" ]
            }
            """;

    /**
     * Rewrites {@code file}'s 127.0.1.1 line (Debian's own name line) to {@code $h}, or appends one: what
     * {@code sed -i} did, with builtins. The file is read whole before it is written.
     */
    static String hostsLine(String file) {
        return "hosts=; found=\n"
                + "while IFS= read -r l || [ -n \"$l\" ]; do\n"
                + "  case $l in 127.0.1.1|127.0.1.1[[:space:]]*) if [ -n \"$found\" ]; then continue; fi; l=\"127.0.1.1 $h\"; found=1;; esac\n"
                + "  hosts=\"$hosts$l\n\"\n"
                + "done < " + file + "\n"
                + "[ -n \"$found\" ] || hosts=\"${hosts}127.0.1.1 $h\n\"\n"
                + "printf '%s' \"$hosts\" > " + file + "\n";
    }

    /**
     * The clone's clock, set first: it stopped when its template was frozen. {@code date -s} rather than
     * the agent's guest-set-time, which also runs {@code hwclock -w}, and that waits for the RTC's next
     * second (0.5-2 s measured); the emulated RTC already runs on the host's clock.
     */
    public static String clockLine(java.time.Instant now) {
        return "date -u -s @" + now.getEpochSecond() + "." + String.format("%09d", now.getNano()) + " >/dev/null\n";
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
