#!/usr/bin/env bash
# Sets up a Debian/Ubuntu host for hyperlab, idempotently: installs what is missing, writes the
# Podman settings this kind of host needs, starts virtlogd, libvirtd and the Podman REST API, and
# waits until each answers. A second run on a ready host changes nothing and takes a few seconds.
#
#   scripts/setup.sh            set up (needs root for installing and starting daemons)
#   scripts/setup.sh --check    only report what is missing, change nothing
set -euo pipefail

CHECK_ONLY=0
[[ "${1:-}" == "--check" ]] && CHECK_ONLY=1

# Everything hyperlab and its test suite use. Keep in one place: the README and doctor point here.
PACKAGES=(
  # build and run
  openjdk-17-jdk-headless maven
  # VMs
  qemu-system-x86 qemu-utils libvirt-daemon-system libvirt-clients ovmf libxml2-utils virtinst
  # lab networks: libvirt runs dnsmasq for DHCP and DNS, iptables for NAT (scripts/sandbox.sh)
  dnsmasq-base iptables
  # hyperlab ssh runs OpenSSH's client; the lab test makes its key with ssh-keygen
  openssh-client
  # the guest agent on the host too: tests run it against a socket to check hyperlab's agent exec
  qemu-guest-agent
  # containers
  podman runc uidmap
  # images
  mmdebstrap e2fsprogs
  # stock-style test images (UEFI GPT with an ESP, BIOS MBR with GRUB), built without loop devices
  grub-efi-amd64-bin grub-pc-bin dosfstools mtools gdisk
  # cloud-init seeds, checked by the host's own tools in tests
  xorriso genisoimage cloud-init
  # compare: the same micro-benchmarks on the host as in the guests; procps for ps/pgrep
  sysbench fio stress-ng procps iproute2
  # end-to-end TUI tests
  tmux curl
  # man pages (asciidoctor turns picocli's AsciiDoc into roff), shell completion, `man`
  asciidoctor bash-completion man-db
)

PODMAN_SOCKET=/run/podman/podman.sock
LOG_DIR=/var/log/hyperlab
step() { printf '==> %s\n' "$*"; }
ok()   { printf '    ok: %s\n' "$*"; }

missing_packages() {
  # One dpkg-query for all packages: a second run of this script must stay fast.
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null | awk '/ install ok installed$/ {print $1}')
  local missing=()
  for p in "${PACKAGES[@]}"; do
    grep -qx "$p" <<<"$installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

