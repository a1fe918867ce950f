package dev.hyperlab.core.host;

/**
 * One line of {@code hyperlab doctor}: what was checked, how it went, and for a problem one fix.
 *
 * @param fix what to do about a WARN or FAIL; empty for OK
 */
public record Check(String name, CheckStatus status, String detail, String fix) {
    public static Check ok(String name, String detail) { return new Check(name, CheckStatus.OK, detail, ""); }

    public static Check warn(String name, String detail, String fix) { return new Check(name, CheckStatus.WARN, detail, fix); }

    public static Check fail(String name, String detail, String fix) { return new Check(name, CheckStatus.FAIL, detail, fix); }
}
