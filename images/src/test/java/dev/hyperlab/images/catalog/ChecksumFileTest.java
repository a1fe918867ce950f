package dev.hyperlab.images.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChecksumFileTest {
    private static final String H256 = "a".repeat(64);
    private static final String H512 = "b".repeat(128);

    @Test
    void gnuStyleWithTextAndBinaryMarkers() {
        ChecksumFile f = ChecksumFile.parse(H256 + "  one.qcow2\n" + "C".repeat(64) + " *two.img\n\n# comment\n");
        assertEquals(new ChecksumFile.Entry("SHA-256", H256), f.find("one.qcow2").orElseThrow());
        assertEquals(new ChecksumFile.Entry("SHA-256", "c".repeat(64)), f.find("two.img").orElseThrow());
        assertTrue(f.find("three").isEmpty());
    }

    @Test
    void gnuSha512() {
        ChecksumFile f = ChecksumFile.parse(H512 + "  debian-12-genericcloud-amd64.qcow2\n");
        assertEquals("SHA-512", f.find("debian-12-genericcloud-amd64.qcow2").orElseThrow().algorithm());
    }

    @Test
    void bsdStyleInsidePgpClearSignature() {
        String text = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
                + "# Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2: 123 bytes\n"
                + "SHA256 (Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2) = " + H256 + "\n"
                + "SHA512 (other.raw.xz) = " + H512 + "\n"
                + "-----BEGIN PGP SIGNATURE-----\n\nwsFzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n";
        ChecksumFile f = ChecksumFile.parse(text);
        assertEquals(new ChecksumFile.Entry("SHA-256", H256), f.find("Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2").orElseThrow());
        assertEquals(new ChecksumFile.Entry("SHA-512", H512), f.find("other.raw.xz").orElseThrow());
        assertEquals(2, f.size());
    }

    @Test
    void pathsInNamesMatchByBaseName() {
        ChecksumFile f = ChecksumFile.parse(H256 + "  ./images/x.qcow2\r\n");
        assertTrue(f.find("x.qcow2").isPresent());
    }

    @Test
    void builtInCatalogHasAtLeastFiveDistinctDistributions() {
        Catalog c = Catalog.builtIn();
        assertTrue(c.entries().size() >= 5);
        for (CatalogEntry e : c.entries()) {
            assertEquals("https", e.url().getScheme(), e.name());
            assertEquals("https", e.checksumUrl().getScheme(), e.name());
            assertTrue(e.algorithm().equals("SHA-256") || e.algorithm().equals("SHA-512"), e.name());
            assertEquals("x86_64", e.arch());
        }
        for (String n : new String[] {"debian-12-cloud", "ubuntu-24.04", "fedora-41", "alpine-3.20", "rocky-9"}) {
            assertTrue(c.find(n).isPresent(), n);
        }
    }
}
