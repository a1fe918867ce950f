#!/bin/sh
# Runs on the host after the essential packages, before the kernel is installed: $1 is the root
# filesystem. Guests boot their kernel directly from a virtio disk (no SATA, no firmware), so the
# initrd needs only the virtio modules (ext4 and crc32c are built into the cloud kernel). Listing
# them instead of MODULES=most makes the initrd ~4x smaller: faster to build, and faster to unpack
# and probe under TCG. mkinitramfs reads both files below when the kernel package installs.
set -eu
mkdir -p "$1/usr/share/initramfs-tools/modules.d" "$1/etc/initramfs-tools/conf.d"
printf 'virtio_pci\nvirtio_blk\nvirtio_scsi\nsd_mod\n' > "$1/usr/share/initramfs-tools/modules.d/hyperlab.conf"
printf 'MODULES=list\n' > "$1/etc/initramfs-tools/conf.d/hyperlab.conf"
