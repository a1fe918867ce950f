package dev.hyperlab.core.container;

import java.util.Locale;

/** App containers run one command; system containers run systemd as PID 1 and cloud-init, like a VM. */
public enum ContainerMode {
    APP, SYSTEM;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static ContainerMode parse(String s) {
        for (ContainerMode m : values()) {
            if (m.label().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown container mode '" + s + "'; use app or system");
    }
}
