#!/bin/sh
# Runs on the host after mmdebstrap installed every package: $1 is the root filesystem,
# $2 the recipe directory. Prepares the image for a fast, quiet first boot.
set -eu
root="$1"
recipe="$2"

# cloud-init: NoCloud only, Ed25519 host keys only, no NTP.
install -m 0644 "$recipe/90-hyperlab.cfg" "$root/etc/cloud/cloud.cfg.d/90-hyperlab.cfg"
# Direct kernel boot: there is no GRUB to configure.
sed -i '/^ *- *grub[-_]dpkg *$/d' "$root/etc/cloud/cloud.cfg"
if grep -q 'grub[-_]dpkg' "$root/etc/cloud/cloud.cfg"; then
  echo "recipe: could not drop grub-dpkg from cloud.cfg" >&2; exit 1
fi

# Host keys made during the build would be shared by every guest: cloud-init makes fresh ones.
rm -f "$root"/etc/ssh/ssh_host_*

# Root filesystem by label, no fsck (every guest starts from a fresh overlay of a clean base).
echo 'LABEL=rootfs / ext4 defaults,errors=remount-ro 0 0' > "$root/etc/fstab"
echo hyperlab > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\thyperlab\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
# Each guest gets its own machine id on first boot.
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"

# Serial console login on ttyS0.
mkdir -p "$root/etc/systemd/system/getty.target.wants"
ln -sf /lib/systemd/system/serial-getty@.service \
  "$root/etc/systemd/system/getty.target.wants/serial-getty@ttyS0.service"

# networkd brings up whatever NIC a guest has (cloud-init renders its config); nothing waits for it.
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf /lib/systemd/system/systemd-networkd.service \
  "$root/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
# Units that wait for a network, sync time, or do maintenance that is pointless in a short-lived guest.
for unit in systemd-networkd-wait-online.service NetworkManager-wait-online.service \
            systemd-timesyncd.service apt-daily.timer apt-daily-upgrade.timer apt-daily.service \
            apt-daily-upgrade.service e2scrub_all.timer e2scrub_reap.service fstrim.timer \
            man-db.timer dpkg-db-backup.timer systemd-pstore.service; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done

# The essential hook listed virtio_pci/virtio_blk for mkinitramfs: check the kernel has them at boot,
# in the initrd or built in (trixie's cloud kernel builds them in, so they are not in the initrd).
for m in virtio_pci virtio_blk; do
  if ! grep -qs "/$m.ko" "$root"/lib/modules/*/modules.builtin \
     && ! chroot "$root" sh -c 'lsinitramfs /boot/initrd.img-*' | grep -q "/$m.ko"; then
    echo "recipe: $m is neither built into the kernel nor in the initrd" >&2; exit 1
  fi
done
