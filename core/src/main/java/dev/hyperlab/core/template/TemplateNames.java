package dev.hyperlab.core.template;

/**
 * The libvirt names of a template's parts. The prefix keeps them out of the guests' namespace: a VM
 * cannot be named {@code hl-template-*} (see {@link #isReserved}), so a template's volumes are never
 * taken for a VM's by {@code gc} or a create.
 */
public final class TemplateNames {
    public static final String PREFIX = "hl-template-";
    /** The internal snapshot inside the state overlay that holds the template's memory and device state. */
    public static final String SNAPSHOT = "hyperlab-template";

    private TemplateNames() {}

    /** The domain that boots while the template is being made; gone once it is frozen. */
    public static String domain(String template) { return PREFIX + template; }

    /** The disk the template booted on: frozen, the backing file of every clone. */
    public static String diskVol(String template) { return PREFIX + template + ".qcow2"; }

    /** The overlay with the saved state: every clone's system disk starts as a byte copy of it. */
    public static String stateVol(String template) { return PREFIX + template + "-state.qcow2"; }

    /** The template's guest RAM as it was when frozen: every clone maps it copy-on-write. */
    public static String memoryVol(String template) { return PREFIX + template + "-memory.raw"; }

    /**
     * The template whose memory file a domain definition maps (an instant clone's does, copy-on-write),
     * or null.
     */
    public static String memoryFileTemplate(String domainXml) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/" + PREFIX + "([a-z0-9-]+)-memory\\.raw")
                .matcher(domainXml);
        return m.find() ? m.group(1) : null;
    }

    public static boolean isReserved(String guestName) { return guestName.startsWith(PREFIX); }

    /** The template a volume or domain belongs to, or null. */
    public static String templateOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        String rest = name.substring(PREFIX.length());
        for (String suffix : new String[] {"-state.qcow2", "-memory.raw", "-seed.iso", ".qcow2"}) {
            if (rest.endsWith(suffix)) {
                return rest.substring(0, rest.length() - suffix.length());
            }
        }
        return rest;
    }
}
