#!/bin/sh
# hyperlab isolation probe: prints key=value lines about what this environment can see and do.
# POSIX sh with shell builtins only, plus readlink where present, so it runs unchanged on the
# host, in a container and in a VM. It only reads; it writes nothing anywhere.
echo "probe_version=1"
read -r v < /proc/sys/kernel/osrelease && echo "kernel=$v"
read -r v < /proc/sys/kernel/random/boot_id && echo "boot_id=$v"
read -r v < /proc/sys/kernel/hostname && echo "hostname=$v"
read -r v < /proc/1/comm && echo "pid1=$v"
set -- /proc/[0-9]*
echo "processes=$#"
for ns in pid net mnt uts ipc user cgroup; do
  if command -v readlink >/dev/null 2>&1; then
    echo "${ns}_ns=$(readlink /proc/self/ns/$ns 2>/dev/null)"
  fi
done
while IFS=: read -r k v; do
  set -- $v
  case "$k" in
    Uid) echo "uid=$1" ;;
    CapEff) echo "cap_eff=$1" ;;
    CapBnd) echo "cap_bnd=$1" ;;
    Seccomp) echo "seccomp=$1" ;;
    NoNewPrivs) echo "no_new_privs=$1" ;;
  esac
done < /proc/self/status
if [ -r /proc/sys/kernel/modules_disabled ]; then
  read -r v < /proc/sys/kernel/modules_disabled && echo "modules_disabled=$v"
else
  echo "modules_disabled=absent"
fi
if [ -w /proc/sys/kernel/hostname ]; then echo "proc_sys_writable=yes"; else echo "proc_sys_writable=no"; fi
procsys=""
while read -r dev mnt fstype opts rest; do
  case "$mnt" in
    /proc) [ -z "$procsys" ] && procsys="${opts%%,*}" ;;
    /proc/sys) procsys="${opts%%,*}" ;;
  esac
done < /proc/self/mounts
echo "proc_sys_mount=$procsys"
hv=no
while read -r line; do
  case "$line" in
    flags*hypervisor*) hv=yes; break ;;
  esac
done < /proc/cpuinfo
echo "hypervisor_flag=$hv"
read -r v < /proc/self/cgroup && echo "cgroup=$v"
ifs=""
while read -r line; do
  case "$line" in
    *:*) name="${line%%:*}"; ifs="$ifs${ifs:+,}$name" ;;
  esac
done < /proc/net/dev
echo "net_ifaces=$ifs"
echo "probe_done=1"
