#!/bin/sh
# Installs the Hivewatch agent on this Linux host. The hub serves this script at /install-agent.sh
# with its own address filled in; run it as root, with the credentials in the environment (never in
# a URL or on a command line, where every local user can read them):
#   HIVEWATCH_ENROLLMENT_KEY=hwe_… sh -c "$(curl -fsSL https://hub.example.com/install-agent.sh)"
# or, for a server added in the console (its id and agent token):
#   HIVEWATCH_AGENT_ID=… HIVEWATCH_AGENT_TOKEN=hwa_… sh -c "$(curl -fsSL https://hub.example.com/install-agent.sh)"
# Optional: HIVEWATCH_AGENT_CAPABILITIES=services-restart,…  HIVEWATCH_AGENT_INTERVAL=5
#           HIVEWATCH_HUB_URL=https://…  (another address for this hub)
#           INSTALL_ROOT=/tmp/root  (install under another root: no user, no service)
# It downloads the one-file agent for this platform from the hub, checks its SHA-256, installs it
# in /usr/local/lib/hivewatch (linked from /usr/local/bin), writes /etc/hivewatch (the secret in a
# 0600 file the agent reads at start), the hardened systemd unit and, with services-restart, the
# polkit rule; then starts the service when systemd is running. A second run upgrades the executable
# and the unit and keeps the existing configuration.
set -eu

main() {
  hub="${HIVEWATCH_HUB_URL:-@HIVEWATCH_HUB_URL@}"
  hub="${hub%/}"
  root="${INSTALL_ROOT:-}"
  root="${root%/}"
  lib=/usr/local/lib/hivewatch
  etc=/etc/hivewatch
  state=/var/lib/hivewatch-agent
  user=hivewatch-agent

  case "$hub" in
    http://* | https://*) ;;
    *) fail "HIVEWATCH_HUB_URL must start with http:// or https:// (got '$hub')" ;;
  esac
  case "$hub" in *[!]A-Za-z0-9.:/_~%[-]*) fail "unexpected characters in the hub URL" ;; esac
  if [ -z "$root" ] && [ "$(id -u)" != 0 ]; then fail "run as root (or set INSTALL_ROOT to install under another root)"; fi

  take_credentials
  platform="$(detect_platform)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT INT TERM
  say "downloading the agent for $platform from $hub"
  fetch "$hub/api/v1/agent/download/$platform" "$work/hivewatch-agent"
  fetch "$hub/api/v1/agent/download/$platform.sha256" "$work/sha256"
  expected="$(cut -c1-64 "$work/sha256")"
  actual="$(sha256sum "$work/hivewatch-agent" | cut -c1-64)"
  [ "$expected" = "$actual" ] || fail "SHA-256 mismatch: the hub announced $expected, the download is $actual"
  say "SHA-256 verified: $actual"

  install -d -m 0755 "$root$lib" "$root/usr/local/bin" "$root/etc/systemd/system"
  install -m 0755 "$work/hivewatch-agent" "$root$lib/hivewatch-agent.new"
  mv -f "$root$lib/hivewatch-agent.new" "$root$lib/hivewatch-agent"
  ln -sf "$lib/hivewatch-agent" "$root/usr/local/bin/hivewatch-agent"
  write_unit > "$root/etc/systemd/system/hivewatch-agent.service"
  chmod 0644 "$root/etc/systemd/system/hivewatch-agent.service"
  install -d -m 0750 "$root$etc"
  install -d -m 0700 "$root$state"
  if [ -f "$root$etc/agent.json" ]; then
    say "kept the existing configuration $etc/agent.json"
  else
    configure
  fi
  case ",${HIVEWATCH_AGENT_CAPABILITIES:-}," in
    *,services-restart,*)
      install -d -m 0755 "$root/etc/polkit-1/rules.d"
      write_rules > "$root/etc/polkit-1/rules.d/50-hivewatch-agent.rules"
      chmod 0644 "$root/etc/polkit-1/rules.d/50-hivewatch-agent.rules"
      ;;
  esac

  if [ -n "$root" ]; then
    say "installed under $root: no service user, no service (INSTALL_ROOT is set)"
    say "start the agent with: $root$lib/hivewatch-agent --config $root$etc/agent.json"
    return
  fi
  id "$user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir "$state" --shell /usr/sbin/nologin "$user"
  chown -R "$user:$user" "$etc" "$state"
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable hivewatch-agent >/dev/null 2>&1
    systemctl restart hivewatch-agent
    say "hivewatch-agent is running: journalctl -u hivewatch-agent -f"
  else
    say "systemd is not running on this host: the unit is installed but not started"
    say "start the agent with: runuser -u $user -- $lib/hivewatch-agent --config $etc/agent.json"
  fi
}

@HIVEWATCH_AGENT_CONFIGURE@

detect_platform() {
  [ "$(uname -s)" = Linux ] || fail "the agent runs on Linux only (this is $(uname -s))"
  case "$(uname -m)" in
    x86_64 | amd64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) fail "no agent build for $(uname -m); the hub builds linux-x64 and linux-arm64" ;;
  esac
}

fetch() {
  if command -v curl >/dev/null 2>&1; then
    status="$(curl -sSL -o "$2" -w '%{http_code}' "$1")" || fail "cannot reach $1"
    [ "$status" = 200 ] || fail "the hub answered $status for $1: $(head -c 300 "$2")"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1" || fail "download failed: $1"
  else
    fail "curl or wget is needed"
  fi
}

say() { printf 'install-agent: %s\n' "$*"; }
fail() {
  printf 'install-agent: %s\n' "$*" >&2
  exit 1
}

write_unit() {
  cat <<'HIVEWATCH_UNIT'
@HIVEWATCH_AGENT_UNIT@
HIVEWATCH_UNIT
}

write_rules() {
  cat <<'HIVEWATCH_RULES'
@HIVEWATCH_AGENT_RULES@
HIVEWATCH_RULES
}

main "$@"
