#!/usr/bin/env bash
# Compose test: the whole cluster in containers, for real, on a private Docker engine, from a clean
# clone as a new user has it (no target/, no jar: the image builds the jar itself).
#   - installs docker.io, docker-compose, busybox-static and jq when missing (needs root: apt-get, dockerd),
#     without letting the package start the system's Docker daemon
#   - clones this repository into a temp dir (HEAD plus uncommitted changes to tracked files)
#   - starts its own dockerd (data-root, exec-root, pidfile and socket under the temp dir; no
#     iptables rules of its own, no NAT, no default bridge); builds run on the host's network, so
#     Maven in the build stage reaches Maven Central as the host does
#   - builds local stand-ins for both base images (ci/base-image.sh), then the image from the clone;
#     changes one Java file and builds again: the dependency layer must be reused; reports both times
#   - makes the stack's own bridge pass the host's firewall whatever its state (a FORWARD policy of
#     DROP left by another Docker daemon, bridged traffic through iptables): one ACCEPT rule for
#     traffic within the bridge, in each iptables back end that has a filter table, removed at the end
#   - brings the stack up, waits until healthy, checks that every node's JVM maps the image's class
#     archive (/proc/<pid>/maps), scales workers to 2 and back to 1, checks `cluster
#     status` from the host and from the `cli` service, feeds the TCP server, runs a Cluster bench;
#     kills the server's JVM (-9): Docker restarts it and it rejoins and serves again
#   - stops the stack while a feeder sends at full speed: compose stops the server before the
#     monitor, every node exits 0, and the server delivered every line it read (dropped=0)
#   - on any failure prints the logs of every service and exits non-zero; always stops the daemon,
#     removes its firewall rules, unmounts what it mounted and removes the temp dir
# usage: ci/compose-test.sh   (as root; nothing to build first)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
DOCKER=/usr/bin/docker   # the v20 client of docker.io; a v28 client on PATH wants buildx to build
IMAGE=vertxcenter:latest
PROJECT=vertxcenter-ci
DAEMON_START_SECONDS=60
HEALTHY_SECONDS=240
CLUSTER_SECONDS=60
FEED_LINES_BEFORE_STOP=20000

LOG_TAG=compose-test
# shellcheck source=ci/lib.sh
source ci/lib.sh
notice() { log "NOTICE: $*"; }

# --- the clean clone ------------------------------------------------------------------------------
tmp=$(mktemp -d /tmp/vxc-compose.XXXXXX)
src=$tmp/src

clone() {
  # What is committed plus what is changed in tracked files (stash create writes a commit object
  # and touches neither the work tree nor any ref); untracked files are not part of the test.
  local rev
  rev=$(git -C "$repo" stash create 2>/dev/null || true)
  git clone -q --no-checkout "$repo" "$src"
  git -C "$src" -c advice.detachedHead=false checkout -q "${rev:-HEAD}"
  log "cloned $repo at $(git -C "$src" rev-parse --short HEAD)${rev:+ (HEAD plus uncommitted changes)} into $src: $(find "$src" -name target -o -name '*.jar' | wc -l) target dirs or jars"
}

# --- the private Docker engine -------------------------------------------------------------------
dockerd_pid=""
stack_up=0
stack_bridge=""

start_dockerd() {
  echo '{}' >"$tmp/daemon.json"
  dockerd --config-file "$tmp/daemon.json" --data-root "$tmp/data" --exec-root "$tmp/exec" \
    --pidfile "$tmp/dockerd.pid" --host "unix://$tmp/docker.sock" \
    --iptables=false --ip-forward=false --ip-masq=false --bridge=none >"$tmp/dockerd.log" 2>&1 &
  dockerd_pid=$!
  export DOCKER_HOST=unix://$tmp/docker.sock
  if ! await "$DAEMON_START_SECONDS" dockerd_answers_or_exited || gone "$dockerd_pid"; then
    tail -20 "$tmp/dockerd.log" >&2
    fail "dockerd $(gone "$dockerd_pid" && echo "exited while starting" || echo "did not answer within ${DAEMON_START_SECONDS}s") (its log above)"
  fi
  log "dockerd $("$DOCKER" version -f '{{.Server.Version}}') up (pid $dockerd_pid, $DOCKER_HOST, storage $("$DOCKER" info -f '{{.Driver}}'))"
}
dockerd_answers_or_exited() { gone "$dockerd_pid" || "$DOCKER" info >/dev/null 2>&1; }

