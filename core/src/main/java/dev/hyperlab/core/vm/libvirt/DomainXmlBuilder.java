package dev.hyperlab.core.vm.libvirt;

import static dev.hyperlab.core.vm.libvirt.Xml.esc;

import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;

/**
 * Turns a {@link DomainSpec} into libvirt domain XML. Every value is escaped; the shape is fixed
 * here, so callers cannot produce XML libvirt's schema rejects (a test runs virt-xml-validate).
 *
 * <p>Why the shape is what it is:
 * <ul>
 *   <li>The NoCloud seed is a read-only <em>virtio</em> disk: the cloud kernel's initrd has no
 *       usable SATA/IDE CD-ROM path, so a cdrom seed is not found.</li>
 *   <li>The serial console is a pty (so libvirt's console stream works, also remotely) with a
 *       {@code <log>} file beside it (virtlogd writes every byte, so nothing is lost when no one
 *       is attached).</li>
 *   <li>Without a kernel, the firmware boots the disk: SeaBIOS on i440fx, or OVMF on q35 with a
 *       read-only code image and a variables file libvirt copies per VM from OVMF's template (no
 *       path given: libvirt puts it in its nvram directory and removes it when the domain is
 *       undefined with VIR_DOMAIN_UNDEFINE_NVRAM). Secure boot adds SMM, which OVMF's secure build
 *       needs to protect its variables.</li>
 *   <li>The balloon reports free pages to the host (virtio-balloon free page reporting).</li>
 *   <li>Under TCG the translated-code cache is 256 MiB instead of QEMU's 1 GiB.</li>
 *   <li>libvirt 9.0 cannot express {@code restrict=on} for a user-mode NIC, so that NIC is passed
 *       as QEMU arguments through the {@code qemu:commandline} namespace.</li>
 *   <li>A template's VM keeps its RAM in a file of its own, mapped shared: see {@link TemplateMemory}.</li>
 * </ul>
 */
public final class DomainXmlBuilder {
    static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    /** The TCG translation cache of a new VM: see {@link #build}. */
    static final int TCG_TB_CACHE_MIB = 256;

    private DomainXmlBuilder() {}

