package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.EngineEndpoint;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.NetworkSpec;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * core's parsers of user input, fed anything: a value, or a {@link HyperlabException} marked as bad
 * input (exit 2) whose message is one line; never another exception.
 */
class CoreInputProperties {

    private static void badInputInOneLine(HyperlabException e) {
        assertEquals(ErrorCode.BAD_INPUT, e.code(), e.getMessage());
        assertFalse(e.userMessage().isBlank());
        assertFalse(e.userMessage().contains("\n"), e.userMessage());
    }

    @Provide
    Arbitrary<String> sizeLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("0123456789.kKmMgGtTiIbB -+eE").ofMaxLength(25));
    }

    @Property(tries = 2000)
    void sizesParseToANonNegativeNumberOrAreRefused(@ForAll("sizeLike") String text) {
        try {
            long v = Sizes.parse("--memory", text, "M");
            assertTrue(v >= 0, text + " -> " + v);
        } catch (HyperlabException e) {
            badInputInOneLine(e);
        }
    }

    @Provide
    Arbitrary<String> nameLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("abzAZ09-_. /").ofMaxLength(70));
    }

    @Property(tries = 2000)
    void oneNameRuleForEveryGuestKind(@ForAll("nameLike") String name) {
        boolean vm = accepted(GuestKind.VM, name);
        boolean ct = accepted(GuestKind.CONTAINER, name);
        assertEquals(vm, ct, "VMs and containers agree on '" + name + "'");
        assertEquals(vm, GuestNames.isValid(name));
        if (vm) {
            assertTrue(name.equals(name.toLowerCase(java.util.Locale.ROOT)) && name.length() <= 63, name);
        }
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

    @Property(tries = 1000)
    void loginUsersAndSnapshotNamesAreValidOrRefused(@ForAll("nameLike") String name) {
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
    }

    @Property
    void networksParseOrAreRefused(@ForAll("nameLike") String s) {
        try {
            NetworkSpec n = NetworkSpec.parse(s);
            assertTrue(n.describe().equals("none") || n.describe().equals("user") || n.describe().equals(s), s);
        } catch (HyperlabException e) {
            badInputInOneLine(e);
        }
    }

    @Provide
    Arbitrary<String> endpointLike() {
        Arbitrary<String> tail = Arbitraries.strings().withChars("/ab%:?#[] \\\"^|").ofMaxLength(30);
        return Arbitraries.oneOf(tail.map(t -> "unix://" + t), tail.map(t -> "tcp://" + t), Arbitraries.strings().ofMaxLength(40));
    }

    @Property
    void engineEndpointsFromTheEnvironmentAreUsableOrRefused(@ForAll("endpointLike") String endpoint) {
        try {
            for (String ep : EngineEndpoint.candidates(Map.of("CONTAINER_HOST", endpoint), true)) {
                EngineEndpoint.present(ep);
            }
        } catch (HyperlabException e) {
            badInputInOneLine(e);
        }
    }
}
