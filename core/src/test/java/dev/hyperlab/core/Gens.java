package dev.hyperlab.core;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators the property tests share (QuickTheories has none for "strings over these characters"). */
public final class Gens {
    private Gens() {}

    /** Strings of {@code min..max} characters, each one of {@code chars}. */
    public static Gen<String> of(String chars, int min, int max) {
        Gen<Character> c = Generate.pick(chars.chars().mapToObj(x -> (char) x).toList());
        return lists().of(c).ofSizeBetween(min, max).map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()));
    }
}
