package dev.hyperlab.core.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerDiskSizes;
import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.container.ContainerSpec;
import dev.hyperlab.core.container.ContainerUsage;
import dev.hyperlab.core.container.EngineEndpoint;
import dev.hyperlab.core.container.EngineInfo;
import dev.hyperlab.core.container.EngineNetwork;
import dev.hyperlab.core.container.ExecResult;
import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link ContainerEngine} over the Docker-compatible REST API (served by Podman and by Docker),
 * through docker-java on its dependency-free transport. It connects, reads the engine's version,
 * starts, stops, removes and waits for containers itself, and hands the rest on: images to
 * {@link DockerImages}, creating a container to {@link DockerContainerCreation}, what is read of
 * containers to {@link DockerInspection}, exec and logs (the attached streams) to
 * {@link DockerStreams}, lab networks to {@link DockerNetworks}; errors are made one line by
 * {@link DockerErrors}. Only this package imports docker-java.
 */
public final class DockerApiEngine implements ContainerEngine {
    private final DockerClient client;
    private final String endpoint;
    private final DockerErrors errors;
    private final DockerImages images;
    private final DockerContainerCreation creation;
    private final DockerInspection inspection;
    private final DockerStreams streams;
    private final DockerNetworks networks;

    private DockerApiEngine(DockerClient client, DockerHttpClient http, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
        this.errors = new DockerErrors(endpoint);
        this.images = new DockerImages(client, http, errors);
        this.creation = new DockerContainerCreation(client, errors);
        this.inspection = new DockerInspection(client, errors, new DockerStats(http, errors));
        this.streams = new DockerStreams(client, errors);
        this.networks = new DockerNetworks(client, errors);
    }

    /** Connects to the first endpoint that answers a ping; UNAVAILABLE naming every endpoint tried otherwise. */
    public static DockerApiEngine connect(List<String> candidates) {
        List<String> failures = new ArrayList<>();
        for (String ep : candidates) {
            if (!EngineEndpoint.present(ep)) {
                failures.add(ep + " (no such socket)");
                continue;
            }
            DockerApiEngine engine = open(ep);
            try {
                engine.client.pingCmd().exec();
                return engine;
            } catch (RuntimeException e) {
                engine.close();
                failures.add(ep + " (" + DockerErrors.rootMessage(e) + ")");
            }
        }
        throw new HyperlabException(ErrorCode.UNAVAILABLE,
                "connecting to the container engine failed: tried " + String.join(", ", failures),
                "try running scripts/setup.sh, or start the API with `podman system service --time=0 unix://"
                        + EngineEndpoint.PODMAN_ROOT_SOCKET + "`, or set CONTAINER_HOST");
    }

    /** Discovery from this process's environment. */
    public static DockerApiEngine connect() {
        return connect(EngineEndpoint.forThisProcess());
    }

    private static DockerApiEngine open(String ep) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(ep).withDockerTlsVerify(false).build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofMinutes(10))
                .maxConnections(16)
                .build();
        return new DockerApiEngine(DockerClientImpl.getInstance(config, http), http, ep);
    }

    @Override
    public EngineInfo info() {
        try {
            Version v = client.versionCmd().exec();
            Info i = client.infoCmd().exec();
            String name = "docker";
            String version = v.getVersion();
            if (v.getComponents() != null) {
                for (VersionComponent c : v.getComponents()) {
                    if (c.getName() != null && c.getName().toLowerCase(Locale.ROOT).contains("podman")) {
                        name = "podman";
                        version = c.getVersion();
                    }
                }
            }
            String runtime = runtimeOf(i);
            return new EngineInfo(name, version, v.getApiVersion(), runtime, endpoint,
                    i.getCGroupVersion() == null ? "?" : i.getCGroupVersion(),
                    i.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : i.getNCPU(),
                    i.getMemTotal() == null ? 0 : i.getMemTotal());
        } catch (DockerException | IllegalStateException e) {
            throw errors.failed("reading the engine's version", e);
        }
    }

    /** Podman's compat info has no DefaultRuntime field; its raw map does. */
    private static String runtimeOf(Info i) {
        Object raw = i.getRawValues() == null ? null : i.getRawValues().get("DefaultRuntime");
        if (raw != null) {
            return raw.toString();
        }
        if (i.getRuntimes() != null && i.getRuntimes().size() == 1) {
            return i.getRuntimes().keySet().iterator().next();
        }
        return "?";
    }

    @Override
    public boolean imageExists(String ref) { return images.exists(ref); }

    @Override
    public void importRootfs(Path rootfsTar, String ref) { images.importRootfs(rootfsTar, ref); }

    @Override
    public String create(ContainerSpec s) { return creation.create(s); }

    @Override
    public void start(String id) {
        try {
            client.startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (NotFoundException e) {
            throw DockerErrors.notFound(id, e);
        } catch (DockerException e) {
            throw errors.failed("starting container " + id, e);
        }
    }

    @Override
    public void stop(String id, Duration timeout) {
        try {
            client.stopContainerCmd(id).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (NotModifiedException e) {
            // already stopped
        } catch (NotFoundException e) {
            throw DockerErrors.notFound(id, e);
        } catch (DockerException e) {
            throw errors.failed("stopping container " + id, e);
        }
    }

    @Override
    public void remove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already: removing is idempotent
        } catch (DockerException e) {
            throw errors.failed("removing container " + id, e);
        }
    }

    @Override
    public Optional<ContainerDetails> inspect(String id) { return inspection.inspect(id); }

    @Override
    public ContainerDiskSizes diskSizes(String id) { return inspection.diskSizes(id); }

    @Override
    public Optional<ContainerUsage> usage(String id) { return inspection.usage(id); }

    @Override
    public List<ContainerDetails> list(Map<String, String> labels) { return inspection.list(labels); }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) { return streams.exec(id, command, timeout); }

    @Override
    public LogStream logs(String id, boolean follow, Consumer<String> lines) { return streams.logs(id, follow, lines); }

    @Override
    public void createNetwork(EngineNetwork n) { networks.create(n); }

    @Override
    public void removeNetwork(String name) { networks.remove(name); }

    @Override
    public List<String> networks(Map<String, String> labels) { return networks.list(labels); }

    @Override
    public int waitForExit(String id, Duration timeout) {
        try {
            ResultCallback.Adapter<WaitResponse> cb = client.waitContainerCmd(id).exec(new ResultCallback.Adapter<>() {
                @Override public void onNext(WaitResponse r) { }
            });
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                cb.close();
                throw new HyperlabException(ErrorCode.TIMEOUT, "waiting for " + id + " to exit failed: still running after "
                        + timeout.toSeconds() + " s", "try `hyperlab ct stop " + id + "`");
            }
            return inspect(id).flatMap(ContainerDetails::exitCode).orElse(-1);
        } catch (NotFoundException e) {
            throw DockerErrors.notFound(id, e);
        } catch (DockerException e) {
            throw errors.failed("waiting for " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for " + id + " failed: interrupted", null, e);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for " + id + " failed: " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a socket client: nothing useful to do
        }
    }
}
