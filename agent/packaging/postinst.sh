#!/bin/sh
# postinst of the hivewatch-agent .deb (build-deb.mjs inlines configure-agent.sh below). Creates the
# service user and, when the install was given a hub and credentials in the environment
#   HIVEWATCH_HUB_URL=https://hub HIVEWATCH_ENROLLMENT_KEY=hwe_… dpkg -i hivewatch-agent-linux-x64.deb
# writes /etc/hivewatch/agent.json and starts the service (when systemd is running). DPKG_ROOT (dpkg
# --root with --force-script-chrootless) installs under another root: no user, no service.
set -eu

root="${DPKG_ROOT:-}"
root="${root%/}"
hub="${HIVEWATCH_HUB_URL:-}"
hub="${hub%/}"
etc=/etc/hivewatch
state=/var/lib/hivewatch-agent
user=hivewatch-agent
lib=/usr/lib/hivewatch

say() { printf 'hivewatch-agent: %s\n' "$*"; }
fail() {
  printf 'hivewatch-agent: %s\n' "$*" >&2
  exit 1
}

@HIVEWATCH_AGENT_CONFIGURE@

[ "${1:-}" = configure ] || exit 0
install -d -m 0750 "$root$etc"
install -d -m 0700 "$root$state"
if [ -f "$root$etc/agent.json" ]; then
  say "kept the existing configuration $etc/agent.json"
elif [ -n "$hub" ]; then
  case "$hub" in http://* | https://*) ;; *) fail "HIVEWATCH_HUB_URL must start with http:// or https://" ;; esac
  case "$hub" in *[!]A-Za-z0-9.:/_~%[-]*) fail "unexpected characters in HIVEWATCH_HUB_URL" ;; esac
  take_credentials
  configure
  case ",${HIVEWATCH_AGENT_CAPABILITIES:-}," in
    *,services-restart,*)
      install -d -m 0755 "$root/etc/polkit-1/rules.d"
      install -m 0644 "$root/usr/share/hivewatch-agent/hivewatch-agent.rules" "$root/etc/polkit-1/rules.d/50-hivewatch-agent.rules"
      ;;
  esac
else
  say "not configured yet (no HIVEWATCH_HUB_URL): set it and HIVEWATCH_ENROLLMENT_KEY, then"
  say "  dpkg-reconfigure hivewatch-agent   (or run the hub's install-agent.sh)"
fi
if [ -n "$root" ]; then
  say "installed under $root: no service user, no service (DPKG_ROOT is set)"
  [ -f "$root$etc/agent.json" ] && say "start the agent with: $root$lib/hivewatch-agent --config $root$etc/agent.json"
  exit 0
fi
id "$user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir "$state" --shell /usr/sbin/nologin "$user"
chown -R "$user:$user" "$etc" "$state"
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable hivewatch-agent >/dev/null 2>&1 || true
  [ -f "$etc/agent.json" ] && systemctl restart hivewatch-agent
  say "journalctl -u hivewatch-agent -f shows the agent"
else
  say "systemd is not running on this host: the unit is installed but not started"
  [ -f "$etc/agent.json" ] && say "start the agent with: runuser -u $user -- $lib/hivewatch-agent --config $etc/agent.json"
fi
exit 0
