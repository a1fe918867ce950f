package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.VmSettings;
import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

/** The VM levers change a new VM's definition as 'vm edit' by hand would, and only what they measure. */
class TunedDomainTest {
    /** As libvirt returns a hyperlab TCG VM's inactive definition (double quotes, its own line breaks). */
    private static final String XML = """
            <domain type="qemu">
              <name>hlc-x</name>
              <features>
                <acpi/>
                <apic/>
                <tcg>
                  <tb-cache unit="KiB">262144</tb-cache>
                </tcg>
              </features>
              <devices>
                <memballoon model="virtio" freePageReporting="on">
                  <address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>
                </memballoon>
              </devices>
            </domain>
            """;

    @Test
    void qemusDefaultTbCacheIsNoTcgElement() {
        String x = TunedDomain.apply(XML, VmSettings.tbCache(VmSettings.QEMU_DEFAULT));
        assertFalse(x.contains("tcg"), x);
        assertTrue(x.contains("<apic/>") && x.contains("freePageReporting=\"on\""), x);
    }

    @Test
    void aSizeReplacesTheCache() {
        String x = TunedDomain.apply(XML, VmSettings.tbCache(64));
        assertTrue(x.contains("<tcg><tb-cache unit='MiB'>64</tb-cache></tcg>"), x);
        assertFalse(x.contains("262144"));
    }

    @Test
    void freePageReportingOffLeavesTheRest() {
        String x = TunedDomain.apply(XML, new VmSettings(VmSettings.AS_MADE, false));
        assertTrue(x.contains("freePageReporting='off'") && x.contains("262144"), x);
        assertEquals(XML, TunedDomain.apply(XML, VmSettings.HYPERLAB));
    }

    @Test
    void aDefinitionWithoutWhatIsChangedIsAnErrorNotASilentDefault() {
        String kvm = XML.replaceAll("(?s)<tcg>.*</tcg>", "");
        assertThrows(HyperlabException.class, () -> TunedDomain.apply(kvm, VmSettings.tbCache(64)));
        assertThrows(HyperlabException.class, () -> TunedDomain.apply(XML.replace("\"on\"", "\"off\""),
                new VmSettings(VmSettings.AS_MADE, false)));
    }
}
