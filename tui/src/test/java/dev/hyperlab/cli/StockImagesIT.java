package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.core.vm.libvirt.QemuAgentExec;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stock-style cloud images (no kernel beside the disk, cloud-init's stock datasource list), through
 * the CLI as a user runs it: {@code image import} reads how each disk boots, {@code image info} says
 * so, {@code vm create --start --wait} boots it under TCG with the firmware it needs (OVMF on q35 for
 * the UEFI-only GPT disk, SeaBIOS for the BIOS-only MBR disk) to ready, and the guest has its
 * hostname and ran its runcmd. The UEFI image writes to the serial console, so its marker says
 * ready; the BIOS image keeps its console on the screen and runs qemu-guest-agent, so the agent's
 * {@code cloud-init status --wait} says ready. Removing the VM removes its UEFI variables file.
 */
class StockImagesIT {
    private static final String URI = "qemu:///system";
    private static Path images;

    @BeforeAll
    static void build() throws Exception {
        images = StockImages.ensure();
    }

    @Test
    @DisplayName("a UEFI-only GPT image boots with OVMF on q35 and is ready by the serial marker")
    void uefi() throws Exception {
        String vm = bootToReady("uefi", "uefi (GPT: EFI system partition 1 with EFI/BOOT/BOOTX64.EFI)",
                "ready by the readiness marker on the serial console");
        // nothing more to check here: bootToReady checked the console and the nvram
        assertTrue(vm.startsWith("t-firmware-uefi"));
    }

    @Test
    @DisplayName("a BIOS-only MBR image with a silent serial console boots with SeaBIOS and is ready by the guest agent")
    void bios() throws Exception {
        bootToReady("bios", "bios (MBR: MBR boot code)", "ready by cloud-init status --wait through the guest agent");
    }

    private String bootToReady(String kind, String bootsWith, String readyBy) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        String image = "t-firmware-" + kind + "-" + suffix;
        String vm = "t-firmware-" + kind + "-" + suffix;
        try {
            CliTest.Result imp = CliTest.run("image", "import", images.resolve(kind + ".qcow2").toString(), "--name", image);
            assertEquals(0, imp.code(), imp.err());
            CliTest.Result info = CliTest.run("image", "info", image);
            assertEquals(0, info.code(), info.err());
            assertTrue(info.out().contains("boots with:      " + bootsWith), info.out());

            CliTest.Result c = CliTest.run("vm", "create", vm, "--image", image, "--start", "--wait", "--timeout", "600",
                    "--network", "none", "--no-default-ssh-keys",
                    // two commands: the file does not depend on /dev/console opening
                    "--runcmd", "echo \"hl-runcmd host=$(hostname)\" > /var/tmp/hl-runcmd",
                    "--runcmd", "cat /var/tmp/hl-runcmd > /dev/console");
            System.out.println(c.out());
            assertEquals(0, c.code(), c.out() + c.err());
            assertTrue(c.out().contains(readyBy), c.out());
            Matcher ready = Pattern.compile("ready\\s+([0-9.]+) s").matcher(c.out());
            assertTrue(ready.find(), c.out());
            System.out.printf("BENCH %s boot-to-ready %s s%n", kind, ready.group(1));

            try (VmService svc = VmServices.openDefault(URI)) {
                String xml = svc.hypervisor().xml(vm);
                if (kind.equals("uefi")) {
                    assertTrue(xml.contains("machine='pc-q35") && xml.contains("<loader readonly='yes'"), xml);
                    String log = Files.readString(svc.log(vm));
                    assertTrue(log.contains("hl-runcmd host=" + vm), log.substring(Math.max(0, log.length() - 3000)));
                    Matcher nv = Pattern.compile("<nvram[^>]*>([^<]+)</nvram>").matcher(xml);
                    assertTrue(nv.find(), xml);
                    Path nvram = Path.of(nv.group(1));
                    assertTrue(Files.isRegularFile(nvram), "the VM's own UEFI variables: " + nvram);
                    svc.remove(vm, true);
                    assertFalse(Files.exists(nvram), "removed with the VM: " + nvram);
                } else {
                    assertTrue(xml.contains("machine='pc-i440fx") && !xml.contains("<loader"), xml);
                    QemuAgentExec agent = new QemuAgentExec((json, secs) -> svc.hypervisor().agentCommand(vm, json, secs));
                    ExecResult r = agent.exec(List.of("cat", "/var/tmp/hl-runcmd"), Duration.ofMinutes(2));
                    if (r.exitCode() != 0) {
                        // say why: what cloud-init reports of this boot, and the end of its log
                        ExecResult why = agent.exec(List.of("sh", "-c",
                                "cloud-init status --long; tail -n 40 /var/log/cloud-init.log"), Duration.ofMinutes(1));
                        System.out.println(why.stdout());
                        assertEquals(0, r.exitCode(), r.stderr() + "\n" + why.stdout());
                    }
                    assertEquals("hl-runcmd host=" + vm + "\n", r.stdout(), r.stderr());
                    assertEquals(vm + "\n", agent.exec(List.of("hostname"), Duration.ofMinutes(1)).stdout());
                }
            }
            return vm;
        } finally {
            try (VmService svc = VmServices.openDefault(URI)) {
                svc.purge(vm);
            }
            if (ImageStore.openDefault().find(image).isPresent()) {
                CliTest.run("image", "rm", image);
            }
        }
    }
}
