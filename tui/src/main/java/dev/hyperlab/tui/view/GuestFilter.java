package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.refresh.GuestRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which guests the main list shows: the text typed after {@code /}, one kind ({@code :vm},
 * {@code :ct}), one lab ({@code :lab NAME}, or from the labs view) and one libvirt host
 * ({@code :host NAME}), grouped by lab or not, and
 * the words that say so in the footer and in an empty list. GUI thread only.
 */
final class GuestFilter {
    private String text = "";
    private Optional<GuestKind> kind = Optional.empty();
    private Optional<String> lab = Optional.empty();
    private Optional<String> host = Optional.empty();
    private boolean groupByLab;

    void setText(String typed) { text = typed.trim().toLowerCase(Locale.ROOT); }

    void setKind(Optional<GuestKind> k) { kind = k; }

    /** Only the guests of {@code name}, every kind, whatever was typed before. */
    void onlyLab(String name) {
        lab = Optional.of(name);
        kind = Optional.empty();
        text = "";
    }

    /** Only one host's rows ({@link GuestListView#host}); the other filters stay. */
    void onlyHost(String name) { host = Optional.of(name); }

    void clear() {
        text = "";
        kind = Optional.empty();
        lab = Optional.empty();
        host = Optional.empty();
    }

    void toggleGroupByLab() { groupByLab = !groupByLab; }

    /** {@code v}: the labs' guests together, a LAB column first. */
    boolean groupedByLab() { return groupByLab; }

    /** The rows that match, each through {@code live} (a boot this session follows), grouped when asked. */
    List<GuestRow> shown(List<GuestRow> rows, UnaryOperator<GuestRow> live) {
        List<GuestRow> out = new ArrayList<>();
        for (GuestRow r : rows) {
            if (matches(r)) {
                out.add(live.apply(r));
            }
        }
        if (groupByLab) { // the labs by name, then the guests of no lab; kind and name within each, as before
            out.sort(Comparator.comparing((GuestRow r) -> r.lab().isEmpty()).thenComparing(r -> r.lab().orElse("")));
        }
        return out;
    }

    boolean matches(GuestRow r) {
        GuestSummary g = r.summary();
        if (kind.isPresent() && g.kind() != kind.get()) {
            return false;
        }
        if (lab.isPresent() && !lab.equals(r.lab())) {
            return false;
        }
        if (host.isPresent() && !host.get().equals(GuestListView.host(r))) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        return g.name().toLowerCase(Locale.ROOT).contains(text)
                || g.kind().shortName().equals(text)
                || g.state().label().equals(text)
                || g.image().toLowerCase(Locale.ROOT).contains(text)
                || r.lab().map(l -> l.toLowerCase(Locale.ROOT).contains(text)).orElse(false);
    }

    /** What an empty list says when guests exist but none matches. */
    String noMatch() {
        return "no guest matches" + (text.isEmpty() ? "" : " '" + text + "'")
                + kind.map(k -> " among " + k.shortName() + "s").orElse("")
                + lab.map(l -> " in lab " + l).orElse("") + host.map(h -> " on host " + h).orElse("") + " (Esc shows all)";
    }

    /** The filters in force for the footer's right side: ":vm @lab /text ", or "". */
    String tag() {
        StringBuilder sb = new StringBuilder();
        kind.ifPresent(k -> sb.append(":").append(k.shortName()).append(' '));
        lab.ifPresent(l -> sb.append("@").append(l).append(' '));
        host.ifPresent(h -> sb.append("host:").append(h).append(' '));
        if (!text.isEmpty()) {
            sb.append("/").append(text).append(' ');
        }
        return sb.toString();
    }
}
