#!/usr/bin/env bash
# The whole test suite: sets up the host (idempotent), then unit tests (Surefire) and integration
# tests against the real libvirtd, QEMU and Podman (Failsafe). Run as root.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec mvn -B verify "$@"
