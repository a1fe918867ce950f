package dev.hyperlab.core.host;

import java.util.List;

/** The result of {@code hyperlab doctor}: the accelerator decision and every check. */
public record DoctorReport(AcceleratorDecision accelerator, List<Check> checks) {

    /** Worst status over all checks. */
    public CheckStatus overall() {
        CheckStatus worst = CheckStatus.OK;
        for (Check c : checks) {
            if (c.status().compareTo(worst) > 0) {
                worst = c.status();
            }
        }
        return worst;
    }
}
