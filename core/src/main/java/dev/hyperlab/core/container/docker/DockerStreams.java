package dev.hyperlab.core.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.hyperlab.core.container.ExecResult;
import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The engine's attached streams: a command's output and exit code, and a container's log, line by line. */
final class DockerStreams {
    private final DockerClient client;
    private final DockerErrors errors;

    DockerStreams(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    ExecResult exec(String id, List<String> command, Duration timeout) {
        try {
            String execId = client.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
                @Override public void onNext(Frame f) {
                    switch (f.getStreamType()) {
                        case STDERR -> err.writeBytes(f.getPayload());
                        default -> out.writeBytes(f.getPayload());
                    }
                }
            };
            client.execStartCmd(execId).exec(cb);
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                cb.close();
                throw new HyperlabException(ErrorCode.TIMEOUT, "running " + command + " in " + id
                        + " failed: no exit after " + timeout.toSeconds() + " s", null);
            }
            Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
            return new ExecResult(code == null ? -1 : code.intValue(),
                    out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (NotFoundException e) {
            throw DockerErrors.notFound(id, e);
        } catch (ConflictException e) {
            throw new HyperlabException(ErrorCode.CONFLICT, "running a command in " + id + " failed: it is not running",
                    "try `hyperlab ct start " + id + "`", e);
        } catch (DockerException e) {
            throw errors.failed("running a command in " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "running a command in " + id + " failed: interrupted", null, e);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "running a command in " + id + " failed: " + e.getMessage(), null, e);
        }
    }

    LogStream logs(String id, boolean follow, Consumer<String> lines) {
        LineSplitter splitter = new LineSplitter(lines);
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override public void onNext(Frame f) { splitter.accept(f.getPayload()); }
            @Override public void onComplete() { splitter.flush(); super.onComplete(); }
        };
        try {
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(follow).exec(cb);
        } catch (NotFoundException e) {
            throw DockerErrors.notFound(id, e);
        } catch (DockerException e) {
            throw errors.failed("reading the logs of " + id, e);
        }
        if (!follow) {
            try {
                cb.awaitCompletion(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new LogStream() {
            @Override public void awaitEnd() throws InterruptedException { cb.awaitCompletion(); }

            @Override public void close() {
                try {
                    cb.close();
                } catch (IOException e) {
                    // closing the stream's socket: nothing to do
                }
            }
        };
    }

    /** Reassembles lines from frames that may split or join them. */
    static final class LineSplitter {
        private final Consumer<String> sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(Consumer<String> sink) { this.sink = sink; }

        synchronized void accept(byte[] bytes) {
            for (byte b : bytes) {
                if (b == '\n') {
                    emit();
                } else if (b != '\r') {
                    pending.write(b);
                }
            }
        }

        synchronized void flush() {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() {
            sink.accept(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
