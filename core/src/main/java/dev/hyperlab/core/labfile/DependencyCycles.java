package dev.hyperlab.core.labfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code depends-on} cycle would make {@code up} wait forever: found as the path that loops. */
final class DependencyCycles {
    private DependencyCycles() {}

    /**
     * @param dependsOn each guest group to the groups it names (unknown names are another check's)
     * @return the first loop found, its first name repeated at the end ("a -> b -> a")
     */
    static Optional<List<String>> find(Map<String, List<String>> dependsOn) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String start : dependsOn.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, dependsOn, state, path)) {
                return Optional.of(List.copyOf(path));
            }
        }
        return Optional.empty();
    }

    private static boolean visit(String name, Map<String, List<String>> drafts, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return false;
        }
        if (s != null && s == 1) {
            int from = path.indexOf(name);
            List<String> loop = new ArrayList<>(path.subList(from, path.size()));
            loop.add(name);
            path.clear();
            path.addAll(loop);
            return true;
        }
        state.put(name, 1);
        path.add(name);
        for (String dep : drafts.get(name)) {
            if (drafts.containsKey(dep) && visit(dep, drafts, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return false;
    }
}
