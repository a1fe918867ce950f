package dev.hyperlab.cloudinit;

import dev.hyperlab.cloudinit.model.CloudConfig;
import dev.hyperlab.cloudinit.model.NetworkConfig;
import dev.hyperlab.cloudinit.model.User;
import dev.hyperlab.cloudinit.model.WriteFile;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configs shared by the unit tests and the IT (which checks each with the real cloud-init). */
public final class SampleConfigs {
    public static final String KEY_ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx2bW1ZbWFrZWtleWZvcnRlc3RzMDEyMzQ1Njc4OTA alice@laptop";
    public static final String KEY_RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@desk";
    /** sha512crypt of "secret" with salt "saltsaltsaltsalt" (mkpasswd -m sha-512 -S saltsaltsaltsalt secret). */
    public static final String HASH_OF_SECRET =
            "$6$saltsaltsaltsalt$ph0yGsyjzqdeFaon7.gJZo8eAG5/rj9/JdzOu1Rl7dKzBYg3xgvl7T2VQ2Rt81bc5AXkdA54r0p8QvC1omD6R1";

    /** Strings a careless YAML writer turns into something else. */
    public static final List<String> TRICKY_STRINGS = List.of(
            "yes", "no", "Yes", "NO", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "",
            "0755", "0644", "1e3", "1E3", "1.0", "1_000", "0x1F", "0o17", "12:30", "1:20:30", ".inf", "-.inf", ".nan",
            "*star", "&anchor", "!tag", "%percent", "@at", "`tick", "- dash", "? question", ": colon", "a: b",
            "value #comment", "#hash", "{braces}", "[brackets]", "'single'", "\"double\"", "back\\slash",
            " leading space", "trailing space ", "tab\there", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<",
            "line1\nline2", "line1\nline2\n", "trailing newlines\n\n\n", "\nleading newline", "  indented\nblock",
            "trailing spaces on line  \nnext", "caf\u00e9 \u00fcber na\u00efve", "\u65e5\u672c\u8a9e", "emoji \ud83d\ude80 rocket",
            "\u00a0nbsp", "zero\u200bwidth", "bell\u0007char", "crlf\r\nline", "ends with colon:", "0", "-1", "+1", "007");

    private SampleConfigs() {}

    public static CloudConfig full() {
        return CloudConfig.builder()
                .instanceId("web-1-0123456789ab")
                .hostname("web-1")
                .timezone("Europe/Paris")
                .user(User.admin("alice").withSshKeys(List.of(KEY_ED25519)).withPasswordHash(HASH_OF_SECRET))
                .user(User.named("bob").withGroups(List.of("adm", "users")).withShell("/bin/sh"))
                .sshAuthorizedKey(KEY_RSA)
                .packages("curl", "jq")
                .writeFile(WriteFile.of("/etc/motd", "welcome\nto the lab\n").withPermissions("0644"))
                .writeFile(WriteFile.of("/usr/local/bin/hello", "#!/bin/sh\necho 'hi: yes'\n").withPermissions("0755")
                        .withOwner("root:root"))
                .bootcmd("echo boot > /run/hyperlab-boot")
                .runcmd("echo hello from runcmd")
                .runcmd("touch /tmp/done")
                .build();
    }

    /** Every tricky string in places cloud-init accepts free text: runcmd, write_files content, final_message. */
    public static CloudConfig tricky() {
        CloudConfig.Builder b = CloudConfig.builder().instanceId("tricky-1").hostname("tricky");
        int i = 0;
        for (String s : TRICKY_STRINGS) {
            b.runcmd(s.isEmpty() ? "true" : s);
            b.writeFile(WriteFile.of("/tmp/tricky/" + i++, s).withPermissions("0600"));
        }
        return b.build();
    }

    public static CloudConfig mergedWithUserConfig() {
        Map<String, Object> base = CloudConfigParser.parse(String.join("\n",
                "#cloud-config",
                "packages: [htop]",
                "runcmd:",
                "  - echo from user file",
                "  - [sh, -c, 'echo argv form']",
                "users:",
                "  - default",
                "  - name: alice",
                "    shell: /bin/zsh",
                "write_files:",
                "  - path: /etc/user-file",
                "    content: from user",
                "    permissions: 0640",
                "final_message: 'done: yes'",
                "ssh_pwauth: false",
                ""), "user.yaml");
        return CloudConfig.builder().instanceId("merged-42").hostname("merged").base(base)
                .user(User.admin("alice")).packages("curl").runcmd("echo from hyperlab").build();
    }

    public static CloudConfig staticNetwork() {
        return CloudConfig.builder().instanceId("net-1").hostname("net1.lab.example")
                .network(NetworkConfig.staticAddresses("enp1s0", List.of("192.0.2.10/24", "2001:db8::10/64"),
                        "192.0.2.1", List.of("192.0.2.53")))
                .build();
    }

    public static CloudConfig dhcpNetwork() {
        return CloudConfig.builder().instanceId("dhcp-1").hostname("dhcp1").network(NetworkConfig.dhcp("eth0")).build();
    }

    public static CloudConfig minimal() {
        return CloudConfig.builder().instanceId("min-1").build();
    }

    /** Name to config, for tests that check all of them. */
    public static Map<String, CloudConfig> all() {
        Map<String, CloudConfig> m = new LinkedHashMap<>();
        m.put("full", full());
        m.put("tricky", tricky());
        m.put("merged", mergedWithUserConfig());
        m.put("static-network", staticNetwork());
        m.put("dhcp-network", dhcpNetwork());
        m.put("minimal", minimal());
        return m;
    }
}
