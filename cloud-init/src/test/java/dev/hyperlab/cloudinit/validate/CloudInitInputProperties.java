package dev.hyperlab.cloudinit.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.model.InstanceId;
import dev.hyperlab.cloudinit.render.CloudConfigParser;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The cloud-init module's parsers of user input, fed anything: a value, a reason, or a
 * {@link CloudInitException} with a message; never another exception.
 */
class CloudInitInputProperties {

    @Provide
    Arbitrary<String> hostLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("ab09-._ ").ofMaxLength(80));
    }

    @Property
    void hostNamesHaveAReasonOrNone(@ForAll("hostLike") String h) {
        String why = Names.hostnameProblem(h);
        if (why == null) {
            assertTrue(h.length() <= 253 && !h.isEmpty(), h);
            assertTrue(h.matches("[A-Za-z0-9.-]+"), h);
        } else {
            assertFalse(why.isBlank());
        }
    }

    @Property
    void userAndInterfaceNamesNeverThrow(@ForAll("hostLike") String s) {
        Names.isUserName(s);
        Names.isInterfaceName(s);
        IpAddresses.isIp(s);
        IpAddresses.isCidr(s);
        InstanceId.isValid(s);
    }

    @Provide
    Arbitrary<String> cloudConfigLike() {
        Arbitrary<String> yamlish = Arbitraries.strings().withChars("ab1 :-\n\t[]{}'\"#&*!|>%@`,?").ofMaxLength(120);
        return Arbitraries.oneOf(yamlish.map(y -> "#cloud-config\n" + y), yamlish,
                Arbitraries.strings().ofMaxLength(120).map(y -> "#cloud-config\n" + y),
                Arbitraries.of("#cloud-config\na: &x [*x]\n", "#cloud-config\n- 1\n- 2\n", "#cloud-config\n'x'\n",
                        "\uFEFF#cloud-config\nusers: 3\n", "#cloud-config\nruncmd: {a: 1}\n"));
    }

    @Property(tries = 500)
    void cloudConfigParsesOrIsRefusedInOneLine(@ForAll("cloudConfigLike") String text) {
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
    }

    /** Found by the property above: SnakeYAML put the offending newline into its message. */
    @Example
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
