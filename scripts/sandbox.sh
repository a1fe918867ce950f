#!/usr/bin/env bash
# A network sandbox for lab tests, benchmarks and demos: libvirtd, virtlogd and the Podman API run
# inside a network namespace this script creates, so lab networks, bridges, DHCP, QEMU and
# containers with private addresses exist only there. Nothing of them reaches the host's own
# network; the daemons' unix sockets live in the filesystem, so hyperlab and virsh still connect
# from the host namespace as usual.
#
#   scripts/sandbox.sh up          create the namespace and move the daemons into it (idempotent)
#   scripts/sandbox.sh down        move the daemons back to the host namespace, remove it (idempotent)
#   scripts/sandbox.sh exec CMD..  run CMD inside the namespace (same filesystem and cgroups), e.g.
#                                  scripts/sandbox.sh exec ./hyperlab ssh web -- hostname
#   scripts/sandbox.sh status      say where the daemons run
#
# HYPERLAB_SANDBOX names the namespace (default hyperlab-sandbox). Needs root. Daemons are started
# with nsenter --net only: 'ip netns exec' remounts /sys, which hides /sys/fs/cgroup, and runc then
# fails with "no cgroup mount found in mountinfo".
set -euo pipefail

NS=${HYPERLAB_SANDBOX:-hyperlab-sandbox}
NS_PATH=/run/netns/$NS
PODMAN_SOCKET=/run/podman/podman.sock
LOG_DIR=/var/log/hyperlab

say() { printf 'sandbox: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "needs root (it creates a network namespace and restarts libvirtd and Podman)"
[[ "$NS" =~ ^[a-zA-Z0-9_.-]{1,64}$ ]] || die "bad HYPERLAB_SANDBOX '$NS': use letters, digits, '.', '_' and '-'"

podman_pids() { pgrep -f '^podman system service' || true; }
daemon_pids() { { pgrep -x virtlogd; pgrep -x libvirtd; podman_pids; } 2>/dev/null || true; }

ns_inode() { [[ -e "$NS_PATH" ]] && stat -L -c %i "$NS_PATH" 2>/dev/null; }
# The namespace this script runs in: the host's (PID 1 may not be readable here).
host_inode() { stat -L -c %i /proc/$$/ns/net; }
# The network namespace inode a process lives in.
pid_inode() { readlink "/proc/$1/ns/net" 2>/dev/null | tr -dc '0-9'; }

# All three daemons run and live in the namespace whose inode is $1.
daemons_in() {
  local want=$1 pid n=0
  for pid in $(pgrep -x virtlogd) $(pgrep -x libvirtd) $(podman_pids); do
    [[ "$(pid_inode "$pid")" == "$want" ]] || return 1
    n=$((n + 1))
  done
  (( n >= 3 ))
}

wait_for() { # what, seconds, command...
  local what=$1 secs=$2 i; shift 2
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "$what did not answer within ${secs}s"
}

stop_daemons() {
  local pids
  pids=$(daemon_pids)
  [[ -z "$pids" ]] && return 0
  # libvirtd leaves running QEMU guests alone when it stops, and finds them again when it starts.
  # shellcheck disable=SC2086
  kill $pids 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    [[ -z "$(daemon_pids)" ]] && return 0
    sleep 0.1
  done
  # shellcheck disable=SC2046
  kill -9 $(daemon_pids) 2>/dev/null || true
  sleep 0.2
}

# Daemons must not inherit this shell's other descriptors: a daemon started under
# 'flock FILE scripts/sandbox.sh up' would otherwise hold that lock for as long as it runs.
close_extra_fds() {
  local fd
  for fd in $(ls /proc/$BASHPID/fd); do
    (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null || true
  done
}

# Starts the daemons with "$@" as a prefix (nothing for the host namespace, nsenter for the sandbox).
start_daemons() {
  close_extra_fds
  # From /: podman's conmon children need the service's working directory, and the checkout (or a
  # test's directory) this script runs in may be deleted while the daemons run on.
  cd /
  mkdir -p /var/log/libvirt /run/libvirt "$LOG_DIR" "$(dirname "$PODMAN_SOCKET")"
  "$@" virtlogd -d
  "$@" libvirtd -d
  wait_for "libvirtd" 30 virsh -c qemu:///system uri
  rm -f "$PODMAN_SOCKET"
  # With CONTAINER_HOST set the podman CLI runs in remote mode and 'system service' refuses to start.
  env -u CONTAINER_HOST -u DOCKER_HOST nohup "$@" podman system service --time=0 "unix://$PODMAN_SOCKET" \
    >>"$LOG_DIR/podman-service.log" 2>&1 &
  wait_for "the Podman API" 30 curl -sf --unix-socket "$PODMAN_SOCKET" http://d/_ping
}

up() {
  if [[ ! -e "$NS_PATH" ]]; then
    ip netns add "$NS"
    say "created network namespace $NS"
  fi
  ip netns exec "$NS" ip link set lo up
  local inode
  inode=$(ns_inode)
  if daemons_in "$inode"; then
    say "daemons already run in $NS"
    return 0
  fi
  stop_daemons
  start_daemons nsenter --net="$NS_PATH" --
  daemons_in "$inode" || die "the daemons did not come up inside $NS"
  say "libvirtd, virtlogd and the Podman API run in $NS; run clients that reach guest addresses with: $0 exec CMD"
}

down() {
  local host
  host=$(host_inode)
  if [[ -e "$NS_PATH" ]] || ! daemons_in "$host"; then
    stop_daemons
    start_daemons
  fi
  if [[ -e "$NS_PATH" ]]; then
    # Anything still holding the namespace (a guest's QEMU, a container) keeps it alive after the
    # name is gone, invisible to 'ip netns'; say so rather than leave it unnoticed.
    local holders=()
    for p in /proc/[0-9]*; do
      [[ "$(pid_inode "${p#/proc/}")" == "$(ns_inode)" ]] && holders+=("${p#/proc/}")
    done
    ip netns del "$NS"
    (( ${#holders[@]} )) && say "still inside the removed namespace: pids ${holders[*]} (guests left running?)"
    say "removed network namespace $NS"
  fi
  daemons_in "$host" || die "the daemons did not come back in the host namespace"
  say "daemons run in the host namespace"
}

status() {
  local inode
  inode=$(ns_inode || true)
  if [[ -n "$inode" ]] && daemons_in "$inode"; then
    echo "up: daemons run in network namespace $NS"
  elif [[ -n "$inode" ]]; then
    echo "half: namespace $NS exists, daemons are not (all) in it; run '$0 up' or '$0 down'"
  else
    echo "down: no namespace $NS"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  exec)
    shift
    [[ $# -gt 0 ]] || die "usage: $0 exec CMD [ARGS...]"
    [[ -e "$NS_PATH" ]] || die "no sandbox: run '$0 up' first"
    exec nsenter --net="$NS_PATH" -- "$@"
    ;;
  *) echo "usage: $0 up|down|status|exec CMD..." >&2; exit 2 ;;
esac
