package dev.hyperlab.core.compare.isolation;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Runs the isolation probe script (a resource) through a {@link GuestExec} as {@code sh -c SCRIPT}. */
public final class IsolationProbe {
    private static final String RESOURCE = "isolation-probe.sh";

    private IsolationProbe() {}

    public static String script() {
        try (InputStream in = IsolationProbe.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argv that runs the probe; /bin/sh so agents that need absolute paths work too. */
    public static List<String> argv() { return List.of("/bin/sh", "-c", script()); }

    public static IsolationReport run(Subject subject, GuestExec exec, Duration timeout) {
        ExecResult r = exec.exec(argv(), timeout);
        if (!r.ok()) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "isolation probe on " + subject.title()
                    + " failed with exit code " + r.exitCode() + ": " + r.stderr().strip(),
                    "try running /bin/sh there by hand; the probe needs only a POSIX shell and /proc");
        }
        return IsolationReport.parse(subject, r.stdout());
    }
}
