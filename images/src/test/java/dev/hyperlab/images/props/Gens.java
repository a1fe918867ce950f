package dev.hyperlab.images.props;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators the images module's property tests share. */
final class Gens {
    private Gens() {}

    /** Strings of up to {@code max} characters, each one of {@code chars}. */
    static Gen<String> of(String chars, int max) {
        Gen<Character> c = Generate.pick(chars.chars().mapToObj(x -> (char) x).toList());
        return lists().of(c).ofSizeBetween(0, max).map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Byte arrays of up to {@code max} bytes, any values. */
    static Gen<byte[]> bytes(int max) {
        return Generate.byteArrays(Generate.range(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }
}
