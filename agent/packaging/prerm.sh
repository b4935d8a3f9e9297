#!/bin/sh
# prerm of the hivewatch-agent .deb: stops the service before its files go (remove, not upgrade).
set -eu
if [ "${1:-}" = remove ] && [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then
  systemctl disable --now hivewatch-agent >/dev/null 2>&1 || true
fi
exit 0
