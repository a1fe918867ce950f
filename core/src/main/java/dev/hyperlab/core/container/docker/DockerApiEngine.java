package dev.hyperlab.core.container.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Ulimit;
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
import dev.hyperlab.core.model.GuestState;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ContainerEngine} over the Docker-compatible REST API (served by Podman and by Docker),
 * through docker-java on its dependency-free transport. Exec and logs (the attached streams) are
 * {@link DockerStreams}', lab networks {@link DockerNetworks}'; errors are made one line by
 * {@link DockerErrors}. Only this package imports docker-java.
 */
public final class DockerApiEngine implements ContainerEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DockerClient client;
    private final DockerHttpClient http;
    private final String endpoint;
    private final DockerErrors errors;
    private final DockerStats stats;
    private final DockerStreams streams;
    private final DockerNetworks networks;

    private DockerApiEngine(DockerClient client, DockerHttpClient http, String endpoint) {
        this.client = client;
        this.http = http;
        this.endpoint = endpoint;
        this.errors = new DockerErrors(endpoint);
        this.stats = new DockerStats(http, errors);
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
    public boolean imageExists(String ref) {
        try {
            client.inspectImageCmd(ref).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw errors.failed("looking up image " + ref, e);
        }
    }

    @Override
    public void importRootfs(Path rootfsTar, String ref) {
        int colon = ref.lastIndexOf(':');
        String repo = colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
        String tag = colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "latest";
        // Raw request: docker-java's createImageCmd stream upload arrives truncated at Podman 4.3
        // ("processing tar file(unexpected EOF)"), while a plain chunked POST is accepted.
        String path = "/images/create?fromSrc=-&repo=" + URLEncoder.encode(repo, StandardCharsets.UTF_8)
                + "&tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8);
        String id = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(rootfsTar), 1 << 20)) {
            DockerHttpClient.Request req = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST).path(path)
                    .putHeader("Content-Type", "application/x-tar").body(in).build();
            try (DockerHttpClient.Response resp = http.execute(req)) {
                String body = new String(resp.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (resp.getStatusCode() / 100 != 2 || body.contains("\"error\"")) {
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, "importing " + rootfsTar + " as " + ref
                            + " failed: " + resp.getStatusCode() + " " + body.strip(), "try `hyperlab doctor`");
                }
                Matcher m = Pattern.compile("sha256:[0-9a-f]{64}").matcher(body);
                id = m.find() ? m.group() : null;
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "importing " + rootfsTar + " failed: " + e.getMessage(),
                    "try rebuilding the image with `hyperlab image build`", e);
        }
        try {
            if (!imageExists(ref) && id != null) {
                // Podman's compat import ignores "tag" and names the image repo:latest; tag it ourselves.
                client.tagImageCmd(id, repo, tag).exec();
                if (!"latest".equals(tag) && imageExists(repo + ":latest")) {
                    client.removeImageCmd(repo + ":latest").withNoPrune(true).exec();
                }
            }
        } catch (DockerException e) {
            throw errors.failed("tagging the imported image as " + ref, e);
        }
        if (!imageExists(ref)) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "importing " + rootfsTar + " failed: the engine did not tag it " + ref, null);
        }
    }

    @Override
    public String create(ContainerSpec s) {
        HostConfig hc = HostConfig.newHostConfig()
                .withNetworkMode(s.network())
                .withCapDrop(Capability.ALL)
                .withCapAdd(s.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new))
                .withTmpFs(s.tmpfs().isEmpty() ? null : s.tmpfs())
                .withUlimits(s.ulimits().entrySet().stream()
                        .map(e -> new Ulimit(e.getKey(), e.getValue(), e.getValue())).toList());
        if (s.noNewPrivileges()) {
            hc.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (s.nanoCpus() > 0) {
            hc.withNanoCPUs(s.nanoCpus());
        }
        if (s.memoryBytes() > 0) {
            hc.withMemory(s.memoryBytes()).withMemorySwap(s.memoryBytes());
        }
        if (!s.extraHosts().isEmpty()) {
            hc.withExtraHosts(s.extraHosts().toArray(String[]::new));
        }
        if (!s.binds().isEmpty()) {
            hc.withBinds(s.binds().entrySet().stream()
                    .map(e -> Bind.parse(e.getKey() + ":" + e.getValue() + ":ro")).toList());
        }
        try (CreateContainerCmd cmd = client.createContainerCmd(s.image())) {
            cmd.withName(s.name()).withLabels(s.labels()).withHostConfig(hc).withTty(s.tty())
                    .withEnv(s.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            if (!s.command().isEmpty()) {
                cmd.withCmd(s.command());
            }
            if (s.user() != null && !s.user().isBlank()) {
                cmd.withUser(s.user());
            }
            if (s.hostname() != null && !s.hostname().isBlank()) {
                cmd.withHostName(s.hostname());
            }
            if (s.stopSignal() != null && !s.stopSignal().isBlank()) {
                cmd.withStopSignal(s.stopSignal());
            }
            if (!s.ipv4Address().isEmpty()) {
                cmd.withIpv4Address(s.ipv4Address()); // NetworkingConfig.EndpointsConfig[network].IPAMConfig
            }
            return cmd.exec().getId();
        } catch (ConflictException e) {
            throw nameTaken(s.name(), e);
        } catch (NotFoundException e) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "creating container " + s.name()
                    + " failed: image " + s.image() + " not found", "try `hyperlab image list`", e);
        } catch (DockerException e) {
            // Podman 4.3 answers a name clash with 500 "... is already in use", Docker with 409.
            if (String.valueOf(e.getMessage()).contains("already in use")) {
                throw nameTaken(s.name(), e);
            }
            throw errors.failed("creating container " + s.name(), e);
        }
    }

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
    public Optional<ContainerDetails> inspect(String id) {
        try {
            return Optional.of(details(client.inspectContainerCmd(id).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw errors.failed("inspecting container " + id, e);
        }
    }

    @Override
    public ContainerDiskSizes diskSizes(String id) {
        try {
            InspectContainerResponse r = client.inspectContainerCmd(id).withSize(true).exec();
            Long image = client.inspectImageCmd(r.getImageId()).exec().getSize();
            return new ContainerDiskSizes(image == null ? 0 : image, r.getSizeRw() == null ? 0 : r.getSizeRw());
        } catch (NotFoundException e) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "container " + id + " not found", "try `hyperlab ct list`");
        } catch (DockerException e) {
            throw errors.failed("reading disk sizes of container " + id, e);
        }
    }

    /**
     * Inspect for the start time, then one raw statistics reading: docker-java's stats command has
     * no {@code one-shot}, without which Docker waits a second for a second sample (Podman answers
     * at once either way). The uptime is the reading's own time minus the start, both on the
     * engine's clock, so a remote engine's clock offset does not enter it.
     */
    @Override
    public Optional<ContainerUsage> usage(String id) {
        InspectContainerResponse.ContainerState st;
        try {
            st = client.inspectContainerCmd(id).exec().getState();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw errors.failed("inspecting container " + id, e);
        }
        if (st == null || !Boolean.TRUE.equals(st.getRunning()) || st.getStartedAt() == null) {
            return Optional.empty();
        }
        return stats.read(id, Instant.parse(st.getStartedAt()));
    }

    private static ContainerDetails details(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState st = r.getState();
        HostConfig hc = r.getHostConfig();
        String status = st == null || st.getStatus() == null ? "unknown" : st.getStatus();
        Integer exit = st == null ? null : st.getExitCodeLong() == null ? null : st.getExitCodeLong().intValue();
        boolean exited = "exited".equals(status) || "stopped".equals(status);
        return new ContainerDetails(r.getId(), stripSlash(r.getName()), r.getConfig().getImage(), stateOf(status), status,
                r.getConfig().getLabels() == null ? Map.of() : Map.copyOf(r.getConfig().getLabels()),
                hc == null || hc.getNanoCPUs() == null ? 0 : hc.getNanoCPUs(),
                hc == null || hc.getMemory() == null ? 0 : hc.getMemory(),
                st == null || st.getPidLong() == null ? 0 : st.getPidLong().intValue(),
                exited ? Optional.ofNullable(exit) : Optional.empty());
    }

    @Override
    public List<ContainerDetails> list(Map<String, String> labels) {
        try {
            List<Container> cs = client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
            List<ContainerDetails> out = new ArrayList<>();
            for (Container c : cs) {
                // The list endpoint lacks limits; inspect gives the same record as inspect().
                inspect(c.getId()).ifPresent(out::add);
            }
            return out;
        } catch (DockerException e) {
            throw errors.failed("listing containers", e);
        }
    }

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

    static GuestState stateOf(String status) {
        return switch (status) {
            case "running" -> GuestState.RUNNING;
            case "paused" -> GuestState.PAUSED;
            case "created", "configured", "exited", "stopped" -> GuestState.STOPPED;
            case "restarting", "removing", "stopping" -> GuestState.TRANSITIONING;
            case "dead" -> GuestState.CRASHED;
            default -> GuestState.UNKNOWN;
        };
    }

    private static String stripSlash(String n) { return n != null && n.startsWith("/") ? n.substring(1) : n; }

    private static HyperlabException nameTaken(String name, Throwable e) {
        return new HyperlabException(ErrorCode.CONFLICT, "creating container " + name + " failed: the name is taken",
                "try another name, or `hyperlab ct rm " + name + "`", e);
    }
}
