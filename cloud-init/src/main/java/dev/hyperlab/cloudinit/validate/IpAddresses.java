package dev.hyperlab.cloudinit.validate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP address checks that never resolve a name (no DNS traffic). */
final class IpAddresses {
    private static final Pattern V4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {}

    static boolean isIpv4(String s) {
        return s != null && V4.matcher(s).matches();
    }

    static boolean isIp(String s) {
        if (isIpv4(s)) {
            return true;
        }
        if (s == null || !s.contains(":") || !V6_CHARS.matcher(s).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(s); // a literal with ':' is parsed, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code 192.0.2.10/24} or {@code 2001:db8::10/64}. */
    static boolean isCidr(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = s.substring(0, slash);
        String prefix = s.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}")) {
            return false;
        }
        int p = Integer.parseInt(prefix);
        return isIpv4(ip) ? p <= 32 : isIp(ip) && p <= 128;
    }
}
