package dev.hyperlab.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.model.Subject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Disk bytes of a VM: the allocated size of its qcow2 overlay and of the base image behind it, from
 * {@code qemu-img info --output=json -U} (-U: the running VM holds the image lock; we only read metadata).
 */
public final class QcowSizes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param backingFile the overlay's backing file as recorded in the overlay, when it has one */
    public record Info(long actualBytes, long virtualBytes, Optional<Path> backingFile) {}

    private QcowSizes() {}

    public static Info info(Path image) {
        ExecResult r = new HostExec().exec(List.of("qemu-img", "info", "--output=json", "-U", image.toString()),
                Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading the size of " + image + " failed: "
                    + r.stderr().strip(), "try 'qemu-img info " + image + "' by hand; hyperlab doctor checks qemu-img");
        }
        return parse(r.stdout(), image);
    }

    static Info parse(String json, Path image) {
        try {
            JsonNode n = JSON.readTree(json);
            String backing = n.path("full-backing-filename").asText(n.path("backing-filename").asText(""));
            Optional<Path> b = backing.isEmpty() ? Optional.empty()
                    : Optional.of(image.resolveSibling(backing).normalize()); // relative names are relative to the overlay
            return new Info(n.path("actual-size").asLong(), n.path("virtual-size").asLong(), b);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "qemu-img printed unreadable JSON: " + e.getMessage(), null, e);
        }
    }

    /** The VM's disk usage: base = the overlay's backing file, instance = the overlay. */
    public static DiskUsage ofOverlay(Path overlay) {
        Info o = info(overlay);
        if (o.backingFile().isPresent() && !java.nio.file.Files.exists(o.backingFile().get())) {
            // the image was replaced in the store while this VM ran (QEMU still holds the old file open)
            return new DiskUsage(Subject.VM, 0, o.actualBytes(), "qcow2 base (replaced while running, size unknown)",
                    "qcow2 overlay");
        }
        long base = o.backingFile().map(b -> info(b).actualBytes()).orElse(0L);
        return new DiskUsage(Subject.VM, base, o.actualBytes(), "qcow2 base", "qcow2 overlay");
    }
}
