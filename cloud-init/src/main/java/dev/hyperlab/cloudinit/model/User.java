package dev.hyperlab.cloudinit.model;

import java.util.List;
import java.util.Objects;

/**
 * One account cloud-init creates. The password exists only as a SHA-512 crypt hash; with no hash the
 * account's password stays locked and only SSH keys let the user in.
 *
 * @param sudo a sudoers rule such as {@code ALL=(ALL) NOPASSWD:ALL}, or null for none
 * @param shell login shell, or null for the distribution's default
 * @param passwordHash {@code $6$...} hash, or null to keep the password locked
 */
public record User(String name, List<String> groups, String sudo, String shell,
                   List<String> sshAuthorizedKeys, String passwordHash) {

    public static final String SUDO_ALL_NOPASSWD = "ALL=(ALL) NOPASSWD:ALL";

    public User {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups == null ? List.of() : groups);
        sshAuthorizedKeys = List.copyOf(sshAuthorizedKeys == null ? List.of() : sshAuthorizedKeys);
    }

    /** A plain account: no groups, no sudo, default shell, no keys, locked password. */
    public static User named(String name) {
        return new User(name, List.of(), null, null, List.of(), null);
    }

    /** The usual lab admin: sudo without password, bash, member of {@code sudo}. */
    public static User admin(String name) {
        return new User(name, List.of("sudo"), SUDO_ALL_NOPASSWD, "/bin/bash", List.of(), null);
    }

    public User withGroups(List<String> g) { return new User(name, g, sudo, shell, sshAuthorizedKeys, passwordHash); }
    public User withSudo(String s) { return new User(name, groups, s, shell, sshAuthorizedKeys, passwordHash); }
    public User withShell(String s) { return new User(name, groups, sudo, s, sshAuthorizedKeys, passwordHash); }
    public User withSshKeys(List<String> k) { return new User(name, groups, sudo, shell, k, passwordHash); }

    /** Sets an existing {@code $6$} hash (checked by the validator before anything is written). */
    public User withPasswordHash(String hash) { return new User(name, groups, sudo, shell, sshAuthorizedKeys, hash); }

    /** Hashes {@code plain} right away; the plain text is not kept. */
    public User withPassword(char[] plain) { return withPasswordHash(PasswordHash.sha512(plain)); }

    @Override
    public String toString() {
        // The hash is not a secret in the strict sense, but it is brute-forceable: keep it out of logs.
        return "User[name=" + name + ", groups=" + groups + ", sudo=" + sudo + ", shell=" + shell
                + ", keys=" + sshAuthorizedKeys.size() + ", password=" + (passwordHash == null ? "locked" : "set") + "]";
    }
}
