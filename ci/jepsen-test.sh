#!/usr/bin/env bash
# Jepsen-style test of the ack port (issue 19, item 8): numbered lines go through the server's ack port
# at a steady rate while a nemesis applies a fault every 10-20 s; a checker then reads what the
# generator saw acknowledged and what the monitor printed, and reports in Jepsen's queue terms.
#
#   host       namespace        address     runs
#   server     vxcjp-server     10.78.0.1   center node --roles server --data-dir … --ack-port 5001
#   monitor    vxcjp-monitor    10.78.0.2   center node --roles monitor --print all (its output: the checker's input)
#   worker     vxcjp-worker     10.78.0.3   center node --roles worker
#   generator  vxcjp-generator  10.78.0.4   java ci/jepsen/Generator.java (the client)
#
# Namespaces on a bridge as in ci/multihost-test.sh (ci/netns-lib.sh; ci/lib.sh for the rest). Each node
# runs under a supervisor loop that starts the same command line again 1 s after the JVM exits
# non-zero, as systemd's Restart=on-failure would on a real host.
#
# The generator (ci/jepsen/Generator.java) writes RATE lines/s over 4 connections for GENERATE
# seconds, reconnects after failures and resends what no ACK covered, then drains. The nemesis,
# seeded (the seed is printed; VERTXCENTER_JEPSEN_SEED repeats a run), deals faults from a shuffled
# deck of nine, the next one 10-20 s after the previous one started (and 3 s after it ended): kill
# -9 of the server, monitor or worker JVM (its supervisor starts it again), SIGSTOP 15 s then
# SIGCONT of one of them, the link of one of them cut 20 s. Each fault is logged with its time.
# The checker (ci/jepsen/Checker.java) prints the table; pass: lost = 0 and shown twice unmarked = 0.
#
# Needs root and the built cli/target/center.jar; about 4 minutes. Exit status 0 pass, 1 fail, 2
# cannot run. Cleans up every namespace, link, rule and process it made.
# env: VERTXCENTER_JEPSEN_SEED (default random), VERTXCENTER_JEPSEN_SECONDS (generation, default 130),
#      VERTXCENTER_JEPSEN_RATE (lines/s, default 1000), VERTXCENTER_JEPSEN_LOGS=DIR keeps the logs there
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_TAG=jepsen
NS_PREFIX=vxcjp
SUBNET=10.78.0
HOSTS=(server monitor worker generator)
NODES=(server monitor worker)
ACK_PORT=5001

SEED=${VERTXCENTER_JEPSEN_SEED:-$((RANDOM * 32768 + RANDOM))}
GENERATE_SECONDS=${VERTXCENTER_JEPSEN_SECONDS:-130}
RATE=${VERTXCENTER_JEPSEN_RATE:-1000}
CONNECTIONS=4
DRAIN_SECONDS=60        # after generating: resend what is unacknowledged, last ACKs
START_SECONDS=240       # three nodes up and ready (3 JVMs on a loaded 2-core machine)
QUIET_SECONDS=5         # the monitor's output has not grown for this long: it has shown all it will
SHOW_SECONDS=60         # at most this long after the generator ended
STOP_SECONDS=15         # freeze
CUT_SECONDS=20          # link cut
RUN=$$

# shellcheck source=ci/lib.sh
source ci/lib.sh
# shellcheck source=ci/netns-lib.sh
source ci/netns-lib.sh

prepare_run "${VERTXCENTER_JEPSEN_LOGS:-}"
mkdir -p "$work/data"
: >"$logs/faults"

# --- nodes under their supervisors ------------------------------------------------------------
node_args() {
  case $1 in
    server) echo --roles server --data-dir "$work/data/server" --durability write --ack-port "$ACK_PORT" ;;
    monitor) echo --roles monitor --print all ;;
    worker) echo --roles worker --workers 2 ;;
  esac
}

# The supervisor of host $1's node: the same command line again 1 s after the JVM exits non-zero,
# until the test stops ($work/stopping). The JVM's pid is in $work/pids/<host>.
supervise() {
  local host=$1 code
  while [[ ! -e $work/stopping ]]; do
    # shellcheck disable=SC2046 # node_args are words without spaces
    run_node "$host" $(node_args "$host") &
    echo $! >"$work/pids/$host"
    code=0
    { wait $! || code=$?; } 2>/dev/null     # the exit status is logged below, not as bash's job notice
    [[ -e $work/stopping ]] && break
    ((code != 0)) || { log "supervisor: $host's node exited 0; not restarted"; break; }
    log "supervisor: $host's node exited $code; starting it again in 1 s"
    sleep 1
  done
}

pid_of() { cat "$work/pids/$1"; }

stop_nodes() {
  touch "$work/stopping"
  local host pid
  for host in "${NODES[@]}"; do
    pid=$(pid_of "$host" 2>/dev/null) || continue
    kill -CONT "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
  await 30 supervisors_ended || true
  kill_namespace_processes
}
supervisors_ended() { ! jobs -pr | grep -q .; }

