package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.hyperlab.core.Gens;
import dev.hyperlab.core.container.EngineEndpoint;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.NetworkSpec;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * core's parsers of user input, fed anything: a value, or a {@link HyperlabException} marked as bad
 * input (exit 2) whose message is one line; never another exception.
 */
class CoreInputPropertiesTest {

    private static void badInputInOneLine(HyperlabException e) {
        assertEquals(ErrorCode.BAD_INPUT, e.code(), e.getMessage());
        assertFalse(e.userMessage().isBlank());
        assertFalse(e.userMessage().contains("\n"), e.userMessage());
    }

    private static Gen<String> sizeLike() {
        return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 30),
                Gens.of("0123456789.kKmMgGtTiIbB -+eE", 0, 25));
    }

    @Test
    @DisplayName("a size parses to a non-negative number of bytes, or is refused as bad input in one line")
    void sizesParseToANonNegativeNumberOrAreRefused() {
        qt().withExamples(2000).forAll(sizeLike()).checkAssert(text -> {
            try {
                long v = Sizes.parse("--memory", text, "M");
                assertTrue(v >= 0, text + " -> " + v);
            } catch (HyperlabException e) {
                badInputInOneLine(e);
            }
        });
    }

    private static Gen<String> nameLike() {
        return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 80), Gens.of("abzAZ09-_. /", 0, 70));
    }

    @Test
    @DisplayName("VMs and containers take the same names: lower case, at most 63 characters")
    void oneNameRuleForEveryGuestKind() {
        qt().withExamples(2000).forAll(nameLike()).checkAssert(name -> {
            boolean vm = accepted(GuestKind.VM, name);
            boolean ct = accepted(GuestKind.CONTAINER, name);
            assertEquals(vm, ct, "VMs and containers agree on '" + name + "'");
            assertEquals(vm, GuestNames.isValid(name));
            if (vm) {
                assertTrue(name.equals(name.toLowerCase(java.util.Locale.ROOT)) && name.length() <= 63, name);
            }
        });
    }

    private static boolean accepted(GuestKind kind, String name) {
        try {
            GuestNames.requireValid(kind, name);
            return true;
        } catch (HyperlabException e) {
            badInputInOneLine(e);
            return false;
        }
    }

    @Test
    @DisplayName("login users (never root) and snapshot names are taken as given, or refused in one line")
    void loginUsersAndSnapshotNamesAreValidOrRefused() {
        qt().withExamples(1000).forAll(nameLike()).checkAssert(name -> {
            try {
                assertEquals(name, GuestNames.requireValidUser(name));
                assertFalse(name.equals("root"));
            } catch (HyperlabException e) {
                badInputInOneLine(e);
            }
            try {
                assertEquals(name, GuestNames.requireValidSnapshot(name));
            } catch (HyperlabException e) {
                badInputInOneLine(e);
            }
        });
    }

    @Test
    @DisplayName("--network is none, user or a network name, or it is refused in one line")
    void networksParseOrAreRefused() {
        qt().withExamples(1000).forAll(nameLike()).checkAssert(s -> {
            try {
                NetworkSpec n = NetworkSpec.parse(s);
                assertTrue(n.describe().equals("none") || n.describe().equals("user") || n.describe().equals(s), s);
            } catch (HyperlabException e) {
                badInputInOneLine(e);
            }
        });
    }

    private static Gen<String> endpointLike() {
        Gen<String> tail = Gens.of("/ab%:?#[] \\\"^|", 0, 30);
        return Generate.oneOf(tail.map(t -> "unix://" + t), tail.map(t -> "tcp://" + t),
                strings().allPossible().ofLengthBetween(0, 40));
    }

    @Test
    @DisplayName("CONTAINER_HOST, whatever it holds, gives usable endpoints or is refused in one line")
    void engineEndpointsFromTheEnvironmentAreUsableOrRefused() {
        qt().withExamples(1000).forAll(endpointLike()).checkAssert(endpoint -> {
            try {
                for (String ep : EngineEndpoint.candidates(Map.of("CONTAINER_HOST", endpoint), true)) {
                    EngineEndpoint.present(ep);
                }
            } catch (HyperlabException e) {
                badInputInOneLine(e);
            }
        });
    }
}
