package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.HyperlabLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the hyperlab label and boot timeline back out of a domain's XML. */
public final class DomainXmlReader {
    private DomainXmlReader() {}

    /**
     * A domain's XML ({@code virDomainGetXMLDesc}) parsed the way the readers below expect it
     * (namespace-aware, no DTDs), for callers outside this package that read the label or the
     * timeline of domains they listed themselves (the TUI's listing).
     *
     * @throws IllegalStateException when the XML does not parse
     */
    public static Document parse(String domainXml) { return Xml.parse(domainXml); }

    public static Optional<HyperlabLabel> label(Document doc) {
        Element root = Xml.first(doc, HyperlabLabel.NAMESPACE, "hyperlab");
        if (root == null) {
            return Optional.empty();
        }
        String created = Xml.text(root, HyperlabLabel.NAMESPACE, "created");
        Instant when;
        try {
            when = created == null ? Instant.EPOCH : Instant.parse(created);
        } catch (RuntimeException e) {
            when = Instant.EPOCH;
        }
        return Optional.of(new HyperlabLabel(
                orEmpty(Xml.text(root, HyperlabLabel.NAMESPACE, "image")), when,
                orEmpty(Xml.text(root, HyperlabLabel.NAMESPACE, "instance-id")),
                orEmpty(Xml.text(root, HyperlabLabel.NAMESPACE, "pool")),
                orEmpty(Xml.text(root, HyperlabLabel.NAMESPACE, "overlay")),
                orEmpty(Xml.text(root, HyperlabLabel.NAMESPACE, "seed")),
                orEmpty(Xml.text(root, HyperlabLabel.NAMESPACE, "console-log"))));
    }

    public static BootTimeline timeline(Document doc) {
        Element root = Xml.first(doc, HyperlabLabel.TIMELINE_NAMESPACE, "timeline");
        BootTimeline t = BootTimeline.empty();
        if (root == null) {
            return t;
        }
        NodeList phases = root.getElementsByTagNameNS(HyperlabLabel.TIMELINE_NAMESPACE, "phase");
        java.util.Optional<dev.hyperlab.core.model.ReadySignal> by =
                dev.hyperlab.core.model.ReadySignal.fromId(root.getAttribute("ready-by"));
        for (int i = 0; i < phases.getLength(); i++) {
            Element p = (Element) phases.item(i);
            for (Phase ph : Phase.values()) {
                if (ph.label().equals(p.getAttribute("name"))) {
                    try {
                        t = t.reached(ph, Duration.ofMillis(Long.parseLong(p.getAttribute("ms"))));
                    } catch (NumberFormatException ignored) {
                        // a hand-edited value: skip it rather than fail the listing
                    }
                }
            }
        }
        return by.isPresent() ? t.withReadyBy(by.get()) : t;
    }

    private static final java.util.regex.Pattern SSH_FWD =
            java.util.regex.Pattern.compile("hostfwd=tcp:127\\.0\\.0\\.1:(\\d+)-:22");

    /** The loopback port forwarded to the guest's SSH port (user-mode NIC), if any. */
    public static Optional<Integer> sshPort(String domainXml) {
        java.util.regex.Matcher m = SSH_FWD.matcher(domainXml);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The metadata element for {@code virDomainSetMetadata} (namespace given separately). */
    public static String timelineElement(BootTimeline t) {
        StringBuilder sb = new StringBuilder("<timeline")
                .append(t.readyBy().map(r -> " ready-by='" + r.id() + "'").orElse("")).append('>');
        t.asMap().forEach((p, d) -> sb.append("<phase name='").append(p.label()).append("' ms='")
                .append(d.toMillis()).append("'/>"));
        return sb.append("</timeline>").toString();
    }

    /** The {@code <source file=...>} of the serial log, for domains without our label. */
    static String domainName(Document doc) { return Xml.text(doc, null, "name"); }

    private static String orEmpty(String s) { return s == null ? "" : s; }
}
