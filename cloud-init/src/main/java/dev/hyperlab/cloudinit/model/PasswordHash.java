package dev.hyperlab.cloudinit.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * SHA-512 crypt ({@code $6$}) password hashes, the form cloud-init's {@code passwd} expects. A plain
 * password only passes through {@link #sha512(char[])} and is never stored or rendered.
 */
public final class PasswordHash {
    private static final Pattern SHA512_CRYPT =
            Pattern.compile("\\$6\\$(rounds=[0-9]{4,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}");
    private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    /** Hashes {@code plain} with a random 16-character salt and wipes the intermediate bytes. */
    public static String sha512(char[] plain) {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(plain));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        Arrays.fill(buf.array(), (byte) 0);
        try {
            return Sha2Crypt.sha512Crypt(bytes, "$6$" + randomSalt());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** True for a well-formed {@code $6$salt$hash} (optionally with {@code rounds=N$}). */
    public static boolean isSha512Crypt(String hash) {
        return hash != null && SHA512_CRYPT.matcher(hash).matches();
    }

    /** True when {@code plain} hashes to {@code hash}: lets tests and users check a hash they were given. */
    public static boolean matches(char[] plain, String hash) {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(plain));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        try {
            return Sha2Crypt.sha512Crypt(bytes, hash).equals(hash);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String randomSalt() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        return sb.toString();
    }
}
