package dev.hyperlab.images.catalog;

import java.net.URI;

/**
 * A well-known cloud image.
 *
 * @param name        short name used by {@code hyperlab image pull NAME} and as the store name
 * @param description one line for humans
 * @param url         the official download URL
 * @param checksumUrl the official checksum file (GNU {@code hash  name} or BSD {@code SHA256 (name) = hash})
 * @param algorithm   "SHA-256" or "SHA-512"
 * @param format      what the URL serves: "qcow2", "raw", "raw.tar.xz", "qcow2.xz", ...
 * @param arch        "x86_64"
 * @param facts       how to boot and log in to it (null for an ad-hoc URL: nothing is known)
 */
public record CatalogEntry(String name, String description, URI url, URI checksumUrl, String algorithm,
                           String format, String arch, DistroFacts facts) {

    /** An entry nothing is known about beyond its download (a URL given on the command line). */
    public CatalogEntry(String name, String description, URI url, URI checksumUrl, String algorithm, String format,
                        String arch) {
        this(name, description, url, checksumUrl, algorithm, format, arch, null);
    }

    /** The file name the checksum file lists (the last segment of the URL's path). */
    public String fileName() {
        String p = url.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
