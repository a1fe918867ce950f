package dev.hyperlab.tui.labs;

import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabGuest;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.data.GuestKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One row of the labs view: a lab by name, with the file it is written in (found here or in the
 * config directory, else the one its state says it came from) and its state when it is up.
 *
 * @param file       the lab file found for it; empty for a lab that is up from a file not found here
 * @param state      its state file, when it is up (or an up was interrupted)
 * @param guests     the guests it has: the file's, else the state's
 * @param guestsUp   how many of them are up now: named in the state as ready (an app container: started)
 *                   and running in the guest list (an app container counts while it exists: its command
 *                   may have ended)
 */
public record LabSummary(String name, Optional<LabFileEntry> file, Optional<LabState> state, Status status, int guests,
                         int guestsUp) {
    public enum Status {
        UP, PARTIAL, NOT_UP, INVALID;

        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', ' '); }
    }

    /** Identifies the row across reloads: the lab's name, or an invalid file's path. */
    public String key() {
        return status == Status.INVALID ? "file:" + file.orElseThrow().file() : name;
    }

    /** The file an up reads: the one found, else the one the lab was last brought up from. */
    public Optional<Path> upFile() {
        return file.map(LabFileEntry::file).or(() -> state.map(s -> Path.of(s.file())));
    }

    /**
     * The labs view's rows: every lab found in a file or up, merged by name and sorted by it, then
     * the files that are not labs as written. {@code live} is the guest list's state of each guest.
     * A name written in two files takes the one the lab is up from, else the first found.
     */
    public static List<LabSummary> merge(List<LabFileEntry> files, List<LabState> states, Map<GuestKey, GuestState> live) {
        Map<String, LabState> up = new LinkedHashMap<>();
        states.forEach(s -> up.put(s.lab(), s));
        Map<String, LabFileEntry> byName = new TreeMap<>();
        List<LabSummary> invalid = new ArrayList<>();
        for (LabFileEntry f : files) {
            if (f.lab().isEmpty()) {
                invalid.add(new LabSummary(f.file().getFileName().toString(), Optional.of(f), Optional.empty(), Status.INVALID,
                        0, 0));
                continue;
            }
            String name = f.lab().get().name();
            LabState s = up.get(name);
            LabFileEntry before = byName.get(name);
            boolean upFromThis = s != null && Path.of(s.file()).equals(f.file());
            if (before == null || upFromThis) {
                byName.put(name, f);
            }
        }
        TreeMap<String, LabSummary> out = new TreeMap<>();
        for (Map.Entry<String, LabFileEntry> e : byName.entrySet()) {
            out.put(e.getKey(), of(e.getKey(), Optional.of(e.getValue()), Optional.ofNullable(up.get(e.getKey())), live));
        }
        for (LabState s : states) {
            out.computeIfAbsent(s.lab(), n -> of(n, Optional.empty(), Optional.of(s), live));
        }
        List<LabSummary> rows = new ArrayList<>(out.values());
        rows.addAll(invalid);
        return rows;
    }

    private static LabSummary of(String name, Optional<LabFileEntry> file, Optional<LabState> state,
                                 Map<GuestKey, GuestState> live) {
        Map<String, String> kinds = new LinkedHashMap<>(); // the guests it should have, with their kinds
        Optional<LabFile> lab = file.flatMap(LabFileEntry::lab);
        if (lab.isPresent()) {
            for (LabGuest g : lab.get().guests()) {
                kinds.put(g.name(), g.kind().word());
            }
        } else {
            state.ifPresent(s -> s.guests().forEach((n, g) -> kinds.put(n, g.kind())));
        }
        int running = 0;
        if (state.isPresent()) {
            for (Map.Entry<String, String> g : kinds.entrySet()) {
                LabState.Guest made = state.get().guests().get(g.getKey());
                if (made == null || !made.kind().equals(g.getValue())) {
                    continue;
                }
                GuestState now = live.get(GuestKey.ofLabGuest(made.kind(), g.getKey()));
                boolean became = made.readySeconds() != null; // ready (an app container: started) in an up
                if (became && (now == GuestState.RUNNING || (now != null && made.kind().equals("app")))) {
                    running++;
                }
            }
        }
        Status status = state.isEmpty() ? Status.NOT_UP
                : running == kinds.size() && !kinds.isEmpty() ? Status.UP : Status.PARTIAL;
        return new LabSummary(name, file, state, status, kinds.size(), running);
    }
}
