#!/bin/sh
# Builds two stock-style Debian 12 cloud images the way distributions build theirs, with no loop
# device and no kernel outside the disk, from the host's own apt sources (mmdebstrap, as hyperlab's
# default image build):
#   uefi.qcow2  GPT: an EFI system partition (FAT, written with mkfs.vfat --offset and mtools
#               -i FILE@@OFFSET) holding grub-mkstandalone's EFI/BOOT/BOOTX64.EFI, and an ext4 root
#               (mkfs.ext4 -d DIR -E offset=). No boot code in the protective MBR: UEFI only.
#               Kernel console on tty0 and ttyS0 (as Debian's genericcloud); no guest agent.
#   bios.qcow2  MBR: GRUB's boot.img in sector 0 and core.img from sector 1 (as grub-install would
#               embed them), and the same ext4 root. No ESP: BIOS only. Kernel console on tty0 only,
#               so nothing reaches the serial port; qemu-guest-agent runs.
# Both keep cloud-init's stock configuration (its default datasource list included).
# Usage: build.sh OUT_DIR   (as root; writes OUT_DIR/uefi.qcow2 and OUT_DIR/bios.qcow2)
set -eu
out="$1"
here=$(cd "$(dirname "$0")" && pwd)
work="$out/work"
root="$work/rootfs"
cache="${HYPERLAB_DEB_CACHE:-/var/lib/hyperlab/images/cache/debs}"
mkdir -p "$out" "$cache"
rm -rf "$work"; mkdir -p "$work"
trap 'rm -rf --one-file-system "$work"' EXIT

mmdebstrap --variant=minbase --format=directory --skip=essential/unlink \
  --include=systemd-sysv,udev,dbus,cloud-init,locales,linux-image-cloud-amd64,qemu-guest-agent \
  --dpkgopt=force-unsafe-io --aptopt='Acquire::Languages "none"' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
  --setup-hook="sync-in $cache /var/cache/apt/archives/" \
  --customize-hook="sync-out /var/cache/apt/archives $cache" \
  --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb' \
  bookworm "$root" > "$work/mmdebstrap.log" 2>&1 || { tail -20 "$work/mmdebstrap.log" >&2; exit 1; }

kernel=$(cd "$root/boot" && ls vmlinuz-* | head -1)
initrd=$(cd "$root/boot" && ls initrd.img-* | head -1)
echo 'LABEL=rootfs / ext4 defaults,errors=remount-ro 0 1' > "$root/etc/fstab"
echo debian > "$root/etc/hostname"
: > "$root/etc/machine-id"
rm -f "$root"/etc/ssh/ssh_host_*
# Nothing may leave the host: no time sync, no apt timers (a stock image would have them).
for unit in systemd-timesyncd.service apt-daily.timer apt-daily-upgrade.timer; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done

MiB=1048576
size_mib=2048

# ext4 root filled from the directory, at a byte offset inside the disk file: no loop device.
ext4() { # DISK OFFSET_MIB
  mkfs.ext4 -q -F -L rootfs -d "$root" -E offset=$(( $2 * MiB )) "$1" "$(( (size_mib - $2 - 1) * 1024 ))k"
}

grubcfg() { # CONSOLE_ARGS
  printf 'set timeout=0\nsearch --no-floppy --label --set=root rootfs\nmenuentry debian {\n  linux /boot/%s root=LABEL=rootfs ro %s\n  initrd /boot/%s\n}\n' \
    "$kernel" "$1" "$initrd"
}

# --- UEFI: GPT, ESP 1..64 MiB, root 64 MiB..end
disk="$work/uefi.raw"
rm -f "$disk"; truncate -s ${size_mib}M "$disk"
mkdir -p "$root/boot/grub"
grubcfg "console=tty0 console=ttyS0,115200" > "$root/boot/grub/grub.cfg"
ln -sf /dev/null "$root/etc/systemd/system/qemu-guest-agent.service"
ext4 "$disk" 64
# GRUB for the ESP: a standalone image whose embedded config finds the root by label and reads its grub.cfg.
printf 'search --no-floppy --label --set=root rootfs\nset prefix=($root)/boot/grub\nconfigfile ($root)/boot/grub/grub.cfg\n' > "$work/embed.cfg"
grub-mkstandalone -O x86_64-efi -o "$work/BOOTX64.EFI" --modules="part_gpt ext2 search search_label configfile linux normal" \
  --locales= --themes= --fonts= "boot/grub/grub.cfg=$work/embed.cfg"
mkfs.vfat -F 32 -s 1 -n ESP --offset 2048 "$disk" $(( 63 * 1024 )) > /dev/null
mmd -i "$disk@@1M" ::/EFI ::/EFI/BOOT
mcopy -i "$disk@@1M" "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
# The partition table last: mkfs.vfat --offset clears the start of the file it is given.
sgdisk -n 1:1M:+63M -t 1:EF00 -c 1:esp -n 2:64M:0 -t 2:8300 -c 2:root "$disk" > /dev/null
qemu-img convert -f raw -O qcow2 "$disk" "$out/uefi.qcow2.tmp" && mv "$out/uefi.qcow2.tmp" "$out/uefi.qcow2"
rm -f "$disk"

# --- BIOS: MBR, root 1 MiB..end, GRUB in the gap before it
disk="$work/bios.raw"
rm -f "$disk"; truncate -s ${size_mib}M "$disk"
echo 'label: dos
start=2048, type=83, bootable' | sfdisk -q "$disk"
rm -f "$root/etc/systemd/system/qemu-guest-agent.service"
mkdir -p "$root/boot/grub/i386-pc"
cp /usr/lib/grub/i386-pc/*.mod /usr/lib/grub/i386-pc/*.lst "$root/boot/grub/i386-pc/"
grubcfg "console=tty0" > "$root/boot/grub/grub.cfg"
ext4 "$disk" 1
grub-mkimage -O i386-pc -o "$work/core.img" -p '(hd0,msdos1)/boot/grub' \
  biosdisk part_msdos ext2 search search_label configfile linux normal
# boot.img's code (not the partition table) into sector 0; core.img from sector 1, where boot.img's
# default kernel sector points and whose own default blocklist starts at sector 2 (as grub-install embeds).
dd if=/usr/lib/grub/i386-pc/boot.img of="$disk" bs=440 count=1 conv=notrunc status=none
core_sectors=$(( ($(stat -c %s "$work/core.img") + 511) / 512 ))
[ "$core_sectors" -lt 2047 ] || { echo "core.img does not fit before the partition" >&2; exit 1; }
dd if="$work/core.img" of="$disk" bs=512 seek=1 conv=notrunc status=none
qemu-img convert -f raw -O qcow2 "$disk" "$out/bios.qcow2.tmp" && mv "$out/bios.qcow2.tmp" "$out/bios.qcow2"
rm -f "$disk"
echo "built $out/uefi.qcow2 and $out/bios.qcow2 (kernel $kernel)"
