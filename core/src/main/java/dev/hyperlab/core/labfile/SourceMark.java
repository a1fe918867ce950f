package dev.hyperlab.core.labfile;

/** Where in a lab file a value was written, for messages a user can jump to ("hyperlab.yaml:12:7"). */
public record SourceMark(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
