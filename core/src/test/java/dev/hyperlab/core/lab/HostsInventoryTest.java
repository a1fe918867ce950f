package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.hosts.HostEntry;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.VmInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("list --all-hosts: every host at once, and one that hangs or is down never hides the others")
class HostsInventoryTest {
    static VmInfo vm(String name) {
        return new VmInfo(name, "uuid-" + name, GuestState.RUNNING, 1, 1L << 30, 0, Optional.empty(), BootTimeline.empty());
    }

    @Test
    void everyHostInOneTable() {
        CountDownLatch never = new CountDownLatch(1);
        List<HostEntry> hosts = List.of(new HostEntry("local", "qemu:///system"), new HostEntry("lab2", "qemu+tcp://a/system"),
                new HostEntry("lab3", "qemu+ssh://b/system"), new HostEntry("lab4", "qemu+ssh://c/system"));
        long t0 = System.nanoTime();
        HostsInventory.Listing l = HostsInventory.list(hosts, uri -> switch (uri) {
            case "qemu:///system" -> List.of(vm("web"), vm("db"));
            case "qemu+tcp://a/system" -> List.of(vm("web"));
            case "qemu+ssh://b/system" -> {
                try {
                    never.await(); // an SSH host that stopped answering mid-call
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield List.of();
            }
            default -> throw new HyperlabException(ErrorCode.UNAVAILABLE, "connecting to c failed: No route to host", null);
        }, () -> List.of(new GuestSummary(GuestKind.CONTAINER, "box", GuestState.RUNNING, 0, 0, "debian-12",
                BootTimeline.empty(), Optional.empty())), Duration.ofMillis(500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "the hanging host cost its budget only: " + ms + " ms");
        assertEquals(List.of("local/db", "local/web", "local/box", "lab2/web"),
                l.rows().stream().map(r -> r.host() + "/" + r.guest().name()).toList(),
                "hosts in their order, then VMs before containers, then by name");
        assertEquals(2, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).startsWith("host lab3 (qemu+ssh://b/system): no answer within"), l.problems().toString());
        assertTrue(l.problems().get(1).contains("host lab4") && l.problems().get(1).contains("No route to host"), l.problems().toString());
        List<String> table = GuestSummaries.tableWithHosts(l.rows());
        assertTrue(table.get(0).startsWith("HOST  KIND NAME"), table.get(0));
        assertTrue(table.get(4).startsWith("lab2  vm   web"), table.get(4));
    }
}