step "checking packages"
MISSING=$(missing_packages)
if [[ -n "$MISSING" ]]; then
  if (( CHECK_ONLY )) || [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "    missing: $MISSING"
    echo "    install them with:"
    echo "      sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $MISSING"
    (( CHECK_ONLY )) && exit 1
    echo "    (this script installs them itself when run as root on Debian/Ubuntu)"
    exit 1
  fi
  step "installing: $MISSING"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $MISSING
else
  ok "all ${#PACKAGES[@]} packages present"
fi
(( CHECK_ONLY )) && exit 0
[[ $(id -u) -eq 0 ]] || { echo "run as root to start libvirtd and the Podman API"; exit 1; }

mkdir -p "$LOG_DIR"
has_systemd() { [[ "$(ps -p 1 -o comm= 2>/dev/null)" == "systemd" ]]; }

wait_for() { # description, seconds, command...
  local what=$1 secs=$2; shift 2
  for ((i = 0; i < secs * 10; i++)); do
    if "$@" >/dev/null 2>&1; then ok "$what answers"; return 0; fi
    sleep 0.1
  done
  echo "    FAIL: $what did not answer within ${secs}s"; return 1
}

# --- /dev/kvm ----------------------------------------------------------------------------------
# Without udev, /dev/kvm stays root:root 0600 and libvirt re-probes QEMU's capabilities on every
# define (40 s here instead of 0.1 s). Debian's udev rule makes it root:kvm 0660; do the same.
if [[ -e /dev/kvm ]] && getent group kvm >/dev/null && [[ "$(stat -c '%G %a' /dev/kvm)" != "kvm 660" ]]; then
  chgrp kvm /dev/kvm && chmod 0660 /dev/kvm && ok "/dev/kvm is root:kvm 0660"
fi

# --- libvirt -----------------------------------------------------------------------------------
step "libvirt"
if has_systemd; then
  systemctl start virtlogd.socket libvirtd.socket libvirtd.service
else
  mkdir -p /var/log/libvirt /run/libvirt
  # virtlogd backs <serial type='file'> and console logs; without it QEMU domains fail to start.
  pgrep -x virtlogd >/dev/null || { virtlogd -d; ok "started virtlogd"; }
  pgrep -x libvirtd >/dev/null || { libvirtd -d; ok "started libvirtd"; }
fi
# "virsh uri" answers once the daemon accepts connections; "version" would also re-probe QEMU (seconds).
wait_for "libvirtd (qemu:///system)" 30 virsh -c qemu:///system uri
# Tests and demos never use libvirt's NAT network (see the network rule in docs).
if virsh -c qemu:///system net-info default 2>/dev/null | grep -q 'Active:.*yes'; then
  virsh -c qemu:///system net-autostart default --disable >/dev/null 2>&1 || true
fi

# --- Podman ------------------------------------------------------------------------------------
step "podman"
CONF=/etc/containers/containers.conf
# crun refuses cgroups in hybrid mode, Podman's default ulimits exceed what this host allows,
# and without systemd there is no journald and no systemd cgroup manager.
# The hard limits differ between sessions of one machine (this shell saw nproc 96365 where runc
# could set no more than 32768), so stay well below them: 4096 is plenty for a lab container.
HARD_NOFILE=$(ulimit -Hn); HARD_NPROC=$(ulimit -Hu)
NOFILE=4096; [[ "$HARD_NOFILE" != unlimited ]] && (( HARD_NOFILE < NOFILE )) && NOFILE=$HARD_NOFILE
NPROC=4096; [[ "$HARD_NPROC" != unlimited ]] && (( HARD_NPROC < NPROC )) && NPROC=$HARD_NPROC
MANAGER=cgroupfs; LOGGER=file
has_systemd && { MANAGER=systemd; LOGGER=journald; }
WANT=$(cat <<CONFEOF
# Written by hyperlab scripts/setup.sh. Remove this file to go back to Podman's defaults.
[containers]
default_ulimits = ["nofile=${NOFILE}:${NOFILE}", "nproc=${NPROC}:${NPROC}"]
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "${MANAGER}"
events_logger = "${LOGGER}"
CONFEOF
)
if [[ -f "$CONF" ]] && ! grep -q 'Written by hyperlab' "$CONF" && grep -qv '^\s*#' "$CONF" 2>/dev/null && grep -q '^\s*\[' "$CONF"; then
  echo "    $CONF has settings of its own; leaving it as it is. hyperlab needs: runtime=runc, explicit ulimits."
elif [[ "$(cat "$CONF" 2>/dev/null)" != "$WANT" ]]; then
  printf '%s\n' "$WANT" > "$CONF"; ok "wrote $CONF"
else
  ok "$CONF up to date"
fi

# systemd in a system container takes 5-6 inotify instances (PID 1, logind, dbus), and rootful
# containers without a user namespace all count against root's fs.inotify.max_user_instances: the
# default 128 holds 25 system containers (measured); the next boots with path units failed. LXD's
# production settings raise it the same way. `compare --density` stops before it and says so.
INOTIFY_INSTANCES=8192
if (( $(cat /proc/sys/fs/inotify/max_user_instances) < INOTIFY_INSTANCES )); then
  sysctl -qw fs.inotify.max_user_instances=$INOTIFY_INSTANCES && ok "fs.inotify.max_user_instances = $INOTIFY_INSTANCES"
  if [[ -d /etc/sysctl.d ]]; then # kept across reboots where something applies sysctl.d
    printf '# Written by hyperlab scripts/setup.sh: system containers need more than 128.\nfs.inotify.max_user_instances = %s\n' \
      "$INOTIFY_INSTANCES" >/etc/sysctl.d/60-hyperlab.conf
  fi
else
  ok "fs.inotify.max_user_instances = $(cat /proc/sys/fs/inotify/max_user_instances)"
fi

podman_api_up() { curl -sf --unix-socket "$PODMAN_SOCKET" http://d/_ping; }
if ! podman_api_up >/dev/null 2>&1; then
  if has_systemd && systemctl list-unit-files podman.socket >/dev/null 2>&1; then
    systemctl start podman.socket
  else
    mkdir -p "$(dirname "$PODMAN_SOCKET")"
    rm -f "$PODMAN_SOCKET"
    # From /: the service's conmon children need its working directory, and a checkout it was
    # started in may be deleted while it runs ("conmon: Failed to get working directory").
    (cd / && nohup podman system service --time=0 "unix://$PODMAN_SOCKET" >>"$LOG_DIR/podman-service.log" 2>&1 &)
    ok "started the Podman API service"
  fi
fi
wait_for "Podman API ($PODMAN_SOCKET)" 30 podman_api_up

# --- hyperlab on PATH ---------------------------------------------------------------------------
# A launcher in /usr/local/bin that runs this checkout's ./hyperlab (which builds the jar when it is
# missing or older than the sources), and the completions and man pages generated from that jar.
# Under /usr/local, not /usr: the .deb of scripts/package.sh owns the /usr paths, and removing it
# must not take these along.
step "hyperlab on PATH"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAUNCHER=/usr/local/bin/hyperlab
WANT_LAUNCHER=$(printf '#!/bin/sh\n# Installed by %s/scripts/setup.sh: the checkout'"'"'s launcher builds hyperlab when needed.\nexec %s/hyperlab "$@"\n' "$ROOT" "$ROOT")
if [[ "$(cat "$LAUNCHER" 2>/dev/null)" != "$WANT_LAUNCHER" ]]; then
  printf '%s\n' "$WANT_LAUNCHER" >"$LAUNCHER" && chmod 0755 "$LAUNCHER" && ok "wrote $LAUNCHER"
else
  ok "$LAUNCHER up to date"
fi
"$ROOT/hyperlab" --version >/dev/null   # builds the jar if needed
JAR="$ROOT/tui/target/hyperlab.jar"
SHARE=/usr/local/share
STAMP="$SHARE/hyperlab/native-files.stamp"
if [[ "$(cat "$STAMP" 2>/dev/null)" != "$(stat -c '%s %Y' "$JAR")" ]]; then
  NF=$(mktemp -d)
  "$ROOT/scripts/native-files.sh" "$JAR" "$NF" >/dev/null
  install -Dm0644 "$NF/completions/hyperlab.bash" "$SHARE/bash-completion/completions/hyperlab"
  install -Dm0644 "$NF/completions/_hyperlab" "$SHARE/zsh/site-functions/_hyperlab"
  install -Dm0644 "$NF/completions/hyperlab.fish" "$SHARE/fish/vendor_completions.d/hyperlab.fish"
  mkdir -p "$SHARE/man/man1" && rm -f "$SHARE"/man/man1/hyperlab*.1.gz
  install -m0644 "$NF"/man/man1/*.1.gz "$SHARE/man/man1/"
  rm -rf "$NF"
  mkdir -p "$(dirname "$STAMP")" && stat -c '%s %Y' "$JAR" >"$STAMP"
  ok "completions (bash, zsh, fish) and $(ls "$SHARE"/man/man1/hyperlab*.1.gz | wc -l) man pages in $SHARE"
else
  ok "completions and man pages up to date"
fi

step "ready"
