package dev.hyperlab.cli.complete;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.images.store.DataDir;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.util.List;

/** Asks libvirt, the engine and the image store for the names of one kind, now. */
final class LiveNames {
    private LiveNames() {}

    static List<String> of(NameKind kind, List<String> args) {
        return switch (kind) {
            case VM -> {
                try (VmService svc = VmServices.openDefault(uri())) {
                    yield svc.list().stream().map(VmInfo::name).sorted().toList();
                }
            }
            case SNAPSHOT -> {
                if (args.isEmpty()) {
                    yield List.of();
                }
                try (VmService svc = VmServices.openDefault(uri())) {
                    yield svc.snapshots(args.get(0)).stream().map(SnapshotInfo::name).sorted().toList();
                }
            }
            case CONTAINER -> {
                try (ContainerService svc = ContainerService.connect()) {
                    yield svc.list().stream().map(GuestSummary::name).sorted().toList();
                }
            }
            case HOST -> {
                HyperlabConfig c = HyperlabConfig.load();
                yield new dev.hyperlab.core.hosts.Hosts(dev.hyperlab.core.hosts.HostsFile.read(c.locations().userDir()),
                        uri(), dev.hyperlab.core.hosts.UriAliases.NONE).all().stream()
                        .map(dev.hyperlab.core.hosts.HostEntry::name).toList();
            }
            case IMAGE -> ImageStore.open(DataDir.resolve()).list().stream().map(ImageRecord::name).sorted().toList();
        };
    }

    private static String uri() {
        return HyperlabConfig.load().get(ConfigKey.CONNECT).orElseThrow();
    }
}
