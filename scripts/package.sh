#!/usr/bin/env bash
# Builds the Debian package dist/hyperlab_<version>_all.deb: the launcher, the jar, the shell
# completions and the man pages, all generated from one build.
#
#   scripts/package.sh                 build the jar (mvn package) and the package
#   scripts/package.sh --jar JAR       package an existing jar (CI: the one `mvn verify` built)
#   scripts/package.sh --out DIR       write the .deb to DIR instead of dist/
#
# A plain dpkg-deb package of an architecture-independent jar that depends on the distribution's
# Java 17, not jpackage with a jlinked runtime: Debian's OpenJDK gets security updates through
# apt, the package stays a few tens of MB and Architecture: all, and the launcher is the same
# script as the checkout's ./hyperlab. Install: apt-get install ./dist/hyperlab_*.deb
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="" OUT="$ROOT/dist"
while (( $# )); do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: scripts/package.sh [--jar JAR] [--out DIR]" >&2; exit 2 ;;
  esac
done
if [[ -z "$JAR" ]]; then
  mvn -B -q -f "$ROOT/pom.xml" -DskipTests package
  JAR="$ROOT/tui/target/hyperlab.jar"
fi
[[ -f "$JAR" ]] || { echo "package: no jar at $JAR" >&2; exit 1; }

# The project version, as Debian spells it: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT (sorts before 0.1.0).
POM_VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)
VERSION=${POM_VERSION//-/\~}

TREE=$(mktemp -d)
trap 'rm -rf "$TREE"' EXIT
PKG="$TREE/hyperlab"
install -Dm0644 "$JAR" "$PKG/usr/share/hyperlab/hyperlab.jar"
install -Dm0755 "$ROOT/hyperlab" "$PKG/usr/share/hyperlab/hyperlab"
mkdir -p "$PKG/usr/bin"
cat >"$PKG/usr/bin/hyperlab" <<'LAUNCHER'
#!/bin/sh
# hyperlab from the Debian package: the checkout's launcher, on the packaged jar (nothing to build).
HYPERLAB_JAR=/usr/share/hyperlab/hyperlab.jar exec /usr/share/hyperlab/hyperlab "$@"
LAUNCHER
chmod 0755 "$PKG/usr/bin/hyperlab"

"$ROOT/scripts/native-files.sh" "$JAR" "$TREE/native" >/dev/null
install -Dm0644 "$TREE/native/completions/hyperlab.bash" "$PKG/usr/share/bash-completion/completions/hyperlab"
install -Dm0644 "$TREE/native/completions/_hyperlab" "$PKG/usr/share/zsh/vendor-completions/_hyperlab"
install -Dm0644 "$TREE/native/completions/hyperlab.fish" "$PKG/usr/share/fish/vendor_completions.d/hyperlab.fish"
mkdir -p "$PKG/usr/share/man/man1"
install -m0644 "$TREE"/native/man/man1/*.1.gz "$PKG/usr/share/man/man1/"
install -Dm0644 /dev/stdin "$PKG/usr/share/doc/hyperlab/copyright" <<'COPYRIGHT'
hyperlab: VMs and containers side by side, measured on your own host.
Bundled libraries keep their own licenses (see META-INF in /usr/share/hyperlab/hyperlab.jar).
COPYRIGHT

# Depends: what the program needs to start. Recommends: what scripts/setup.sh installs for it to
# drive guests (QEMU, libvirt, Podman, image tools, completion and man); Suggests: the rest of
# setup's list (benchmarks, checks, tests). Only the build tools are left out (DebPackageIT checks).
mkdir -p "$PKG/DEBIAN"
cat >"$PKG/DEBIAN/control" <<CONTROL
Package: hyperlab
Version: $VERSION
Architecture: all
Maintainer: hyperlab developers <hyperlab@localhost>
Section: admin
Priority: optional
Installed-Size: $(du -sk "$PKG/usr" | cut -f1)
Depends: openjdk-17-jre-headless | java17-runtime-headless, bash
Recommends: qemu-system-x86, qemu-utils, libvirt-daemon-system, libvirt-clients, ovmf, dnsmasq-base, iptables, openssh-client, podman, runc, uidmap, mmdebstrap, e2fsprogs, procps, iproute2, bash-completion, man-db
Suggests: virtinst, libxml2-utils, qemu-guest-agent, grub-efi-amd64-bin, grub-pc-bin, dosfstools, mtools, gdisk, xorriso, genisoimage, cloud-init, sysbench, fio, stress-ng, tmux, curl
Homepage: https://example.invalid/hyperlab
Description: local VMs and containers side by side, measured
 hyperlab defines, boots, snapshots and removes QEMU guests through libvirt and
 runs containers through Podman's or Docker's REST API, from the same image with
 the same cloud-init, and measures what isolation costs on your own host.
 It has a terminal UI, a CLI with shell completion, and man pages.
CONTROL

mkdir -p "$OUT"
DEB="$OUT/hyperlab_${VERSION}_all.deb"
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
