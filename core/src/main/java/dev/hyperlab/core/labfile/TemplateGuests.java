package dev.hyperlab.core.labfile;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.VmTemplates;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What a guest with {@code template:} may not also say, as {@code vm create --from-template}
 * refuses it: the clone wakes up from the template's saved state, so its image is the template's
 * and cloud-init does not run in it; the saved state holds one NIC, so it joins one network. Sizes
 * that differ from the template's are refused by {@link LabFileChecks}, which knows the templates.
 */
final class TemplateGuests {
    private TemplateGuests() {}

    /**
     * @param own    the guest's own fields (an image from {@code defaults:} is not the guest's: it is unused)
     * @param fields its fields with {@code defaults:} under them
     */
    static void check(Problems problems, String guestField, String template, Map<String, Node> own,
                      Map<String, Node> fields, int networks) {
        try {
            VmTemplates.requireValidName(template);
        } catch (HyperlabException e) {
            problems.add(fields.get("template"), guestField + ".template", e.getMessage(), e.hint());
        }
        if (own.containsKey("image")) {
            problems.add(own.get("image"), guestField + ".image", "a clone's image is its template's ('"
                    + template + "')", "try leaving image: out, or template: out for a cold VM");
        }
        if (fields.containsKey("cloud-config")) {
            problems.add(fields.get("cloud-config"), guestField + ".cloud-config", "cloud-init does not run in a clone"
                    + " of template '" + template + "' (it wakes up from the template's memory)",
                    "try runcmd: (the identity step runs it), or leave template: out for a cold VM");
        }
        if (networks > 1) {
            problems.add(fields.get("networks"), guestField + ".networks", "a clone joins one network, not " + networks
                    + ": its template's saved state holds one NIC", "try one network, or leave template: out for a cold VM");
        }
    }
}