# True when the node of every host has logged that it is ready (joined the cluster, its roles
# started): read from the logs, as a CLI JVM per poll would take CPU the starting nodes need.
all_ready() {
  local host
  for host in "${NODES[@]}"; do grep -qs "node .* ready in [0-9]* ms" "$logs/$host.log" || return 1; done
}

# True once the monitor has shown no more lines of this run for QUIET_SECONDS ($shown: how many).
monitor_quiet() {
  local now
  now=$(grep -c "jepsen-$RUN-" "$logs/monitor.log" || true)
  ((now == shown)) || { shown=$now; quiet_from=$SECONDS; }
  ((SECONDS - quiet_from >= QUIET_SECONDS))
}

# --- the nemesis -------------------------------------------------------------------------------
# One fault, logged with its time (and a row "<epoch ms> <fault>" in $logs/faults for the checker).
fault() {
  local kind=$1 host=$2 pid
  pid=$(pid_of "$host")
  case $kind in
    kill)
      record_fault "kill -9 $host" "pid $pid"
      kill -KILL "$pid" 2>/dev/null || true ;;
    stop)
      record_fault "SIGSTOP ${STOP_SECONDS}s $host" "pid $pid"
      kill -STOP "$pid" 2>/dev/null || true
      sleep "$STOP_SECONDS"
      kill -CONT "$pid" 2>/dev/null || true
      log "nemesis: SIGCONT $host (pid $pid)" ;;
    cut)
      record_fault "link cut ${CUT_SECONDS}s $host" "${ADDR[$host]}"
      cut_link "$host"
      sleep "$CUT_SECONDS"
      restore_link "$host"
      log "nemesis: $host's link restored" ;;
  esac
}

record_fault() {
  echo "$(date +%s%3N) $1" >>"$logs/faults"
  log "nemesis: $1 ($2)"
}

# Deals faults until $1 (epoch s) less the longest fault: a shuffled deck of every kind on every node.
nemesis() {
  local until=$(($1 - CUT_SECONDS)) deck=() kind host i j t
  RANDOM=$SEED
  for kind in kill stop cut; do for host in "${NODES[@]}"; do deck+=("$kind $host"); done; done
  for ((i = ${#deck[@]} - 1; i > 0; i--)); do
    j=$((RANDOM % (i + 1))); t=${deck[i]}; deck[i]=${deck[j]}; deck[j]=$t
  done
  local next=$(($(date +%s) + 10 + RANDOM % 11)) dealt=0 start ended
  while ((next <= until)); do
    sleep_until "$next" 0
    start=$(date +%s)
    # shellcheck disable=SC2086 # "kind host"
    fault ${deck[dealt % ${#deck[@]}]}
    dealt=$((dealt + 1))
    ended=$(date +%s)
    next=$((start + 10 + RANDOM % 11))
    ((next >= ended + 3)) || next=$((ended + 3))
  done
  log "nemesis: $dealt faults dealt"
}

# --- run ---------------------------------------------------------------------------------------
setup_hosts stop_nodes "${VERTXCENTER_JEPSEN_LOGS:-}"

log "seed $SEED (VERTXCENTER_JEPSEN_SEED=$SEED repeats the nemesis's choices); run $RUN;" \
  "$RATE lines/s over $CONNECTIONS connections for $GENERATE_SECONDS s"
for host in "${NODES[@]}"; do supervise "$host" & done
if ! AWAIT_EVERY=1 await "$START_SECONDS" all_ready; then
  log "FAILED: the three nodes were not ready within $START_SECONDS s; last lines of their logs:"
  for host in "${NODES[@]}"; do grep -v '^[[:space:]]*at ' "$logs/$host.log" | tail -5 | sed "s/^/    $host: /"; done
  exit 1
fi
log "server, monitor and worker nodes ready"

generated_until=$(($(date +%s) + GENERATE_SECONDS))
ip netns exec "$(ns generator)" java "$ROOT/ci/jepsen/Generator.java" "${ADDR[server]}" "$ACK_PORT" "$RUN" \
  "$CONNECTIONS" "$RATE" "$GENERATE_SECONDS" "$DRAIN_SECONDS" "$work/record" >"$logs/generator.log" 2>&1 &
generator=$!
nemesis "$generated_until" &
nemesis_pid=$!
generator_rc=0
wait "$generator" || generator_rc=$?
wait "$nemesis_pid" || true
cat "$logs/generator.log"
((generator_rc == 0)) || fail "the generator exited $generator_rc"

# the monitor has shown what it will once its output stops growing
shown=-1 quiet_from=$SECONDS
AWAIT_EVERY=1 await "$SHOW_SECONDS" monitor_quiet || true
log "the monitor showed $shown lines of this run; stopping the nodes"
stop_nodes

checker_rc=0
java "$ROOT/ci/jepsen/Checker.java" "$RUN" "$work/record" "$logs/faults" "$logs/monitor.log" || checker_rc=$?
log "done in $(elapsed "$started") s (seed $SEED)"
exit "$checker_rc"