    public static String build(DomainSpec s) {
        boolean userNic = s.network().userMode();
        boolean qemuArgs = userNic || s.memoryFile().isPresent();
        StringBuilder x = new StringBuilder(2048);
        x.append("<domain type='").append(s.type().xmlName()).append('\'');
        if (qemuArgs) {
            x.append(" xmlns:qemu='").append(QEMU_NS).append('\'');
        }
        x.append(">\n");
        x.append("  <name>").append(esc(s.name())).append("</name>\n");
        x.append("  <title>hyperlab VM ").append(esc(s.name())).append("</title>\n");
        label(x, s.label());
        long kib = s.memoryBytes() / 1024;
        x.append("  <memory unit='KiB'>").append(kib).append("</memory>\n");
        x.append("  <currentMemory unit='KiB'>").append(kib).append("</currentMemory>\n");
        x.append("  <vcpu placement='static'>").append(s.vcpus()).append("</vcpu>\n");
        dev.hyperlab.core.vm.Firmware fw = s.firmware();
        x.append("  <os>\n    <type arch='x86_64' machine='").append(fw.machine()).append("'>hvm</type>\n");
        if (fw.isUefi()) {
            x.append("    <loader readonly='yes' secure='").append(fw.secureBoot() ? "yes" : "no")
                    .append("' type='pflash'>").append(esc(fw.loader())).append("</loader>\n");
            x.append("    <nvram template='").append(esc(fw.varsTemplate())).append("'/>\n");
        }
        if (s.kernel().isPresent()) {
            x.append("    <kernel>").append(esc(s.kernel().get())).append("</kernel>\n");
            s.initrd().ifPresent(i -> x.append("    <initrd>").append(esc(i)).append("</initrd>\n"));
            s.cmdline().ifPresent(c -> x.append("    <cmdline>").append(esc(c)).append("</cmdline>\n"));
        } else {
            x.append("    <boot dev='hd'/>\n");
        }
        x.append("  </os>\n");
        // Under TCG, QEMU's translated-code cache defaults to 1 GiB and fills during a boot: 546 of the
        // 958 MiB an idle VM cost. 256 MiB boots as fast (18.6 s against 19.1 s) at 605 MiB RSS against
        // 982 (scripts/bench/vm-density.sh); 64 MiB costs a third more boot time. 'vm edit' changes it.
        String tcg = s.type() == dev.hyperlab.core.vm.DomainType.QEMU
                ? "<tcg><tb-cache unit='MiB'>" + TCG_TB_CACHE_MIB + "</tb-cache></tcg>" : "";
        x.append(fw.secureBoot() ? "  <features><acpi/><apic/><smm state='on'/>" + tcg + "</features>\n"
                : "  <features><acpi/><apic/>" + tcg + "</features>\n");
        // TCG cannot pass the host CPU through; KVM can. (The user-mode NIC, passed as raw QEMU
        // arguments below, sits at PCI slot 0x1e so it never takes a slot libvirt assigns.)
        x.append(s.type() == dev.hyperlab.core.vm.DomainType.KVM
                ? "  <cpu mode='host-passthrough'/>\n" : "  <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>\n");
        x.append("  <clock offset='utc'/>\n");
        x.append("  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>destroy</on_crash>\n");
        x.append("  <devices>\n");
        x.append("    <disk type='file' device='disk'>\n")
                .append("      <driver name='qemu' type='qcow2'")
                .append(s.diskCache().xmlValue() == null ? "" : " cache='" + s.diskCache().xmlValue() + "'")
                .append(" discard='unmap'/>\n")
                .append("      <source file='").append(esc(s.overlayPath())).append("'/>\n")
                .append("      <target dev='vda' bus='virtio'/>\n")
                .append("    </disk>\n");
        boolean cdrom = s.seedBus() == dev.hyperlab.core.vm.SeedBus.SATA_CDROM;
        s.seedPath().ifPresent(seed -> x.append("    <disk type='file' device='").append(cdrom ? "cdrom" : "disk")
                .append("' snapshot='no'>\n")
                .append("      <driver name='qemu' type='raw'/>\n")
                .append("      <source file='").append(esc(seed)).append("'/>\n")
                .append(cdrom ? "      <target dev='sda' bus='sata'/>\n" : "      <target dev='vdb' bus='virtio'/>\n")
                .append("      <readonly/>\n")
                .append("    </disk>\n"));
        if (s.network() instanceof NetworkSpec.LabNics lab) {
            lab.nics().forEach(nic -> networkNic(x, nic.network(), nic.mac()));
        }
        if (s.network() instanceof NetworkSpec.Named n) {
            networkNic(x, n.network(), null);
        }
        x.append("    <serial type='pty'>\n");
        if (!s.consoleLogPath().isEmpty()) {
            // virtlogd writes it on the libvirt host: a remote host's VMs have none (their console is a stream)
            x.append("      <log file='").append(esc(s.consoleLogPath())).append("' append='off'/>\n");
        }
        x.append("      <target type='isa-serial' port='0'><model name='isa-serial'/></target>\n")
                .append("    </serial>\n");
        x.append("    <console type='pty'><target type='serial' port='0'/></console>\n");
        // qemu-guest-agent's port: lets the host run commands in a guest without a NIC (compare, probes)
        x.append("    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>\n");
        // Free page reporting: the guest hands pages it freed back to the host, so QEMU's RSS follows
        // what the guest uses rather than what it ever touched, and a template's saved state holds
        // no freed pages (they read as zero, which the snapshot stores as a flag).
        x.append("    <memballoon model='virtio' freePageReporting='on'/>\n");
        x.append("    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>\n");
        x.append("  </devices>\n");
        if (qemuArgs) {
            x.append("  <qemu:commandline>\n");
            s.memoryFile().ifPresent(f -> x.append(TemplateMemory.args(f, s.memoryBytes(), true)));
        }
        if (userNic) {
            x.append("    <qemu:arg value='-netdev'/>\n")
                    .append("    <qemu:arg value='user,id=hlnet0")
                    .append(s.network() instanceof NetworkSpec.UserRestricted ? ",restrict=on" : "")
                    .append(s.network().sshHostPort() > 0
                            ? ",hostfwd=tcp:127.0.0.1:" + s.network().sshHostPort() + "-:22"
                            : "")
                    .append("'/>\n")
                    .append("    <qemu:arg value='-device'/>\n")
                    .append("    <qemu:arg value='virtio-net-pci,netdev=hlnet0,bus=")
                    .append(fw.isUefi() ? "pcie.0" : "pci.0").append(",addr=0x1e'/>\n");
        }
        if (qemuArgs) {
            x.append("  </qemu:commandline>\n");
        }
        x.append("</domain>\n");
        return x.toString();
    }

    /** A virtio NIC on a libvirt network; without a MAC, libvirt picks one. */
    private static void networkNic(StringBuilder x, String network, String mac) {
        x.append("    <interface type='network'>\n");
        if (mac != null) {
            x.append("      <mac address='").append(esc(mac)).append("'/>\n");
        }
        x.append("      <source network='").append(esc(network)).append("'/>\n")
                .append("      <model type='virtio'/>\n")
                .append("    </interface>\n");
    }

    /** The label element alone, namespace declared on it (a clone's definition gets a new one). */
    static String labelElement(HyperlabLabel l) {
        StringBuilder x = new StringBuilder(512);
        label(x, l);
        String s = x.toString();
        return s.substring(s.indexOf("<hl:hyperlab"), s.indexOf("</metadata>")).strip();
    }

    private static void label(StringBuilder x, HyperlabLabel l) {
        x.append("  <metadata>\n")
                .append("    <hl:hyperlab xmlns:hl='").append(HyperlabLabel.NAMESPACE).append("'>\n");
        el(x, "image", l.image());
        el(x, "created", l.created().toString());
        el(x, "instance-id", l.instanceId());
        el(x, "pool", l.pool());
        el(x, "overlay", l.overlayVol());
        el(x, "seed", l.seedVol());
        el(x, "console-log", l.consoleLog());
        x.append("    </hl:hyperlab>\n  </metadata>\n");
    }

    private static void el(StringBuilder x, String name, String value) {
        x.append("      <hl:").append(name).append('>').append(esc(value == null ? "" : value))
                .append("</hl:").append(name).append(">\n");
    }
}
