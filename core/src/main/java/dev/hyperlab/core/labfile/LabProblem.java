package dev.hyperlab.core.labfile;

/**
 * One thing wrong in a lab file: where, which field (as a dotted path such as {@code guests.web.memory}),
 * what is wrong and what to do instead.
 */
public record LabProblem(SourceMark mark, String field, String problem, String hint) {
    /** "hyperlab.yaml:12:7: guests.web.memory: bad size '1X'; try e.g. 512M or 2G". */
    public String line() {
        String where = mark == null ? "" : mark + ": ";
        String what = field == null || field.isEmpty() ? problem : field + ": " + problem;
        return where + what + (hint == null || hint.isBlank() ? "" : "; " + hint);
    }
}
