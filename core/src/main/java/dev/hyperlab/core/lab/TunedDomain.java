package dev.hyperlab.core.lab;

import dev.hyperlab.core.compare.VmSettings;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VM's domain XML as {@code vm create} made it, changed to other {@link VmSettings}: what a user does
 * by hand in {@code hyperlab vm edit}, done for the comparison's VM levers. Fails when the definition
 * lacks what it changes, rather than measuring a VM that silently kept its defaults.
 */
final class TunedDomain {
    private static final Pattern TCG = Pattern.compile("<tcg>.*?</tcg>\\s*", Pattern.DOTALL);
    private static final Pattern FPR = Pattern.compile("freePageReporting=(['\"])on\\1");

    private TunedDomain() {}

    static String apply(String xml, VmSettings s) {
        String out = xml;
        if (s.tbCacheMib() != VmSettings.AS_MADE) {
            Matcher m = TCG.matcher(out);
            if (!m.find()) {
                throw missing("a <tcg> element (is this VM under TCG?)");
            }
            String tcg = s.tbCacheMib() == VmSettings.QEMU_DEFAULT ? ""
                    : "<tcg><tb-cache unit='MiB'>" + s.tbCacheMib() + "</tb-cache></tcg>";
            out = out.substring(0, m.start()) + tcg + out.substring(m.end());
        }
        if (!s.freePageReporting()) {
            Matcher m = FPR.matcher(out);
            if (!m.find()) {
                throw missing("a balloon with freePageReporting='on'");
            }
            out = m.replaceFirst("freePageReporting='off'");
        }
        return out;
    }

    private static HyperlabException missing(String what) {
        return new HyperlabException(ErrorCode.OPERATION_FAILED, "the VM's definition has no " + what
                + " to change", "check 'hyperlab vm edit' of a new VM");
    }
}
