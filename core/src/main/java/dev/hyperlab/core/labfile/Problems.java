package dev.hyperlab.core.labfile;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one lab file, so that all are reported at once. */
final class Problems {
    private final String file;
    private final List<LabProblem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    SourceMark mark(Node node) {
        return new SourceMark(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    void add(Node node, String field, String problem, String hint) {
        list.add(new LabProblem(node == null ? null : mark(node), field, problem, hint));
    }

    void add(SourceMark mark, String field, String problem, String hint) {
        list.add(new LabProblem(mark, field, problem, hint));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new LabFileException(file, list);
        }
    }
}
