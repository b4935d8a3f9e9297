#!/bin/sh
# Installs the Hivewatch agent bundle on this host (run as root).
#   HUB_URL=https://hub.example.com ENROLLMENT_KEY=hwe_... sh install.sh [path/to/hivewatch-agent.cjs]
# Optional: CAPABILITIES=services-restart  INTERVAL=5  CA_FILE=/path/ca.pem  PREFIX=/tmp/root (no service)
set -eu
bundle="${1:-$(dirname "$0")/../../dist/agent/hivewatch-agent.cjs}"
prefix="${PREFIX:-}"
here="$(cd "$(dirname "$0")" && pwd)"
: "${HUB_URL:?set HUB_URL to the hub address}"
command -v node >/dev/null || { echo "node (>= 20.19) is required" >&2; exit 1; }
[ -f "$bundle" ] || { echo "bundle not found: $bundle (npm run build:agent)" >&2; exit 1; }

install -d -m 0755 "$prefix/opt/hivewatch-agent" "$prefix/etc/hivewatch"
install -m 0755 "$bundle" "$prefix/opt/hivewatch-agent/hivewatch-agent.cjs"
config="$prefix/etc/hivewatch/agent.json"
if [ ! -f "$config" ]; then
  # The enrollment key is a secret: the config file is created 0600 and the key never goes on a command line.
  umask 077
  caps="$(printf '%s' "${CAPABILITIES:-}" | sed 's/[^A-Za-z,-]//g; s/,/","/g')"
  {
    printf '{\n  "hubUrl": "%s",\n' "$HUB_URL"
    [ -n "${ENROLLMENT_KEY:-}" ] && printf '  "enrollmentKey": "%s",\n' "$ENROLLMENT_KEY"
    [ -n "${CA_FILE:-}" ] && printf '  "caFile": "%s",\n' "$CA_FILE"
    [ -n "$caps" ] && printf '  "capabilities": ["%s"],\n' "$caps"
    printf '  "stateFile": "%s/var/lib/hivewatch-agent/state.json",\n' "$prefix"
    printf '  "metricsInterval": %s\n}\n' "${INTERVAL:-5}"
  } > "$config"
fi
if [ -z "$prefix" ]; then
  id hivewatch-agent >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin hivewatch-agent
  chown hivewatch-agent:hivewatch-agent "$config" && chmod 0600 "$config"
  chown hivewatch-agent:hivewatch-agent "$prefix/etc/hivewatch"
  install -m 0644 "$here/hivewatch-agent.service" /etc/systemd/system/hivewatch-agent.service
  case ",${CAPABILITIES:-}," in
    *,services-restart,*) install -d /etc/polkit-1/rules.d && install -m 0644 "$here/hivewatch-agent.rules" /etc/polkit-1/rules.d/50-hivewatch-agent.rules ;;
  esac
  systemctl daemon-reload
  systemctl enable --now hivewatch-agent
  echo "hivewatch-agent installed and started: journalctl -u hivewatch-agent -f"
else
  install -d -m 0700 "$prefix/var/lib/hivewatch-agent"
  echo "installed under $prefix (no service): node $prefix/opt/hivewatch-agent/hivewatch-agent.cjs --config $config"
fi
