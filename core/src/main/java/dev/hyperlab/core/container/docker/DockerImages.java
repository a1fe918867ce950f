package dev.hyperlab.core.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine's images as hyperlab uses them: looked up by reference, and a rootfs tar imported under a tag. */
final class DockerImages {
    private final DockerClient client;
    private final DockerHttpClient http;
    private final DockerErrors errors;

    DockerImages(DockerClient client, DockerHttpClient http, DockerErrors errors) {
        this.client = client;
        this.http = http;
        this.errors = errors;
    }

    boolean exists(String ref) {
        try {
            client.inspectImageCmd(ref).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw errors.failed("looking up image " + ref, e);
        }
    }

    void importRootfs(Path rootfsTar, String ref) {
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
            if (!exists(ref) && id != null) {
                // Podman's compat import ignores "tag" and names the image repo:latest; tag it ourselves.
                client.tagImageCmd(id, repo, tag).exec();
                if (!"latest".equals(tag) && exists(repo + ":latest")) {
                    client.removeImageCmd(repo + ":latest").withNoPrune(true).exec();
                }
            }
        } catch (DockerException e) {
            throw errors.failed("tagging the imported image as " + ref, e);
        }
        if (!exists(ref)) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "importing " + rootfsTar + " failed: the engine did not tag it " + ref, null);
        }
    }
}
