package dev.hyperlab.images.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The built-in list of cloud images (resource {@code catalog.json}, kept in the repository). */
public final class Catalog {
    private final List<CatalogEntry> entries;

    public Catalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Catalog builtIn() {
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
            return new Catalog(new ObjectMapper().readValue(in, new TypeReference<List<CatalogEntry>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<CatalogEntry> entries() { return entries; }

    public Optional<CatalogEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public CatalogEntry get(String name) {
        return find(name).orElseThrow(() -> ImageException.badInput("unknown image '" + name + "'; try one of: "
                + entries.stream().map(CatalogEntry::name).collect(Collectors.joining(", ")) + ", or a URL"));
    }
}
