package dev.hyperlab.cloudinit.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.InstanceId;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The cloud-init module's parsers of user input, fed anything: a value, a reason, or a
 * {@link CloudInitException} with a message; never another exception.
 */
class CloudInitInputPropertiesTest {

    /** Strings of up to {@code max} characters, each one of {@code chars}. */
    private static Gen<String> of(String chars, int max) {
        Gen<Character> c = Generate.pick(chars.chars().mapToObj(x -> (char) x).toList());
        return lists().of(c).ofSizeBetween(0, max).map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<String> hostLike() {
        return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 300), of("ab09-._ ", 80));
    }

    @Test
    @DisplayName("a host name is valid (at most 253 letters, digits, dots and dashes) or there is a reason why not")
    void hostNamesHaveAReasonOrNone() {
        qt().withExamples(1000).forAll(hostLike()).checkAssert(h -> {
            String why = Names.hostnameProblem(h);
            if (why == null) {
                assertTrue(h.length() <= 253 && !h.isEmpty(), h);
                assertTrue(h.matches("[A-Za-z0-9.-]+"), h);
            } else {
                assertFalse(why.isBlank());
            }
        });
    }

    @Test
    @DisplayName("the checks of user names, interface names, addresses and instance ids never throw")
    void userAndInterfaceNamesNeverThrow() {
        qt().withExamples(1000).forAll(hostLike()).checkAssert(s -> {
            Names.isUserName(s);
            Names.isInterfaceName(s);
            IpAddresses.isIp(s);
            IpAddresses.isCidr(s);
            InstanceId.isValid(s);
        });
    }

    private static Gen<String> cloudConfigLike() {
        Gen<String> yamlish = of("ab1 :-\n\t[]{}'\"#&*!|>%@`,?", 120);
        return Generate.oneOf(yamlish.map(y -> "#cloud-config\n" + y), yamlish,
                strings().allPossible().ofLengthBetween(0, 120).map(y -> "#cloud-config\n" + y),
                Generate.pick(List.of("#cloud-config\na: &x [*x]\n", "#cloud-config\n- 1\n- 2\n", "#cloud-config\n'x'\n",
                        "\uFEFF#cloud-config\nusers: 3\n", "#cloud-config\nruncmd: {a: 1}\n")));
    }

    @Test
    @DisplayName("a user's cloud-config parses, or is refused as bad input in one line; what parses is judged without throwing")
    void cloudConfigParsesOrIsRefusedInOneLine() {
        qt().withExamples(500).forAll(cloudConfigLike()).checkAssert(text -> {
            Map<String, Object> parsed;
            try {
                parsed = CloudConfigParser.parse(text, "user.yaml");
            } catch (CloudInitException e) {
                assertTrue(e.isBadInput(), e.getMessage());
                assertFalse(e.getMessage().isBlank());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                return;
            }
            // Whatever parsed is then judged by the validator, which lists problems and never throws.
            CloudConfigValidator.userDataProblems(parsed).forEach(p -> assertFalse(p.isBlank()));
            assertEquals(parsed, parsed);
        });
    }

    /** Found by the property above: SnakeYAML put the offending newline into its message. */
    @Test
    void yamlErrorQuotingANewlineIsStillOneLine() {
        try {
            CloudConfigParser.parse("#cloud-config\n`\n", "user.yaml");
        } catch (CloudInitException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith("reading cloud-config failed: user.yaml is not valid YAML at line 2: "),
                    e.getMessage());
            return;
        }
        throw new AssertionError("a backquote cannot start a YAML token");
    }
}
