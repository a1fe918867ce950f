package dev.hyperlab.core.compare.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperlab.core.compare.VmLeverResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The VM levers in the JSON report, {@code "vmLevers"}: null when not measured, else
 * {@code {effects: [{lever, without, withoutBytes, withBytes, changeBytes, changePercent, detail}],
 * readings: [{setting, stage, vms, rssBytes, pssBytes, tcgCacheBytes, readyMs}], notes: [...]}}.
 * Bytes are exact so that a report read back renders the same.
 */
final class VmLeverJson {
    private VmLeverJson() {}

    static void write(ObjectNode root, Optional<VmLeverResult> levers) {
        if (levers.isEmpty()) {
            root.putNull("vmLevers");
            return;
        }
        ObjectNode n = root.putObject("vmLevers");
        var effects = n.putArray("effects");
        for (VmLeverResult.Effect e : levers.get().effects()) {
            ObjectNode o = effects.addObject().put("lever", e.lever()).put("without", e.without())
                    .put("withoutBytes", e.withoutBytes()).put("withBytes", e.withBytes()).put("changeBytes", e.deltaBytes());
            if (Double.isNaN(e.deltaPercent())) {
                o.putNull("changePercent");
            } else {
                o.put("changePercent", Math.round(e.deltaPercent() * 10) / 10.0);
            }
            o.put("detail", e.detail());
        }
        var readings = n.putArray("readings");
        for (VmLeverResult.Reading r : levers.get().readings()) {
            ObjectNode o = readings.addObject().put("setting", r.setting()).put("stage", r.stage()).put("vms", r.vms())
                    .put("rssBytes", r.rssBytes()).put("pssBytes", r.pssBytes());
            if (r.tcgCacheBytes().isPresent()) {
                o.put("tcgCacheBytes", r.tcgCacheBytes().getAsLong());
            } else {
                o.putNull("tcgCacheBytes");
            }
            if (r.ready().isPresent()) {
                o.put("readyMs", r.ready().get().toMillis());
            } else {
                o.putNull("readyMs");
            }
        }
        var notes = n.putArray("notes");
        levers.get().notes().forEach(notes::add);
    }

    /** Empty when the report has none (not measured, or written before the levers existed). */
    static Optional<VmLeverResult> read(JsonNode root) {
        JsonNode n = root.path("vmLevers");
        if (!n.isObject()) {
            return Optional.empty();
        }
        List<VmLeverResult.Effect> effects = new ArrayList<>();
        for (JsonNode e : n.path("effects")) {
            effects.add(new VmLeverResult.Effect(e.path("lever").asText(), e.path("without").asText(),
                    e.path("withoutBytes").asLong(), e.path("withBytes").asLong(), e.path("detail").asText()));
        }
        List<VmLeverResult.Reading> readings = new ArrayList<>();
        for (JsonNode r : n.path("readings")) {
            readings.add(new VmLeverResult.Reading(r.path("setting").asText(), r.path("stage").asText(),
                    r.path("vms").asInt(), r.path("rssBytes").asLong(), r.path("pssBytes").asLong(),
                    r.path("tcgCacheBytes").isNumber() ? OptionalLong.of(r.path("tcgCacheBytes").asLong()) : OptionalLong.empty(),
                    r.path("readyMs").isNumber() ? Optional.of(Duration.ofMillis(r.path("readyMs").asLong())) : Optional.empty()));
        }
        List<String> notes = new ArrayList<>();
        n.path("notes").forEach(x -> notes.add(x.asText()));
        return Optional.of(new VmLeverResult(readings, effects, notes));
    }
}
