package dev.hyperlab.core.vm.libvirt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Small XML helpers: escaping for the builders, namespace-aware parsing for the readers. */
final class Xml {
    private Xml() {}

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append("&apos;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * One configured parser per thread, reused: {@code DocumentBuilderFactory.newInstance()} and
     * {@code newDocumentBuilder()} cost several times the parse of a domain's XML, and the TUI's
     * listing parses one per hyperlab VM on its first refresh. A builder is not thread-safe, hence
     * one per thread ({@link DocumentBuilder#reset()} between documents).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException("no XML parser: " + e.getMessage(), e);
        }
    });

    /** Reports nothing itself: every error also comes back as the parse's exception. */
    private static final org.xml.sax.ErrorHandler QUIET = new org.xml.sax.helpers.DefaultHandler() {
        @Override public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException { throw e; }
    };

    static Document parse(String xml) {
        DocumentBuilder b = BUILDER.get();
        try {
            b.reset();
            b.setErrorHandler(QUIET); // the default handler prints "[Fatal Error]" to stderr; the exception says it
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException("unparsable XML from libvirt: " + e.getMessage(), e);
        }
    }

    /** The first element named {@code local} in namespace {@code ns} (null ns: no namespace), or null. */
    static Element first(Node parent, String ns, String local) {
        NodeList nl = parent instanceof Document d ? d.getElementsByTagNameNS(ns == null ? "*" : ns, local)
                : ((Element) parent).getElementsByTagNameNS(ns == null ? "*" : ns, local);
        return nl.getLength() == 0 ? null : (Element) nl.item(0);
    }

    static String text(Node parent, String ns, String local) {
        Element e = first(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** The first direct child named {@code name}, or null. */
    static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Direct children named {@code name} (any name when null), not descendants. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The document as XML text, without an XML declaration (libvirt takes either). */
    static String serialize(Document d) {
        try {
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            java.io.StringWriter w = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(d), new javax.xml.transform.stream.StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }
}