stop_dockerd() {
  [[ -n $dockerd_pid ]] || return 0
  local networks id
  # a network still there when the daemon stops leaves its bridge interface behind
  networks=$("$DOCKER" network ls -q --filter driver=bridge 2>/dev/null || true)
  kill -TERM "$dockerd_pid" 2>/dev/null || true
  if ! await 30 gone "$dockerd_pid"; then
    log "dockerd did not stop within 30 s: killing it"
    kill -KILL "$dockerd_pid" 2>/dev/null || true
  fi
  wait "$dockerd_pid" 2>/dev/null || true
  dockerd_pid=""
  for id in $networks; do
    ip link delete "br-$id" 2>/dev/null || true
  done
}

unmount_temp() {
  [[ -n $tmp ]] || return 0
  local mount
  # deepest first; /proc/mounts escapes spaces, and our temp path has none
  for mount in $(awk -v dir="$tmp/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount "$mount" 2>/dev/null || umount -l "$mount" || log "could not unmount $mount"
  done
  rm -rf "$tmp"
}

# --- compose -------------------------------------------------------------------------------------
# Compose v1 (Debian's docker-compose): the file is the Compose Specification, so v2 reads it too.
compose() { timeout 300 docker-compose -p "$PROJECT" "$@"; }

print_logs() {
  log "logs of every service:"
  compose ps || true
  compose logs --no-color --timestamps || true
}

cleanup() {
  [[ -z ${feeder_pid:-} ]] || kill "$feeder_pid" 2>/dev/null || true
  if ((stack_up)); then
    (($1 == 0)) || print_logs >&2
    compose down --volumes --timeout 10 >/dev/null 2>&1 || true
  fi
  stop_dockerd
  [[ -z $stack_bridge ]] || remove_bridge_rules "$stack_bridge"
  unmount_temp
  if (($1 == 0)); then log "PASSED in $(elapsed "$started") s"; else log "FAILED (exit $1) after $(elapsed "$started") s" >&2; fi
}
on_exit cleanup

# Builds the image from the clone into $IMAGE, the output in $tmp/build-$1.log.
build_image() {
  "$DOCKER" build --network host -t "$IMAGE" "$src" >"$tmp/build-$1.log" 2>&1 \
    || { tail -40 "$tmp/build-$1.log" >&2; fail "docker build ($1) failed (its last lines above)"; }
}

# Waits until the stack has exactly $1 containers, all running and healthy.
wait_healthy() {
  AWAIT_EVERY=1 await "$HEALTHY_SECONDS" healthy_or_stopped "$1" || fail "not $1 healthy containers within ${HEALTHY_SECONDS}s: $(tr '\n' ' ' <<<"$states")"
  grep -q -e '^exited' -e '/unhealthy$' <<<"$states" && fail "a container stopped or turned unhealthy: $(tr '\n' ' ' <<<"$states")"
  return 0
}
# Sets $states (a line "status/health" per container); true when they are $1 running and healthy,
# or one has exited or turned unhealthy.
healthy_or_stopped() {
  states=$(compose ps -q | xargs -r "$DOCKER" inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}')
  [[ $(grep -c '^running/healthy$' <<<"$states") == "$1" && $(wc -l <<<"$states") == "$1" ]] ||
    grep -q -e '^exited' -e '/unhealthy$' <<<"$states"
}

# True when container $1 has been restarted once and is running and healthy.
restarted_healthy() {
  [[ $("$DOCKER" inspect -f '{{.RestartCount}} {{.State.Status}} {{.State.Health.Status}}' "$1") == "1 running healthy" ]]
}

# Waits until the host CLI, through the published bridge, sees exactly the roles $1.
wait_cluster() {
  AWAIT_EVERY=1 await "$CLUSTER_SECONDS" cluster_lists "$1" ||
    fail "cluster status from the host lists '$roles', expected '$1' within ${CLUSTER_SECONDS}s"
  log "cluster status from the host lists: $roles"
}
# Sets $roles (the sorted roles `cluster status` lists); true when they are $1.
cluster_lists() {
  roles=$("$JAVA" -jar "$jar" cluster status --json --cluster "127.0.0.1:$bridge_port" 2>/dev/null |
    json '[.nodes[].roles[]] | sort | join(" ")' 2>/dev/null || true)
  [[ $roles == "$1" ]]
}

# The addresses service $1's entry point last resolved the `nodes` alias to, comma-separated.
resolved_members() {
  compose logs --no-color "$1" | sed -n 's/.*center: cluster members nodes -> \([^ ]*\), this node.*/\1/p' | tail -1
}

# Feeds the server through the published port with a plain TCP client and looks for the lines in
# the monitor's output, and for the client service's steady stream.
check_data_path() {
  local marker="compose-test-$$-$RANDOM" greeting
  local lines=("$marker line 1" "$marker line 2" "$marker line 3")
  if ! greeting=$(
    exec 3<>"/dev/tcp/127.0.0.1/$tcp_port"
    IFS= read -r -t 10 line <&3 || exit 1
    printf '%s\n' "${lines[@]}" >&3
    printf '%s' "$line"
  ); then
    fail "the server on 127.0.0.1:$tcp_port sent no greeting line within 10 s"
  fi
  [[ $greeting == "Welcome to VertxCenter server!" ]] || fail "unexpected greeting from the server: '$greeting'"
  log "server greeted: $greeting; sent ${#lines[@]} lines"
  AWAIT_EVERY=1 await 30 monitor_shows "Received String: $marker line" "${#lines[@]}" ||
    fail "the monitor's log does not show the ${#lines[@]} lines ('Received String: $marker line N') within 30 s"
  log "the monitor printed all ${#lines[@]} lines"
  # (grep -q would stop reading early, and pipefail would count compose's SIGPIPE as a failure)
  compose logs --no-color monitor | grep -F "Received String: message " >/dev/null \
    || fail "the monitor's log shows nothing of the client service's steady stream ('Received String: message …')"
  log "the client service's steady stream reaches the monitor"
}
# True when the monitor's log has $2 lines with the text $1.
monitor_shows() { [[ $(compose logs --no-color monitor | grep -c -F "$1") == "$2" ]]; }

# The feeder: one connection to the published TCP port sending numbered lines as fast as it can
# until the server closes it (at most 120 s); it writes how many lines it has sent to
# $tmp/feeder.count as it goes. Run it in the background.
feed() {
  trap '' PIPE
  local sent=0 until=$((SECONDS + 120))
  echo 0 >"$tmp/feeder.count"
  exec 3<>"/dev/tcp/127.0.0.1/$tcp_port" && read -r -t 10 _ <&3 || return 0   # the greeting
  # shellcheck disable=SC2046 # the numbers are words
  while ((SECONDS < until)) && printf 'feed line %s\n' $(seq "$sent" $((sent + 999))) >&3 2>/dev/null; do
    sent=$((sent + 1000))
    echo "$sent" >"$tmp/feeder.count.new" && mv "$tmp/feeder.count.new" "$tmp/feeder.count"
  done
}
fed() { cat "$tmp/feeder.count" 2>/dev/null || echo 0; }
fed_enough_or_ended() { (($(fed) >= FEED_LINES_BEFORE_STOP)) || gone "$feeder_pid"; }

# --- the test ------------------------------------------------------------------------------------
need_root "it installs and starts a Docker daemon"
install_missing "$DOCKER:docker.io" dockerd:docker.io docker-compose:docker-compose /bin/busybox:busybox-static jq:jq
clone
start_dockerd

mark=$EPOCHREALTIME
ci/base-image.sh
base_seconds=$(elapsed "$mark")

mark=$EPOCHREALTIME
build_image first
build_seconds=$(elapsed "$mark")
image_mb=$("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1e6 }')
log "image $IMAGE built from the clean clone in ${build_seconds}s: ${image_mb} MB (base images ${base_seconds}s)"

# A source change rebuilds from the sources on, with the dependency layer (Maven's downloads) reused.
changed=$(find "$src/server-verticle/src/main/java" -name '*.java' | sort | head -1)
printf '// compose-test: a source change\n' >>"$changed"
mark=$EPOCHREALTIME
build_image rebuild
rebuild_seconds=$(elapsed "$mark")
# (the Dockerfile's first `RUN mvn` is the dependency step)
grep -m1 -A1 '^Step [0-9/]* : RUN mvn' "$tmp/build-rebuild.log" | grep -q 'Using cache' \
  || fail "the rebuild after a change to ${changed#"$src"/} downloaded the dependencies again (the layer keyed on the poms was not reused)"
log "rebuilt after a change to ${changed#"$src"/} in ${rebuild_seconds}s, dependency layer reused ($(awk -v r="$rebuild_seconds" -v f="$build_seconds" 'BEGIN { printf "%.0f%%", 100 * r / f }') of the first build)"
awk -v r="$rebuild_seconds" -v f="$build_seconds" 'BEGIN { exit !(r < f / 2) }' \
  || notice "the rebuild took more than half the first build (a busy machine?)"

# The host's CLI: the jar the image built (the host has none).
jar=$tmp/center.jar
container=$("$DOCKER" create "$IMAGE")
"$DOCKER" cp "$container:/opt/center/center.jar" "$jar" >/dev/null
"$DOCKER" rm "$container" >/dev/null

{ read -r tcp_port; read -r bridge_port; read -r http_port; } < <(free_ports 3)
export CENTER_PUBLISH_HOST=127.0.0.1 CENTER_PUBLISH_TCP_PORT=$tcp_port CENTER_PUBLISH_BRIDGE_PORT=$bridge_port \
  CENTER_PUBLISH_HTTP_PORT=$http_port
# the nodes make the cluster token themselves (in their shared volume): the host CLI reads it below
unset CENTER_TOKEN CENTER_COMPOSE_TOKEN
export CENTER_CLUSTER_NAME="compose-test-$$"
cd "$src"
stack_up=1
compose up --no-start
network=$("$DOCKER" network inspect -f '{{.Id}}' "${PROJECT}_default")
stack_bridge=br-${network:0:12}
accept_bridge "$stack_bridge"

mark=$EPOCHREALTIME
compose up -d
wait_healthy 4
healthy_seconds=$(elapsed "$mark")
log "monitor, server, client and a worker healthy in ${healthy_seconds}s (TCP 127.0.0.1:$tcp_port, bridge 127.0.0.1:$bridge_port)"
compose logs --no-color | grep -F ' ready in ' || true
# Every node's JVM runs from the class archive made when the image was built: a JVM maps the file
# only when it accepts it (it refuses, silently, an archive of another jar or JVM build).
for service in monitor server client worker; do
  node_pid=$("$DOCKER" inspect -f '{{.State.Pid}}' "$(compose ps -q "$service")")
  grep -q '/opt/center/center-node-[^/]*\.\(jsa\|aot\)$' "/proc/$node_pid/maps" ||
    fail "the $service node's JVM (host pid $node_pid) runs without the image's class archive: no /opt/center/center-node-*.jsa or .aot in /proc/$node_pid/maps, so it starts on twice the CPU. The Dockerfile's last RUN makes it ('center archive') and docker/center passes its .options file to the node's JVM: check both, and that nothing changed the jar or the JVM after the archive was made"
done
log "every node's JVM runs from the image's class archive ($(grep -o '/opt/center/center-node-[^/]*\.\(jsa\|aot\)$' "/proc/$node_pid/maps" | head -1))"
members=$(resolved_members client)
[[ $(tr ',' '\n' <<<"$members" | wc -l) == 4 ]] \
  || fail "the client, started last, resolved the 'nodes' alias to '$members', not to the 4 nodes"
log "the 'nodes' alias resolves to every node: the client, started last, got $members"
# The host CLI takes the token the first node wrote to the shared volume, as README says.
CENTER_TOKEN=$(compose exec -T server cat /var/lib/vertxcenter/token | tr -d '\r\n')
[[ ${#CENTER_TOKEN} -ge 32 ]] || fail "no cluster token in the server's /var/lib/vertxcenter/token"
export CENTER_TOKEN
# The health checks are HTTP: the server's /ready, published on the host, answers 200 and /metrics
# counts what the server received.
# (grep -q would stop reading early, and pipefail would count wget's SIGPIPE as a failure)
timeout 10 /bin/busybox wget -S -q -O /dev/null "http://127.0.0.1:$http_port/ready" 2>&1 | grep '^ *HTTP/[0-9.]* 200 ' >/dev/null &&
  timeout 10 /bin/busybox wget -q -O - "http://127.0.0.1:$http_port/metrics" | grep -F vertxcenter_server_lines_received_total >/dev/null ||
  fail "the server's /ready or /metrics on 127.0.0.1:$http_port did not answer as expected"
log "GET /ready 200 and /metrics with vertxcenter_server_lines_received_total from the host"
heap_mb=$(compose exec -T server sh -c 'java $JAVA_OPTS -XX:+PrintFlagsFinal -version' | awk '$2 == "MaxHeapSize" { printf "%.0f", $4 / 1048576 }')
log "a node's JVM in its container: max heap ${heap_mb} MB (memory limit $("$DOCKER" inspect -f '{{.HostConfig.Memory}}' "$(compose ps -q server)" | awk '{ printf "%.0f MB", $1 / 1048576 }'))"
wait_cluster "client monitor server worker"

mark=$EPOCHREALTIME
compose up -d --scale worker=2
wait_healthy 5
log "scaled to 2 workers in $(elapsed "$mark")s"
wait_cluster "client monitor server worker worker"

check_data_path

cli_output=$(compose run --rm -T cli cluster status) || fail "'docker compose run --rm cli cluster status' failed: $cli_output"
grep -q "5 nodes" <<<"$cli_output" || fail "'cli cluster status' does not show 5 nodes: $cli_output"
log "the cli service sees the cluster:"
printf '%s\n' "$cli_output"

# A small bench in Cluster mode through the cli service: both worker JVMs take chunks and the
# checksum is verified.
bench_json=$(compose run --rm -T cli bench --total 20000 --rounds 1 --modes sequential,cluster --json) \
  || fail "'docker compose run --rm cli bench' failed: $bench_json"
bench_line=$(sed -n '/{/,$p' <<<"$bench_json" | json 'first(.modes[] | select(.mode == "Cluster"))
  | select(.checksumOk and .nodes == 2) | "\(.seconds * 1000 | round / 1000) s over \(.nodes) worker JVMs and \(.instances) instances"') &&
  [[ -n $bench_line ]] || fail "bench in Cluster mode did not use both workers with a good checksum: $bench_json"
log "bench, Cluster mode: $bench_line, checksum ok"

mark=$EPOCHREALTIME
compose up -d --scale worker=1
wait_healthy 4
wait_cluster "client monitor server worker"
log "scaled back to 1 worker in $(elapsed "$mark")s"

# A crashed server: Docker restarts it (restart: unless-stopped), it finds every node through the
# `nodes` alias, rejoins and serves again.
mark=$EPOCHREALTIME
server=$(compose ps -q server)
kill -KILL "$("$DOCKER" inspect -f '{{.State.Pid}}' "$server")"
AWAIT_EVERY=1 await "$HEALTHY_SECONDS" restarted_healthy "$server" ||
  fail "the server killed with -9 was not restarted and healthy within ${HEALTHY_SECONDS}s: $("$DOCKER" inspect -f '{{.RestartCount}} restarts, {{.State.Status}}, {{.State.Health.Status}}' "$server")"
wait_cluster "client monitor server worker"
log "the server killed with -9 was restarted by Docker and rejoined in $(elapsed "$mark")s (it resolved 'nodes' to $(resolved_members server))"
check_data_path

# A planned stop under load: compose stops the client and the worker, then the server (which stops
# reading and delivers what it has read to the monitor), then the monitor.
feed &
feeder_pid=$!
await 60 fed_enough_or_ended || fail "the feeder sent fewer than $FEED_LINES_BEFORE_STOP lines within 60 s"
! gone "$feeder_pid" || fail "the feeder stopped after $(fed) lines, before the stop"
mark=$EPOCHREALTIME
containers=$(compose ps -q)
compose stop
stop_seconds=$(elapsed "$mark")
await 10 gone "$feeder_pid" || kill "$feeder_pid" 2>/dev/null || true
wait "$feeder_pid" || true
feeder_pid=""
exits=$("$DOCKER" inspect -f '{{.Name}} exit {{.State.ExitCode}}' $containers)
grep -qv ' exit 0$' <<<"$exits" && fail "a node did not leave cleanly (SIGTERM must end in exit 0): $(tr '\n' ' ' <<<"$exits")"
log "stopped in ${stop_seconds}s while a feeder sent at full speed ($(fed) lines sent), every node exited 0"
order=$(compose logs --no-color --timestamps | grep -F 'received: leaving the cluster' | sort -k3 | awk '{ print $1 }' | sed 's/_[0-9]*$//' | tr '\n' ' ')
[[ $order =~ server.*monitor ]] || fail "the monitor stopped before the server (SIGTERM order: $order)"
log "SIGTERM order: $order"
server_counts=$(compose logs --no-color server | grep -o 'final counts: received=[0-9]* forwarded=[0-9]* acked=[0-9]* dropped=[0-9]* replayed=[0-9]*' | tail -1 || true)
monitor_counts=$(compose logs --no-color monitor | grep -o 'final counts: messages=[0-9]* duplicates=[0-9]*' | tail -1 || true)
[[ -n $server_counts ]] || fail "the server logged no 'final counts: received=N forwarded=N acked=N dropped=N replayed=N' line when it stopped"
[[ -n $monitor_counts ]] || fail "the monitor logged no 'final counts: messages=N duplicates=N' line when it stopped"
received=$(count_of received "$server_counts"); acked=$(count_of acked "$server_counts")
dropped=$(count_of dropped "$server_counts"); messages=$(count_of messages "$monitor_counts")
# replayed: lines this server delivered from the log its killed predecessor left (the kill -9 above)
replayed=$(count_of replayed "$server_counts")
((dropped == 0 && acked == received + replayed)) || fail "the server lost lines it had read on a planned stop: $server_counts"
# the monitor counts since it started, the server only since its restart above
((messages >= acked)) || fail "the monitor counts fewer messages than the server says it delivered: server $server_counts, monitor $monitor_counts"
log "the server delivered every line it read: $server_counts; monitor $monitor_counts"
compose down --volumes
stack_up=0

log "timings: base images ${base_seconds}s, first build ${build_seconds}s, rebuild after a source change ${rebuild_seconds}s, up to healthy ${healthy_seconds}s, stop under load ${stop_seconds}s; image ${image_mb} MB"
