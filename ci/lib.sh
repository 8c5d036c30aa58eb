# shellcheck shell=bash
# What the root-only harnesses (ci/multihost-test.sh, ci/jepsen-test.sh, ci/compose-test.sh) share:
# log lines timed from the start, waits with a deadline, values read from the CLI's JSON and from a
# node's `final counts:` line, the packages a harness installs, the firewall rule that lets a test
# bridge's traffic through, and the cleanup on exit. Source it after setting LOG_TAG (the word before
# each log line's time, e.g. multihost).

started=$EPOCHREALTIME
# Seconds since $1 (an $EPOCHREALTIME), one decimal.
elapsed() { awk -v from="$1" -v to="$EPOCHREALTIME" 'BEGIN { printf "%.1f", to - from }'; }
log() { printf '[%s %6.1fs] %s\n' "$LOG_TAG" "$(elapsed "$started")" "$*"; }
# Ends the script (or, inside a subshell, only that subshell) with status 1 and one line saying why.
fail() { log "FAILED: $*" >&2; exit 1; }

# await SECONDS COMMAND...: runs COMMAND every $AWAIT_EVERY seconds (default 0.5) until it succeeds
# (status 0), or gives up once SECONDS have passed (status 1). A COMMAND that can tell a hopeless
# case (a process that died) succeeds on it too; the caller then checks which it was.
await() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep "${AWAIT_EVERY:-0.5}"
  done
}

# gone PID: true when no process PID runs (any more).
gone() { ! kill -0 "$1" 2>/dev/null; }

# sleep_until FROM SECONDS: sleeps until SECONDS after FROM (an $EPOCHREALTIME or epoch-seconds
# value), at once when that has passed. For timed steps (a fault's length, the next fault), not for
# awaiting a condition.
sleep_until() { sleep "$(awk -v t="$2" -v from="$1" -v now="$EPOCHREALTIME" 'BEGIN { d = from + t - now; print (d > 0 ? d : 0) }')"; }

# json FILTER [JQ-OPTION...]: the value FILTER (jq) picks from the JSON on stdin, strings raw; fails
# with a line on stderr when stdin is empty or not JSON, or the value is null.
json() {
  local filter=$1
  shift
  jq -nr --arg filter "$filter" "$@" "input | ($filter) | if . == null then error(\"no value for \" + \$filter) else . end"
}

# count_of NAME TEXT: N in the first ` NAME=N` of TEXT (a node's `final counts: a=N b=N` line); fails
# when TEXT has none.
count_of() {
  local value
  value=$(grep -o " $1=[0-9]*" <<<"$2" | head -1 | cut -d= -f2)
  [[ -n $value ]] && echo "$value"
}

# need_root WHY: exits 2 (cannot run) unless the script runs as root.
need_root() { [[ $(id -u) == 0 ]] || { echo "$LOG_TAG: needs root ($1)" >&2; exit 2; }; }

# install_missing COMMAND:PACKAGE...: installs, with apt-get, the package of each COMMAND (a name
# on PATH or a path) that is missing, without letting a package start its service (docker.io would
# start the system's Docker daemon, which rewrites the host's firewall for good): a policy-rc.d
# answering 101 while apt-get runs.
install_missing() {
  local need packages=()
  for need in "$@"; do
    command -v "${need%%:*}" >/dev/null || [[ " ${packages[*]} " == *" ${need#*:} "* ]] || packages+=("${need#*:}")
  done
  ((${#packages[@]} == 0)) && return
  log "installing ${packages[*]}"
  local policy=/usr/sbin/policy-rc.d own_policy=0
  [[ -e $policy ]] || { printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  ((own_policy)) && rm -f "$policy"
  return 0
}

# --- the host's firewall -------------------------------------------------------------------------
# Hosts on a bridge talk through it; when bridged traffic passes iptables
# (net.bridge.bridge-nf-call-iptables=1) a FORWARD policy of DROP, as a Docker daemon with default
# flags leaves it, drops it. A test accepts its own bridge's traffic, and nothing else, with one
# rule in each iptables back end whose filter table exists (iptables-nft, and iptables-legacy when
# its table is loaded), and deletes those rules at the end.
iptables_backends() {
  if command -v iptables-nft >/dev/null && iptables-nft-save -t filter 2>/dev/null | grep -q '^:FORWARD'; then
    echo iptables-nft
  fi
  if command -v iptables-legacy >/dev/null && grep -qx filter /proc/net/ip_tables_names 2>/dev/null; then
    echo iptables-legacy
  fi
}

describe_firewall() {
  local backend state=""
  for backend in $(iptables_backends); do
    state+="$backend FORWARD policy $("$backend" -S FORWARD 2>/dev/null | awk '$1 == "-P" { print $3 }') with $("$backend" -S FORWARD 2>/dev/null | grep -c '^-A') rules; "
  done
  echo "${state:-no iptables filter table; }net.bridge.bridge-nf-call-iptables=$(cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null || echo 'n/a (br_netfilter not loaded)')"
}

bridge_rule() { echo "FORWARD -i $1 -o $1 -m comment --comment vertxcenter-$LOG_TAG -j ACCEPT"; }

# accept_bridge BRIDGE: lets the traffic within BRIDGE through the host's firewall.
accept_bridge() {
  local backend before added=0
  before=$(describe_firewall)
  for backend in $(iptables_backends); do
    # shellcheck disable=SC2046 # a rule is a list of words
    "$backend" -I $(bridge_rule "$1") || fail "could not add a firewall rule with $backend for the bridge $1"
    added=$((added + 1))
  done
  log "host firewall: $before; accepting traffic within $1 ($added rules added)"
}

# remove_bridge_rules BRIDGE: deletes every rule accept_bridge added for BRIDGE (also a killed run's).
remove_bridge_rules() {
  local backend
  for backend in $(iptables_backends); do
    # shellcheck disable=SC2046
    while "$backend" -C $(bridge_rule "$1") 2>/dev/null; do "$backend" -D $(bridge_rule "$1"); done
  done
}

# --- the end of the run --------------------------------------------------------------------------
# on_exit FUNCTION: when the script ends, also on Ctrl-C (status 130) or TERM (143), runs FUNCTION
# with the script's exit status (and its stdout and stderr as they are now, whatever redirection the
# script was in when it ended), then exits with that status.
on_exit() {
  exec 8>&1 9>&2
  # shellcheck disable=SC2064 # FUNCTION is fixed now
  trap "finish $1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
finish() {
  local rc=$?
  trap - EXIT
  exec 1>&8 2>&9
  "$1" "$rc"
  exit "$rc"
}

# free_ports N: N distinct TCP ports that nothing on this machine listens on (20000-32767, below
# Linux's ephemeral range), one per line.
free_ports() {
  local port ports=()
  while ((${#ports[@]} < $1)); do
    port=$((20000 + RANDOM % 12768))
    [[ " ${ports[*]} " == *" $port "* ]] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || ports+=("$port")
  done
  printf '%s\n' "${ports[@]}"
}
