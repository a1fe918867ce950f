package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.Set;
import org.libvirt.LibvirtException;

/**
 * libvirt's failures as the port reports them: one line, a kind (NOT_FOUND, CONFLICT, else
 * OPERATION_FAILED) and a hint. Every call of the adapter goes through {@link #map}; our own JNA calls
 * through {@link #check}.
 */
final class LibvirtErrors {
    /** libvirt error codes meaning "no such thing". */
    private static final Set<String> NOT_FOUND_CODES = Set.of("VIR_ERR_NO_DOMAIN", "VIR_ERR_NO_STORAGE_VOL",
            "VIR_ERR_NO_STORAGE_POOL", "VIR_ERR_NO_DOMAIN_SNAPSHOT");
    private LibvirtErrors() {}

    /** What to check, by where the host is: a remote one's transport (ssh key, TCP listener), else the local daemon. */
    static String hint(String uri) {
        try {
            dev.hyperlab.core.hosts.LibvirtUri u = dev.hyperlab.core.hosts.LibvirtUri.parse(uri,
                    dev.hyperlab.core.hosts.UriAliases.forThisProcess());
            if (u.remote()) {
                return u.unreachableHint() + "; 'hyperlab doctor --connect " + uri + "' checks it";
            }
        } catch (HyperlabException e) {
            // a URI hyperlab cannot read: the general advice below
        }
        return "try 'hyperlab doctor', or check that libvirtd runs and --connect is right";
    }

    /** Throws when one of our own JNA calls failed, with libvirt's last error text. */
    static int check(int rc, String fn) {
        if (rc < 0) {
            throw new NativeCallException(fn + " failed: " + lastError());
        }
        return rc;
    }

    private static String lastError() {
        try {
            org.libvirt.jna.virError err = org.libvirt.jna.Libvirt.INSTANCE.virGetLastError();
            return err == null ? "unknown error" : err.message;
        } catch (RuntimeException e) {
            return "unknown error";
        }
    }

    /** A failure of one of our own JNA calls, carrying libvirt's last error text. */
    static final class NativeCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NativeCallException(String m) { super(m); }
    }

    static HyperlabException map(String what, Throwable c) {
        if (c instanceof HyperlabException he) {
            return he;
        }
        ErrorCode code = c instanceof LibvirtException le && isNotFound(le) ? ErrorCode.NOT_FOUND
                : c instanceof LibvirtException le2 && isConflict(le2) ? ErrorCode.CONFLICT : ErrorCode.OPERATION_FAILED;
        return new HyperlabException(code, what + " failed: " + message(c), hintFor(c), c);
    }

    private static String hintFor(Throwable c) {
        String m = message(c);
        if (m.contains("virtlogd")) {
            return "try starting virtlogd ('virtlogd -d') or run scripts/setup.sh";
        }
        if (m.contains("Permission denied")) {
            return "try running as root or with access to the libvirt socket";
        }
        return "try 'hyperlab doctor' to check the host";
    }

    /** "storage volume 'x' exists already", "domain 'x' already exists": the port calls that a CONFLICT. */
    static boolean isConflict(LibvirtException e) {
        String m = e.getError() == null ? null : e.getError().getMessage();
        return m != null && (m.contains("exists already") || m.contains("already exists"));
    }

    static boolean isNotFound(LibvirtException e) {
        if (e.getError() == null) {
            return false;
        }
        // libvirt-java 0.5.2 maps some newer error numbers to the wrong enum constant, so the
        // message ("Domain snapshot not found: ...") is checked too
        String m = e.getError().getMessage();
        return (e.getError().getCode() != null && NOT_FOUND_CODES.contains(e.getError().getCode().name()))
                || (m != null && m.contains(" not found: "));
    }

    /** libvirt's own message, first line only. */
    static String message(Throwable t) {
        String m;
        if (t instanceof LibvirtException le && le.getError() != null && le.getError().getMessage() != null) {
            m = le.getError().getMessage();
        } else {
            m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return m.lines().findFirst().orElse(m);
    }
}
