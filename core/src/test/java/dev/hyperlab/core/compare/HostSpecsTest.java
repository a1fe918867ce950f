package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostSpecsTest {
    @Test
    void modelNameFromCpuinfo() {
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
                HostSpecs.cpuModel("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz\n"));
        assertEquals("unknown", HostSpecs.cpuModel(""));
    }

    @Test
    void readsThisHost() {
        HostSpecs h = HostSpecs.read();
        assertTrue(h.cpus() >= 1);
        assertTrue(h.memoryBytes() > 256L << 20, h.toString());
        assertFalse(h.kernel().isBlank());
        assertEquals(System.getProperty("os.version"), h.kernel());
    }

    @Test
    void loadAverageFromProcLoadavg() {
        assertEquals(2.98, HostSpecs.parseLoadAverage("2.98 3.91 3.16 3/512 12345\n"));
        assertTrue(Double.isNaN(HostSpecs.parseLoadAverage("")));
        assertTrue(HostSpecs.loadAverage() >= 0);
    }
}
