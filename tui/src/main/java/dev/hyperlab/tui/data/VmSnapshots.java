package dev.hyperlab.tui.data;

import dev.hyperlab.core.vm.SnapshotInfo;
import java.util.List;

/** A VM's snapshots, for the snapshot manager. Calls block and throw HyperlabException. */
public interface VmSnapshots {
    List<SnapshotInfo> list(String vm);

    void create(String vm, String snapshot);

    void revert(String vm, String snapshot);

    void delete(String vm, String snapshot);
}
