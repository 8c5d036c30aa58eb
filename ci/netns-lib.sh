# shellcheck shell=bash
# The hosts of the tests that run VertxCenter on several "hosts" of this machine
# (ci/multihost-test.sh, ci/jepsen-test.sh): network namespaces on a Linux bridge the test creates,
# with addresses in a private subnet that exists only inside this machine, and links cut by setting
# the bridge-side end of a host's veth pair down. Source it from the repository root after ci/lib.sh,
# having set:
#   NS_PREFIX    the prefix of each namespace and of its veth's bridge end (the bridge is NS_PREFIX0)
#   SUBNET       the first three bytes of the addresses: the Nth host of HOSTS has SUBNET.N
#   HOSTS        the host names (array); NODES those that run a node (default: all of them)
# It sets ROOT (the repository root), JAR (the built center.jar, relative to ROOT), ADDR (each
# host's address), MEMBERS (the nodes' addresses), the cluster's name and ports.
# The test needs root (namespaces, a bridge, iptables).

ROOT=$PWD
JAR=cli/target/center.jar
BRIDGE=${NS_PREFIX}0
declare -A ADDR
for i in "${!HOSTS[@]}"; do ADDR[${HOSTS[i]}]=$SUBNET.$((i + 1)); done
[[ -v NODES ]] || NODES=("${HOSTS[@]}")
MEMBERS=$(for host in "${NODES[@]}"; do echo "${ADDR[$host]}"; done | paste -sd,)
CLUSTER_NAME=$NS_PREFIX-$$
BRIDGE_PORT=7000
SERVER_PORT=5000

ns() { echo "$NS_PREFIX-$1"; }
veth() { echo "$NS_PREFIX-$1"; }       # the bridge-side end (in the root namespace); inside the namespace it is eth0

remove_network() {
  local host
  for host in "${HOSTS[@]}"; do
    ip netns delete "$(ns "$host")" 2>/dev/null || true     # takes its veth pair with it
    ip link delete "$(veth "$host")" 2>/dev/null || true
  done
  ip link delete "$BRIDGE" 2>/dev/null || true
  remove_bridge_rules "$BRIDGE"
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
  accept_bridge "$BRIDGE"
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

# Every host reaches every other over TCP (ci/accept.py listening on each in turn; no ping here).
check_network() {
  local host other port=7999
  for host in "${HOSTS[@]}"; do
    ip netns exec "$(ns "$host")" python3 "$ROOT/ci/accept.py" "${ADDR[$host]}" "$port" $((${#HOSTS[@]} - 1)) &
    local listener=$!
    await 10 listening "$host" "$port" || { kill "$listener" 2>/dev/null; return 1; }
    for other in "${HOSTS[@]}"; do
      [[ $other == "$host" ]] && continue
      ip netns exec "$(ns "$other")" timeout 5 bash -c "exec 3<>/dev/tcp/${ADDR[$host]}/$port" ||
        { log "$other cannot reach $host at ${ADDR[$host]}:$port"; kill "$listener" 2>/dev/null; return 1; }
    done
    wait "$listener" || return 1
  done
  log "every host reaches every other over TCP"
}
listening() { ip netns exec "$(ns "$1")" ss -ltn "sport = :$2" | grep -q LISTEN; }

cut_link() { ip link set "$(veth "$1")" down; }
restore_link() { ip link set "$(veth "$1")" up; }

# The class-data-sharing archive of the node classes that `center up` writes next to the jar (the
# integration tests make one): nodes start in about half the time with it, as they do under `up`.
NODE_JVM_FLAGS=()
if [[ $ROOT/cli/target/center-node.jsa -nt $ROOT/$JAR ]]; then
  NODE_JVM_FLAGS=(-XX:SharedArchiveFile="$ROOT/cli/target/center-node.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi

# run_node HOST ARG...: becomes (exec) `center node ARG...` in HOST's namespace, in the test's
# cluster, with its CLI bridge on HOST's address and the server at the server host's; its output
# appended to $logs/HOST.log. Run it in the background: $! is then the node's JVM.
run_node() {
  local host=$1
  shift
  exec ip netns exec "$(ns "$host")" java "${NODE_JVM_FLAGS[@]}" ${CENTER_JAVA_OPTS:-} -jar "$ROOT/$JAR" node "$@" \
    --cluster-name "$CLUSTER_NAME" --cluster-host "${ADDR[$host]}" --members "$MEMBERS" \
    --bridge-host "${ADDR[$host]}" --bridge-port "$BRIDGE_PORT" \
    --server-host "${ADDR[server]}" --server-port "$SERVER_PORT" >>"$logs/$host.log" 2>&1
}

# Checks for root and the built jar (exit 2 without them), installs what is missing (and the
# COMMAND:PACKAGE words given after $1), and makes $work (with pids/ and home/, $CENTER_HOME), $logs
# ($1 when given, else $work/logs) and the cluster token every CLI bridge frame carries (the nodes
# and the CLI read it from the environment).
prepare_run() {
  need_root "network namespaces, a bridge, iptables"
  [[ -f $ROOT/$JAR ]] || { echo "$LOG_TAG: $JAR is missing: build it first (mvn -B package -DskipTests)" >&2; exit 2; }
  install_missing ip:iproute2 iptables:iptables python3:python3 "${@:2}"
  work=$(mktemp -d "/tmp/vxc-$LOG_TAG.XXXXXX")
  CENTER_TOKEN=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  export CENTER_TOKEN
  logs=${1:-$work/logs}
  mkdir -p "$logs" "$work/pids" "$work/home"
  export CENTER_HOME=$work/home
}

# Makes the hosts, after removing what a run killed before its cleanup left, and installs the
# cleanup on exit: the test's stop function $1, then every process in the namespaces and the network;
# $work is removed, except its logs dir ($logs) when the test failed; when $2 is set (the test's
# keep-logs variable) the logs are in $logs already, outside $work.
setup_hosts() {
  CLEANUP_STOP=$1 CLEANUP_KEEP_LOGS=$2
  on_exit cleanup_hosts
  kill_namespace_processes
  remove_network
  make_network
  check_network || fail "the hosts cannot reach each other (see above)"
}

cleanup_hosts() {
  "$CLEANUP_STOP" 2>/dev/null || true
  kill_namespace_processes
  remove_network
  if [[ -n $CLEANUP_KEEP_LOGS ]]; then
    rm -rf "$work"
    log "node logs kept in $logs"
  elif (($1 == 0)); then
    rm -rf "$work"
  else
    find "$work" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
    log "node logs kept in $logs"
  fi
}
