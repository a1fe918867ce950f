package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.DomainSpec;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The definition half of {@link LibvirtHypervisor}: a new domain from a {@link DomainSpec}, a clone's
 * from its source's persistent XML, an edited definition in place of the old one, and the persistent
 * XML read back. Every call goes through the one {@link LibvirtConnection}.
 */
final class LibvirtDefinitions {
    private final LibvirtConnection connection;

    LibvirtDefinitions(LibvirtConnection connection) { this.connection = connection; }

    void define(DomainSpec spec) {
        String xml = DomainXmlBuilder.build(spec);
        connection.call("defining VM " + spec.name(), false, c -> {
            requireAbsent(c, spec.name());
            connection.free(connection.took(c.domainDefineXML(xml)));
            return null;
        });
    }

    void defineCloneOf(String sourceXml, DomainClone clone) {
        String xml = CloneXml.rewrite(sourceXml, clone);
        connection.call("defining VM " + clone.name(), false, c -> {
            requireAbsent(c, clone.name());
            defineValidated(c, xml);
            return null;
        });
    }

    String inactiveXml(String name) {
        return connection.call("reading the definition of " + name, true,
                c -> DomainLookup.with(connection, c, name, d -> d.getXMLDesc(2))); // VIR_DOMAIN_XML_INACTIVE
    }

    void redefine(String name, String xml) {
        connection.call("redefining VM " + name, false, c -> {
            DomainLookup.with(connection, c, name, d -> {
                DomainIdentity.requireSame(name, d.getUUIDString(), xml);
                return null;
            });
            defineValidated(c, xml);
            return null;
        });
    }

    private void requireAbsent(Connect c, String name) throws LibvirtException {
        Domain existing = DomainLookup.find(connection, c, name);
        if (existing != null) {
            connection.free(existing);
            throw new HyperlabException(ErrorCode.CONFLICT, "a VM named '" + name + "' exists already",
                    "try another name, or 'hyperlab vm rm " + name + "'");
        }
    }

    /** Defines with VIR_DOMAIN_DEFINE_VALIDATE: a definition that breaks libvirt's schema is refused whole. */
    private static void defineValidated(Connect c, String xml) {
        com.sun.jna.Pointer dom = LibvirtNative.INSTANCE.virDomainDefineXMLFlags(Handles.of(c), xml,
                LibvirtNative.VIR_DOMAIN_DEFINE_VALIDATE);
        if (dom == null) {
            LibvirtErrors.check(-1, "virDomainDefineXMLFlags");
        }
        LibvirtNative.INSTANCE.virDomainFree(dom);
    }
}
