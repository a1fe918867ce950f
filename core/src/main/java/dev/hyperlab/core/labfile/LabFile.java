package dev.hyperlab.core.labfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab as written down: its name (which labels every resource it makes), its networks and its
 * guests, in file order. Made only by {@link LabFileParser}, so every instance has passed the
 * structural checks.
 *
 * @param source the file it was read from; relative paths inside it (cloud-config, SSH keys) resolve
 *               against its directory, as Compose does
 */
public record LabFile(String name, Path source, Map<String, LabNetwork> networks, List<LabGuest> guests) {
    public LabFile {
        networks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(networks));
        guests = List.copyOf(guests);
    }

    public Optional<LabGuest> guest(String name) {
        return guests.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * The guests in waves: each wave's guests depend only on guests of earlier waves, so a wave can be
     * started in parallel once the waves before it are ready. The parser has already refused cycles.
     */
    public List<List<LabGuest>> startWaves() {
        Map<String, Integer> wave = new LinkedHashMap<>();
        List<List<LabGuest>> waves = new ArrayList<>();
        // Guests are few (tens); repeating passes until every guest is placed is simpler than Kahn's
        // queue and keeps file order inside each wave, which users read as the order of the board.
        while (wave.size() < guests.size()) {
            List<LabGuest> next = new ArrayList<>();
            for (LabGuest g : guests) {
                if (!wave.containsKey(g.name()) && g.dependsOn().stream().allMatch(wave::containsKey)) {
                    next.add(g);
                }
            }
            if (next.isEmpty()) {
                throw new IllegalStateException("dependency cycle in a parsed lab file: " + guests);
            }
            next.forEach(g -> wave.put(g.name(), waves.size()));
            waves.add(next);
        }
        return waves;
    }
}
