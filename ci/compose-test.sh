#!/usr/bin/env bash
# Compose test: the whole cluster in containers, for real, on a private Docker engine.
#   - installs docker.io, docker-compose and busybox-static when missing (needs root: apt-get, dockerd)
#   - starts its own dockerd (data-root, exec-root, pidfile and socket under a temp dir; no iptables,
#     no default bridge, so containers reach only each other and the host's published loopback ports)
#   - builds the base image (ci/base-image.sh) and the app image, brings the stack up, waits until
#     healthy, scales workers to 2 and back to 1, checks `cluster status` from the host and from the
#     `cli` service, feeds the TCP server, stops the stack (every node must exit 0) and takes it down
#   - on any failure prints the logs of every service and exits non-zero; always stops the daemon,
#     unmounts what it mounted and removes the temp dir
# usage: ci/compose-test.sh   (after `mvn -B verify` or `mvn -B package` built launcher/target/center.jar)
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=launcher/target/center.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
DOCKER=/usr/bin/docker   # the v20 client of docker.io; a v28 client on PATH wants buildx to build
IMAGE=vertxcenter:latest
PROJECT=vertxcenter-ci
DAEMON_START_SECONDS=60
HEALTHY_SECONDS=240
CLUSTER_SECONDS=60

started=$EPOCHREALTIME
log() { printf '[compose-test %6.1fs] %s\n' "$(elapsed "$started")" "$*"; }
fail() { log "FAILED: $*" >&2; exit 1; }
notice() { log "NOTICE: $*"; }
elapsed() { awk -v from="$1" -v to="$EPOCHREALTIME" 'BEGIN { printf "%.1f", to - from }'; }

