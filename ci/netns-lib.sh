# shellcheck shell=bash
# Helpers shared by the tests that run VertxCenter on several "hosts" of this machine
# (ci/multihost-test.sh, ci/jepsen-test.sh): network namespaces on a Linux bridge the test creates,
# with addresses in a private subnet that exists only inside this machine, and links cut by setting
# the bridge-side end of a host's veth pair down. Source it after setting:
#   LOG_TAG      the word before each log line's time, e.g. multihost
#   HOSTS        the host names (array), ADDR the address of each (associative array)
#   BRIDGE       the bridge's name; NS_PREFIX the prefix of each namespace and of its veth's bridge end
#   ROOT         the repository root, JAR the built center.jar relative to it
# The test needs root (namespaces, a bridge, iptables).

started=$EPOCHREALTIME
elapsed() { awk -v from="$1" -v to="$EPOCHREALTIME" 'BEGIN { printf "%.1f", to - from }'; }
log() { printf '[%s %6.1fs] %s\n' "$LOG_TAG" "$(elapsed "$started")" "$*"; }

install_missing() {
  local packages=()
  command -v ip >/dev/null || packages+=(iproute2)
  command -v iptables >/dev/null || packages+=(iptables)
  ((${#packages[@]} == 0)) && return
  log "installing ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
}

# --- the hosts: namespaces on a bridge ----------------------------------------------------------
ns() { echo "$NS_PREFIX$1"; }
veth() { echo "$NS_PREFIX$1"; }       # the bridge-side end (in the root namespace); inside the namespace it is eth0
FORWARD_RULE=(FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment "vertxcenter-$LOG_TAG" -j ACCEPT)
# iptables, and iptables-legacy too when legacy tables are loaded (a packet must pass both)
firewalls() {
  echo iptables
  [[ -s /proc/net/ip_tables_names ]] && command -v iptables-legacy >/dev/null && echo iptables-legacy
  return 0
}

remove_network() {
  local host
  for host in "${HOSTS[@]}"; do
    ip netns delete "$(ns "$host")" 2>/dev/null || true     # takes its veth pair with it
    ip link delete "$(veth "$host")" 2>/dev/null || true
  done
  ip link delete "$BRIDGE" 2>/dev/null || true
  local firewall
  for firewall in $(firewalls); do
    while "$firewall" -C "${FORWARD_RULE[@]}" 2>/dev/null; do "$firewall" -D "${FORWARD_RULE[@]}"; done
  done
}

# Processes still inside our namespaces: only ever the nodes and programs the test started there.
kill_namespace_processes() {
  local host pid
  for host in "${HOSTS[@]}"; do
    for pid in $(ip netns pids "$(ns "$host")" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  done
}

make_network() {
  local host
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" up
  # Once a Docker daemon has run, FORWARD's policy is DROP and bridged frames pass iptables
  # (bridge-nf-call-iptables): without this rule the hosts cannot reach each other.
  local firewall
  for firewall in $(firewalls); do "$firewall" -I "${FORWARD_RULE[@]}"; done
  for host in "${HOSTS[@]}"; do
    ip netns add "$(ns "$host")"
    ip link add "$(veth "$host")" type veth peer name eth0 netns "$(ns "$host")"
    ip link set "$(veth "$host")" master "$BRIDGE" up
    ip -n "$(ns "$host")" addr add "${ADDR[$host]}/24" dev eth0
    ip -n "$(ns "$host")" link set lo up
    ip -n "$(ns "$host")" link set eth0 up
  done
  log "hosts: $(for h in "${HOSTS[@]}"; do printf '%s=%s ' "$h" "${ADDR[$h]}"; done)on bridge $BRIDGE"
}

# Every host reaches every other over TCP (a one-shot listener on each; no ping here).
check_network() {
  local host other port=7999 deadline
  for host in "${HOSTS[@]}"; do
    ip netns exec "$(ns "$host")" python3 -c '
import socket, sys
s = socket.socket(); s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(8); s.settimeout(20)
for _ in range(int(sys.argv[3])): s.accept()[0].close()' "${ADDR[$host]}" "$port" $((${#HOSTS[@]} - 1)) &
    local listener=$!
    deadline=$((SECONDS + 10))
    until ip netns exec "$(ns "$host")" ss -ltn "sport = :$port" | grep -q LISTEN; do
      ((SECONDS < deadline)) || { kill "$listener" 2>/dev/null; return 1; }
      sleep 0.1
    done
    for other in "${HOSTS[@]}"; do
      [[ $other == "$host" ]] && continue
      ip netns exec "$(ns "$other")" timeout 5 bash -c "exec 3<>/dev/tcp/${ADDR[$host]}/$port" ||
        { log "$other cannot reach $host at ${ADDR[$host]}:$port"; kill "$listener" 2>/dev/null; return 1; }
    done
    wait "$listener" || return 1
  done
  log "every host reaches every other over TCP"
}

cut_link() { ip link set "$(veth "$1")" down; }
restore_link() { ip link set "$(veth "$1")" up; }

# The class-data-sharing archive of the node classes that `center up` writes next to the jar (the
# integration tests make one): nodes start in about half the time with it, as they do under `up`.
NODE_JVM_FLAGS=()
if [[ $ROOT/cli/target/center-node.jsa -nt $ROOT/$JAR ]]; then
  NODE_JVM_FLAGS=(-XX:SharedArchiveFile="$ROOT/cli/target/center-node.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi

# Makes the hosts, after removing what a run killed before its cleanup left, and installs the
# cleanup on exit: the test's stop function $1, then every process in the namespaces and the network;
# $work is removed, except its logs dir ($logs) when the test failed; when $2 is set (the test's
# keep-logs variable) the logs are in $logs already, outside $work.
setup_hosts() {
  CLEANUP_STOP=$1 CLEANUP_KEEP_LOGS=$2
  trap cleanup_hosts EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  kill_namespace_processes
  remove_network
  make_network
  check_network || { log "FAILED: the hosts cannot reach each other (see above)"; exit 1; }
}

cleanup_hosts() {
  local rc=$?
  trap - EXIT
  "$CLEANUP_STOP" 2>/dev/null || true
  kill_namespace_processes
  remove_network
  if [[ -n $CLEANUP_KEEP_LOGS ]]; then
    rm -rf "$work"
    log "node logs kept in $logs"
  elif ((rc == 0)); then
    rm -rf "$work"
  else
    find "$work" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
    log "node logs kept in $logs"
  fi
  exit "$rc"
}

# Checks for root and the built jar (exit 2 without them), installs what is missing, and makes $work
# (with pids/ and home/, $CENTER_HOME), $logs ($1 when given, else $work/logs) and the cluster token
# every CLI bridge frame carries (the nodes and the CLI read it from the environment).
prepare_run() {
  [[ $(id -u) == 0 ]] || { echo "$LOG_TAG-test: needs root (network namespaces, a bridge, iptables)" >&2; exit 2; }
  [[ -f $ROOT/$JAR ]] || { echo "$LOG_TAG-test: $JAR is missing: build it first (mvn -B package -DskipTests)" >&2; exit 2; }
  install_missing
  work=$(mktemp -d "/tmp/vxc-$LOG_TAG.XXXXXX")
  CENTER_TOKEN=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  export CENTER_TOKEN
  logs=${1:-$work/logs}
  mkdir -p "$logs" "$work/pids" "$work/home"
  export CENTER_HOME=$work/home
}
