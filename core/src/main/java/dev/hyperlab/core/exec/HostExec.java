package dev.hyperlab.core.exec;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link GuestExec} on the bare host: the baseline every guest is compared with. */
public final class HostExec implements GuestExec {

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            // same convention as a shell: the program is not there
            return new ExecResult(NOT_FOUND_EXIT, "", e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
        closeQuietly(p);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new HyperlabException(ErrorCode.TIMEOUT, "running " + argv.get(0) + " on the host failed: no result within "
                        + timeout.toSeconds() + " s", "try a shorter benchmark time");
            }
            return new ExecResult(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "running " + argv.get(0) + " was interrupted", null, e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close(); // no input: commands that read stdin see EOF at once
        } catch (IOException e) {
            // nothing to do
        }
    }
}
