# Shell functions shared by install-agent.sh and the .deb's postinst (each inlines this file): they
# write /etc/hivewatch/agent.json and the secret file from the installer's environment. Expect $hub,
# $root (empty on a live system), $etc, $state, and the say and fail functions.

# Moves the credentials out of the environment, so that no program the installer runs inherits them.
take_credentials() {
  enrollment_key="${HIVEWATCH_ENROLLMENT_KEY:-}"
  agent_id="${HIVEWATCH_AGENT_ID:-}"
  agent_token="${HIVEWATCH_AGENT_TOKEN:-}"
  unset HIVEWATCH_ENROLLMENT_KEY HIVEWATCH_AGENT_ID HIVEWATCH_AGENT_TOKEN
  if [ -n "$enrollment_key" ]; then
    check_secret "$enrollment_key" HIVEWATCH_ENROLLMENT_KEY
  elif [ -n "$agent_id" ] && [ -n "$agent_token" ]; then
    check_secret "$agent_id" HIVEWATCH_AGENT_ID
    check_secret "$agent_token" HIVEWATCH_AGENT_TOKEN
  elif [ ! -f "$root$etc/agent.json" ]; then
    fail "set HIVEWATCH_ENROLLMENT_KEY (or HIVEWATCH_AGENT_ID and HIVEWATCH_AGENT_TOKEN) in the environment"
  fi
}

# The secret goes to a 0600 file through printf, a shell builtin, so it reaches no process's argv.
configure() {
  umask 077
  paths=""
  [ -n "$root" ] && paths="$(printf '  "stateFile": "%s",\n' "$root$state/state.json")"
  if [ -n "$enrollment_key" ]; then
    rm -f "$root$etc/enrollment.key"
    printf '%s\n' "$enrollment_key" > "$root$etc/enrollment.key"
    credentials="$(printf '  "enrollmentKeyFile": "%s",' "$root$etc/enrollment.key")"
  else
    rm -f "$root$etc/agent.token"
    printf '%s\n' "$agent_token" > "$root$etc/agent.token"
    credentials="$(printf '  "agentId": "%s",\n  "tokenFile": "%s",' "$agent_id" "$root$etc/agent.token")"
  fi
  caps="$(printf '%s' "${HIVEWATCH_AGENT_CAPABILITIES:-}" | sed 's/[^a-z,-]//g; s/,,*/,/g; s/^,//; s/,$//; s/,/", "/g')"
  interval="$(printf '%s' "${HIVEWATCH_AGENT_INTERVAL:-5}" | sed 's/[^0-9]//g')"
  {
    printf '{\n  "hubUrl": "%s",\n%s\n' "$hub" "$credentials"
    [ -n "$caps" ] && printf '  "capabilities": ["%s"],\n' "$caps"
    [ -n "$paths" ] && printf '%s\n' "$paths"
    printf '  "metricsInterval": %s\n}\n' "${interval:-5}"
  } > "$root$etc/agent.json"
  umask 022
  say "wrote $etc/agent.json (0600)"
}

check_secret() {
  case "$1" in
    "" | *[!A-Za-z0-9_-]*) fail "$2 holds unexpected characters" ;;
  esac
}