install_missing() {
  local packages=()
  [[ -x $DOCKER ]] && command -v dockerd >/dev/null || packages+=(docker.io)
  command -v docker-compose >/dev/null || packages+=(docker-compose)
  [[ -x /bin/busybox ]] || packages+=(busybox-static)
  ((${#packages[@]} == 0)) && return
  [[ $(id -u) == 0 ]] || fail "installing ${packages[*]} needs root: run as root, or install them first"
  log "installing ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
}

# --- the private Docker engine -------------------------------------------------------------------
tmp=""
dockerd_pid=""
stack_up=0

start_dockerd() {
  [[ $(id -u) == 0 ]] || fail "dockerd needs root: run this script as root"
  tmp=$(mktemp -d /tmp/vxc-compose.XXXXXX)
  echo '{}' >"$tmp/daemon.json"
  dockerd --config-file "$tmp/daemon.json" --data-root "$tmp/data" --exec-root "$tmp/exec" \
    --pidfile "$tmp/dockerd.pid" --host "unix://$tmp/docker.sock" \
    --iptables=false --ip-forward=false --ip-masq=false --bridge=none >"$tmp/dockerd.log" 2>&1 &
  dockerd_pid=$!
  export DOCKER_HOST=unix://$tmp/docker.sock
  local deadline=$((SECONDS + DAEMON_START_SECONDS))
  until "$DOCKER" info >/dev/null 2>&1; do
    if ! kill -0 "$dockerd_pid" 2>/dev/null; then
      tail -20 "$tmp/dockerd.log" >&2
      fail "dockerd exited while starting (log above)"
    fi
    ((SECONDS < deadline)) || { tail -20 "$tmp/dockerd.log" >&2; fail "dockerd did not answer within ${DAEMON_START_SECONDS}s"; }
    sleep 0.5
  done
  log "dockerd $("$DOCKER" version -f '{{.Server.Version}}') up (pid $dockerd_pid, $DOCKER_HOST, storage $("$DOCKER" info -f '{{.Driver}}'))"
}

stop_dockerd() {
  [[ -n $dockerd_pid ]] || return 0
  local networks id
  # a network still there when the daemon stops leaves its bridge interface behind
  networks=$("$DOCKER" network ls -q --filter driver=bridge 2>/dev/null || true)
  kill -TERM "$dockerd_pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$dockerd_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$dockerd_pid" 2>/dev/null; then
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
  local rc=$?
  trap - EXIT
  if ((stack_up)); then
    ((rc == 0)) || print_logs >&2
    compose down --volumes --timeout 10 >/dev/null 2>&1 || true
  fi
  stop_dockerd
  unmount_temp
  if ((rc == 0)); then log "PASSED in $(elapsed "$started") s"; else log "FAILED (exit $rc) after $(elapsed "$started") s" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits until the stack has exactly $1 containers, all running and healthy.
wait_healthy() {
  local want=$1 deadline=$((SECONDS + HEALTHY_SECONDS)) states
  while true; do
    states=$(compose ps -q | xargs -r "$DOCKER" inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}')
    if [[ $(grep -c '^running/healthy$' <<<"$states") == "$want" && $(wc -l <<<"$states") == "$want" ]]; then
      return 0
    fi
    grep -q -e '^exited' -e '/unhealthy$' <<<"$states" && fail "a container stopped or turned unhealthy: $(tr '\n' ' ' <<<"$states")"
    ((SECONDS < deadline)) || fail "not $want healthy containers within ${HEALTHY_SECONDS}s: $(tr '\n' ' ' <<<"$states")"
    sleep 1
  done
}

# The sorted roles of the nodes that `cluster status --json`, asked with "$@", lists.
cluster_roles() {
  python3 -c 'import json, sys; print(" ".join(sorted(r for n in json.load(sys.stdin)["nodes"] for r in n["roles"])))' < <("$@")
}

# Waits until the host CLI, through the published bridge, sees exactly the roles $1.
wait_cluster() {
  local want=$1 deadline=$((SECONDS + CLUSTER_SECONDS)) roles=""
  while true; do
    roles=$(cluster_roles "$JAVA" -jar "$JAR" cluster status --json --cluster "127.0.0.1:$bridge_port" 2>/dev/null || true)
    [[ $roles == "$want" ]] && { log "cluster status from the host lists: $roles"; return 0; }
    ((SECONDS < deadline)) || fail "cluster status from the host lists '$roles', expected '$want' within ${CLUSTER_SECONDS}s"
    sleep 1
  done
}

# Feeds the server through the published port with a plain TCP client and looks for the lines in
# the monitor's output, and for the client service's steady stream.
check_data_path() {
  local marker="compose-test-$$-$RANDOM" greeting deadline
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
  deadline=$((SECONDS + 30))
  until [[ $(compose logs --no-color monitor | grep -c -F "Received String: $marker line") == "${#lines[@]}" ]]; do
    if ((SECONDS >= deadline)); then
      fail "the monitor's log does not show the ${#lines[@]} lines ('Received String: $marker line N') within 30 s"
    fi
    sleep 1
  done
  log "the monitor printed all ${#lines[@]} lines"
  # (grep -q would stop reading early, and pipefail would count compose's SIGPIPE as a failure)
  compose logs --no-color monitor | grep -F "Received String: message " >/dev/null \
    || fail "the monitor's log shows nothing of the client service's steady stream ('Received String: message …')"
  log "the client service's steady stream reaches the monitor"
}

# --- the test ------------------------------------------------------------------------------------
[[ -f $JAR ]] || fail "$JAR is missing: build it first with 'mvn -B package -DskipTests'"
install_missing
start_dockerd

mark=$EPOCHREALTIME
ci/base-image.sh
base_seconds=$(elapsed "$mark")

mark=$EPOCHREALTIME
"$DOCKER" build --network none --quiet -t "$IMAGE" . >/dev/null
build_seconds=$(elapsed "$mark")
image_mb=$("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1e6 }')
log "image $IMAGE built in ${build_seconds}s: ${image_mb} MB (base image ${base_seconds}s)"

tcp_port=$(free_port)
bridge_port=$(free_port)
export CENTER_PUBLISH_HOST=127.0.0.1 CENTER_PUBLISH_TCP_PORT=$tcp_port CENTER_PUBLISH_BRIDGE_PORT=$bridge_port
export CENTER_CLUSTER_NAME="compose-test-$$"
mark=$EPOCHREALTIME
stack_up=1
compose up -d
wait_healthy 4
healthy_seconds=$(elapsed "$mark")
log "server, monitor, client and a worker healthy in ${healthy_seconds}s (TCP 127.0.0.1:$tcp_port, bridge 127.0.0.1:$bridge_port)"
compose logs --no-color | grep -F ' ready in ' || true
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
bench_json=$(compose run --rm -T cli bench --total 20000 --modes sequential,cluster --json) \
  || fail "'docker compose run --rm cli bench' failed: $bench_json"
python3 - "$bench_json" <<'PY' || fail "bench in Cluster mode did not use both workers with a good checksum: $bench_json"
import json, sys
text = sys.argv[1]
report = json.loads(text[text.index("{"):])
cluster = next(mode for mode in report["modes"] if mode["mode"] == "Cluster")
assert cluster["checksumOk"] and cluster["nodes"] == 2, cluster
print(f"[bench] Cluster mode: {cluster['seconds']:.3f} s over {cluster['nodes']} worker JVMs and {cluster['instances']} instances, checksum ok")
PY

mark=$EPOCHREALTIME
compose up -d --scale worker=1
wait_healthy 4
wait_cluster "client monitor server worker"
log "scaled back to 1 worker in $(elapsed "$mark")s"

mark=$EPOCHREALTIME
containers=$(compose ps -q)
compose stop
exits=$("$DOCKER" inspect -f '{{.Name}} exit {{.State.ExitCode}}' $containers)
grep -qv ' exit 0$' <<<"$exits" && fail "a node did not leave cleanly (SIGTERM must end in exit 0): $(tr '\n' ' ' <<<"$exits")"
log "stopped in $(elapsed "$mark")s, every node exited 0"
compose down --volumes
stack_up=0

log "timings: base image ${base_seconds}s, app image ${build_seconds}s, up to healthy ${healthy_seconds}s; image ${image_mb} MB"
