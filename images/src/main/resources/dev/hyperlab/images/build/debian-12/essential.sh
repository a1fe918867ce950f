#!/bin/sh
# Runs on the host after the essential packages, before the kernel is installed: $1 is the root
# filesystem. The initrd must find a virtio disk (direct kernel boot, no SATA): list the modules
# where mkinitramfs reads them, so the initrd built when the kernel installs already has them.
set -eu
mkdir -p "$1/usr/share/initramfs-tools/modules.d"
printf 'virtio_pci\nvirtio_blk\n' > "$1/usr/share/initramfs-tools/modules.d/hyperlab.conf"
