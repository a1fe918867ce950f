#!/usr/bin/env bash
# A second libvirt host on this machine, for multi-host tests, benchmarks and trying migration
# without a second machine: its own libvirtd and virtlogd in a private mount namespace, with their
# own /run/libvirt, /etc/libvirt, /var/lib/libvirt, /var/log/libvirt, /var/cache/libvirt and
# /var/lib/hyperlab (a real second host shares none of these; a shared pool directory would make
# --copy-storage copy a disk onto itself), and a host UUID of its own (libvirt refuses a migration
# to a host with the same UUID). It listens on 127.0.0.1 only, TCP without authentication, so
# nothing outside this machine can reach it. Migration streams go over 127.0.0.1 too.
#
#   scripts/second-host.sh up       start it (idempotent); the last line printed is its URI
#   scripts/second-host.sh down     stop it and remove its state (guests on it are destroyed)
#   scripts/second-host.sh status   running or not, and its URI
#   scripts/second-host.sh exec CMD run CMD in its mount namespace (sees its files, e.g. its pool)
#
# HYPERLAB_SECOND_HOST_PORT picks the TCP port (default 16510; the first host keeps 16509).
set -euo pipefail

PORT=${HYPERLAB_SECOND_HOST_PORT:-16510}
STATE=/var/lib/hyperlab-second-host
RUN=/run/hyperlab-second-host
URI="qemu+tcp://127.0.0.1:$PORT/system"

say() { printf 'second-host: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "needs root (it starts a libvirtd)"
[[ "$PORT" =~ ^[0-9]{4,5}$ ]] && (( PORT > 1024 && PORT < 65536 )) || die "bad HYPERLAB_SECOND_HOST_PORT '$PORT'"

holder_pid() { # the process that keeps the mount namespace (the second libvirtd)
  local pid
  pid=$(cat "$RUN/libvirtd.pid" 2>/dev/null) || return 1
  [[ -n "$pid" && -d /proc/$pid ]] && grep -q libvirtd "/proc/$pid/comm" 2>/dev/null && echo "$pid"
}

answers() { virsh -c "$URI" uri >/dev/null 2>&1; }

up() {
  if holder_pid >/dev/null && answers; then
    say "already running"
    echo "$URI"
    return 0
  fi
  command -v libvirtd >/dev/null || die "libvirtd is missing; run scripts/setup.sh first"
  # Its libvirtd died (killed by hand, or a test that kills libvirtd): its virtlogd still holds the pid
  # file and would make the new one fail. Stop that one first (by its pid file; it writes only logs).
  local old
  old=$(cat "$RUN/virtlogd.pid" 2>/dev/null || true)
  if [[ -n "$old" && -d /proc/$old ]] && grep -q virtlogd "/proc/$old/comm" 2>/dev/null; then
    say "its libvirtd is gone; stopping its old virtlogd ($old)"
    kill "$old" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do [[ -d /proc/$old ]] || break; sleep 0.1; done
  fi
  mkdir -p "$RUN" "$STATE"/{etc,lib,log,cache,hyperlab,run}
  # Its own configuration: the host's, with TCP on loopback, no auth there, and its own UUID.
  if [[ ! -f "$STATE/etc/libvirtd.conf" ]]; then
    cp -a /etc/libvirt/. "$STATE/etc/"
    local uuid
    uuid=$(cat /proc/sys/kernel/random/uuid)
    cat >>"$STATE/etc/libvirtd.conf" <<CONF

# Written by hyperlab scripts/second-host.sh: a second host on loopback only.
listen_tls = 0
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$PORT"
auth_tcp = "none"
host_uuid = "$uuid"
CONF
  fi
  # unshare -m gives the daemons a mount namespace of their own; the binds below are visible only
  # there. The daemons outlive this shell, and with them the namespace.
  unshare -m --propagation private -- bash -euo pipefail -c '
    S=$1
    # Not to be inherited by the daemons (a lock held around this script, say).
    for fd in $(ls /proc/$BASHPID/fd); do (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null || true; done
    mount --bind "$S/etc" /etc/libvirt
    mount --bind "$S/lib" /var/lib/libvirt
    mount --bind "$S/log" /var/log/libvirt
    mkdir -p /var/cache/libvirt && mount --bind "$S/cache" /var/cache/libvirt
    mount --bind "$S/run" /run/libvirt
    mkdir -p /var/lib/hyperlab && mount --bind "$S/hyperlab" /var/lib/hyperlab
    mkdir -p /var/lib/libvirt/qemu /var/lib/libvirt/images /var/cache/libvirt/qemu /run/libvirt/qemu
    chown -R libvirt-qemu:kvm /var/lib/libvirt/qemu 2>/dev/null || true
    # Own pid files: the first host'"'"'s daemons hold the default ones in /run.
    virtlogd -d -p "$2/virtlogd.pid"
    libvirtd -d --listen -p "$2/libvirtd.pid"
  ' _ "$STATE" "$RUN"
  for ((i = 0; i < 300; i++)); do
    answers && break
    sleep 0.1
  done
  answers || die "its libvirtd did not answer on $URI (see $STATE/log)"
  local first second
  first=$(virsh -c qemu:///system capabilities 2>/dev/null | sed -n 's:.*<uuid>\(.*\)</uuid>.*:\1:p' | head -1)
  second=$(virsh -c "$URI" capabilities | sed -n 's:.*<uuid>\(.*\)</uuid>.*:\1:p' | head -1)
  [[ "$first" != "$second" ]] || die "both hosts report UUID $first; migration would be refused"
  say "running: host UUID $second, state in $STATE"
  echo "$URI"
}

down() {
  local pid
  if pid=$(holder_pid); then
    # Guests of the second host die with it: it is a test host, and its disks go with its state.
    virsh -c "$URI" list --name 2>/dev/null | while read -r d; do
      [[ -n "$d" ]] && virsh -c "$URI" destroy "$d" >/dev/null 2>&1 || true
    done
    local logd
    logd=$(cat "$RUN/virtlogd.pid" 2>/dev/null || true)
    kill "$pid" 2>/dev/null || true
    [[ -n "$logd" ]] && kill "$logd" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      [[ -d /proc/$pid ]] || break
      sleep 0.1
    done
    [[ -d /proc/$pid ]] && kill -9 "$pid" 2>/dev/null || true
    say "stopped"
  fi
  rm -rf "$STATE" "$RUN"
  say "removed its state"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status)
    if holder_pid >/dev/null && answers; then echo "running: $URI"; else echo "stopped"; fi ;;
  exec)
    shift
    [[ $# -gt 0 ]] || die "usage: $0 exec CMD [ARGS...]"
    pid=$(holder_pid) || die "not running: run '$0 up' first"
    exec nsenter -t "$pid" -m -- "$@" ;;
  *) echo "usage: $0 up|down|status|exec CMD..." >&2; exit 2 ;;
esac
