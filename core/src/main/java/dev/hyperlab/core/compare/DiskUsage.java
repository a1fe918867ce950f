package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Subject;
import java.util.Objects;

/**
 * Disk a guest kind needs: the shared base it starts from and what one instance adds.
 *
 * @param baseBytes     VM: the base qcow2 file's allocated size; container: the image size
 * @param instanceBytes VM: the instance's qcow2 overlay, allocated; container: its writable layer
 * @param baseWhat      what the base is, for the report ("qcow2 base", "OCI image")
 */
public record DiskUsage(Subject subject, long baseBytes, long instanceBytes, String baseWhat, String instanceWhat) {
    public DiskUsage {
        Objects.requireNonNull(subject);
        if (baseBytes < 0 || instanceBytes < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }

    /** The same sizes for another kind (an instant clone's overlay, read as a VM's). */
    public DiskUsage as(Subject kind, String instanceWhat) {
        return new DiskUsage(kind, baseBytes, instanceBytes, baseWhat, instanceWhat);
    }
}
