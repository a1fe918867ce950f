package dev.hyperlab.cloudinit.render;

import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.User;
import dev.hyperlab.cloudinit.model.WriteFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the typed model into cloud-config keys (only the keys that were actually set). */
final class UserDataMapper {
    private UserDataMapper() {}

    static Map<String, Object> toMap(CloudConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.hostname() != null) {
            int dot = c.hostname().indexOf('.');
            m.put("hostname", dot < 0 ? c.hostname() : c.hostname().substring(0, dot));
            if (dot >= 0) {
                m.put("fqdn", c.hostname());
            }
        }
        if (c.timezone() != null) {
            m.put("timezone", c.timezone());
        }
        if (!c.users().isEmpty()) {
            List<Object> users = new ArrayList<>();
            c.users().forEach(u -> users.add(user(u)));
            m.put("users", users);
        }
        if (!c.sshAuthorizedKeys().isEmpty()) {
            m.put("ssh_authorized_keys", new ArrayList<>(c.sshAuthorizedKeys()));
        }
        if (!c.packages().isEmpty()) {
            m.put("packages", new ArrayList<>(c.packages()));
        }
        if (!c.writeFiles().isEmpty()) {
            List<Object> files = new ArrayList<>();
            c.writeFiles().forEach(f -> files.add(writeFile(f)));
            m.put("write_files", files);
        }
        if (!c.bootcmd().isEmpty()) {
            m.put("bootcmd", new ArrayList<>(c.bootcmd()));
        }
        if (!c.runcmd().isEmpty()) {
            m.put("runcmd", new ArrayList<>(c.runcmd()));
        }
        return m;
    }

    private static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        if (!u.groups().isEmpty()) {
            m.put("groups", new ArrayList<>(u.groups()));
        }
        if (u.sudo() != null) {
            m.put("sudo", u.sudo());
        }
        if (u.shell() != null) {
            m.put("shell", u.shell());
        }
        if (!u.sshAuthorizedKeys().isEmpty()) {
            m.put("ssh_authorized_keys", new ArrayList<>(u.sshAuthorizedKeys()));
        }
        if (u.passwordHash() != null) {
            m.put("passwd", u.passwordHash());
            m.put("lock_passwd", false);
        } else {
            m.put("lock_passwd", true);
        }
        return m;
    }

    private static Map<String, Object> writeFile(WriteFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", f.path());
        m.put("content", f.content());
        if (f.permissions() != null) {
            m.put("permissions", f.permissions());
        }
        if (f.owner() != null) {
            m.put("owner", f.owner());
        }
        return m;
    }
}
