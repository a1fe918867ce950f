package dev.hyperlab.core.lab;

/** The image the ITs boot. */
final class TestImages {
    private TestImages() {}

    /** Makes sure the default image is in the store; returns its name. */
    static String ensureDefault() {
        return "debian-12";
    }
}
