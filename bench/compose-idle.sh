#!/usr/bin/env bash
# What the compose cluster's node containers cost, to set against `center up`'s nodes
# (bench/local-cluster.sh, bench/idle-threads.sh): builds the image (`docker compose build`, all from
# the layer cache when nothing changed), brings the cluster up from this repository (`docker compose
# up -d --scale worker=$BENCH_WORKERS`, its own project name and free host ports), waits until every
# container is healthy, lets it settle BENCH_SETTLE_SECONDS (60: the JIT is done with the start-up
# code), measures over BENCH_IDLE_SECONDS (60), then `docker compose down -v`. Prints one row per
# container:
#   ready ms     the node's own "ready in N ms" log line (from its JVM's start)
#   start CPU s  the node JVM's CPU seconds (utime+stime, /proc/<host pid>/stat) at that log line;
#                sampled every 0.1 s while the cluster starts, so at most 0.1 s late
#   cg CPU %     the container's CPU over the idle window, % of one core, from its cgroup (v1
#                cpuacct.usage, v2 cpu.stat usage_usec): the JVM and its health checks
#   JVM CPU %    the node JVM's alone (/proc/<host pid>/stat), same window
#   stats CPU %  `docker stats --no-stream`'s CPU % (taken right after the window: one ~1 s sample)
#   stats MEM    `docker stats`' MEM USAGE, MB: the cgroup's memory less its inactive page cache
#                (file pages are charged to the container that read them first, so shared files
#                such as libjvm and the class archives count in one container only, or in none)
#   RSS, PSS     the node JVM's RSS and PSS, MB (/proc/<host pid>/smaps_rollup): PSS divides each
#                page shared with other processes (the image's files, mapped by every node) among them
#   threads      the JVM's threads
#   archive      "yes" when the JVM's flags (its command line, @argument files read through the
#                container's root) name a class archive (-XX:SharedArchiveFile / -XX:AOTCache) and
#                that file is mapped (/proc/<host pid>/maps); else what is missing. With jstat (a
#                JDK on the host): classes loaded from class archives (the JDK's and the node's) /
#                from elsewhere (the jar, generated), the JVM's perf counters java.cls.sharedLoadedClasses
#                and java.cls.loadedClasses read from its hsperfdata file (no attach). Nodes run
#                without that file (-XX:-UsePerfData in node-jvm.options): "-" unless the JVMs are
#                given -XX:+UsePerfData (JAVA_OPTS of the compose services)
# and a last line with the mean of the node rows. Needs root (the containers' /proc), a Docker engine
# ($DOCKER_HOST) and Compose v2 (`docker compose`) or v1 (`docker-compose`). On an engine without a
# default bridge (ci/compose-test.sh's private dockerd), a build needs the host's network: build
# first (`docker build --network host -t vertxcenter:latest .`) and run with BENCH_BUILD=0 (Compose
# v1 builds through its own client, which does not reuse the layers `docker build` made).
# Usage:
#   bench/compose-idle.sh
#   BENCH_WORKERS=3 BENCH_SETTLE_SECONDS=90 bench/compose-idle.sh
# Env: BENCH_WORKERS (1), BENCH_SETTLE_SECONDS (60), BENCH_IDLE_SECONDS (60), BENCH_HEALTHY_SECONDS
#      (300: the deadline for every container to be healthy), BENCH_BUILD (1; 0: the image as it is),
#      BENCH_PROJECT (vertxcenter-bench), BENCH_COMPOSE (the compose command; default `docker
#      compose` when it works, else `docker-compose`), DOCKER (docker), JSTAT (jstat).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_TAG=compose-idle
# shellcheck source=ci/lib.sh
source ci/lib.sh

WORKERS=${BENCH_WORKERS:-1}
SETTLE=${BENCH_SETTLE_SECONDS:-60}
IDLE=${BENCH_IDLE_SECONDS:-60}
HEALTHY_SECONDS=${BENCH_HEALTHY_SECONDS:-300}
PROJECT=${BENCH_PROJECT:-vertxcenter-bench}
DOCKER=${DOCKER:-docker}
JSTAT=${JSTAT:-jstat}
TICKS=$(getconf CLK_TCK)
if [[ -n ${BENCH_COMPOSE:-} ]]; then read -r -a COMPOSE <<<"$BENCH_COMPOSE"
elif "$DOCKER" compose version >/dev/null 2>&1; then COMPOSE=("$DOCKER" compose)
else COMPOSE=(docker-compose)
fi
compose() { "${COMPOSE[@]}" -p "$PROJECT" "$@"; }
need_root "it reads the /proc files of the containers' processes"

work=$(mktemp -d /tmp/compose-idle.XXXXXX)
stack_up=0
sampler=""
cleanup() {
  [[ -z $sampler ]] || kill "$sampler" 2>/dev/null || true
  if ((stack_up)); then
    (($1 == 0)) || { compose ps; compose logs --no-color --tail 20; } >&2 || true
    compose down --volumes --timeout 60 >/dev/null 2>&1 || log "'compose down -v' failed: remove project $PROJECT by hand"
  fi
  rm -rf "$work"
}
on_exit cleanup

# The project's containers (not `compose ps`: a Compose v1 start costs ~0.5 CPU s, too much to poll).
containers() { "$DOCKER" ps -aq --no-trunc --filter "label=com.docker.compose.project=$PROJECT" --filter label=com.docker.compose.oneoff=False; }
host_pid() { "$DOCKER" inspect -f '{{.State.Pid}}' "$1"; }
# CPU ticks (utime+stime) of a pid so far, without forking
ticks_of() {
  local stat
  read -r -a stat <"/proc/$1/stat" || return 1
  echo $((stat[13] + stat[14]))
}

# Writes "EPOCHREALTIME container ticks" for each running container of the project every 0.1 s,
# to $work/start.samples, until killed; looks for new containers every second.
sample_start() {
  local -A pid_of
  local i=0 id
  while :; do
    if ((i++ % 10 == 0)); then
      for id in $(containers); do
        [[ -n ${pid_of[$id]:-} && ${pid_of[$id]} != 0 ]] || pid_of[$id]=$(host_pid "$id" 2>/dev/null || echo 0)
      done
    fi
    for id in "${!pid_of[@]}"; do
      [[ ${pid_of[$id]} == 0 ]] || echo "$EPOCHREALTIME $id $(ticks_of "${pid_of[$id]}" 2>/dev/null || echo -)"
    done
    sleep 0.1
  done >>"$work/start.samples"
}

# Sets $states (a line "status/health" per container); true when they are $1 running and healthy,
# or one has exited or turned unhealthy.
healthy_or_stopped() {
  states=$(containers | xargs -r "$DOCKER" inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}')
  [[ $(grep -c '^running/healthy$' <<<"$states") == "$1" && $(wc -l <<<"$states") == "$1" ]] ||
    grep -q -e '^exited' -e '/unhealthy$' <<<"$states"
}

# The file counting the CPU time of the container of pid $1: "v1 FILE" (cpuacct.usage, ns) or "v2
# FILE" (cpu.stat, usage_usec).
cgroup_cpu_file() {
  local mount path
  mount=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuacct(,|$)/ { print $2; exit }' /proc/mounts)
  path=$(awk -F: '$2 ~ /(^|,)cpuacct(,|$)/ { print $3 }' "/proc/$1/cgroup")
  if [[ -n $mount && -n $path && -f $mount$path/cpuacct.usage ]]; then
    echo "v1 $mount$path/cpuacct.usage"
    return
  fi
  mount=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
  path=$(awk -F: '$1 == "0" { print $3 }' "/proc/$1/cgroup")
  [[ -n $mount && -f $mount$path/cpu.stat ]] && echo "v2 $mount$path/cpu.stat"
}
# The CPU microseconds so far in the file cgroup_cpu_file named ("v1 FILE" or "v2 FILE").
cgroup_usec() {
  case $1 in
    v1) awk '{ printf "%.0f", $1 / 1000 }' "$2" ;;
    v2) awk '$1 == "usage_usec" { print $2 }' "$2" ;;
  esac
}

# "yes" or what is missing, for the node JVM $1: a class archive named by its flags and mapped.
archive_of() {
  local args flags="" arg archive mapped
  mapfile -d '' -t args <"/proc/$1/cmdline"
  for arg in "${args[@]}"; do
    # an @argument file holds flags too (the entry point passes node-jvm.options and the archive's so)
    if [[ $arg == @* ]]; then flags+=" $(grep -v '^#' "/proc/$1/root${arg#@}" 2>/dev/null | tr '\n' ' ')"; else flags+=" $arg"; fi
  done
  archive=$(grep -o -e '-XX:SharedArchiveFile=[^ ]*' -e '-XX:AOTCache=[^ ]*' <<<"$flags" | tail -1 | cut -d= -f2-)
  if [[ -z $archive ]]; then
    echo "no (no -XX:SharedArchiveFile or -XX:AOTCache in its flags)"
    return
  fi
  mapped=$(grep -cF " $archive" "/proc/$1/maps" || true)
  if ((mapped == 0)); then
    echo "no (flags name $archive, not mapped: the JVM refused it)"
  else
    echo "yes ($mapped mappings of ${archive##*/})"
  fi
}

# "S/O": classes node JVM $1 loaded from class archives / from elsewhere (its perf counters); "-"
# without jstat or perf data.
classes_of() {
  local perf counters
  perf=$(find "/proc/$1/root/tmp" -maxdepth 2 -path '*/hsperfdata_*/*' -type f 2>/dev/null | head -1)
  if [[ -z $perf ]] || ! command -v "$JSTAT" >/dev/null; then
    echo "-"
    return
  fi
  counters=$("$JSTAT" -J-Djstat.showUnsupported=true -snap "file://$perf" 2>/dev/null) || { echo "-"; return; }
  awk -F= '$1 == "java.cls.sharedLoadedClasses" { s = $2 } $1 == "java.cls.loadedClasses" { o = $2 }
    END { print (s == "" ? "-" : s "/" o) }' <<<"$counters"
}

# The node JVM's CPU seconds at its "ready in" log line (container $1): the first start sample at or
# after the line's time; "-" when there is none.
start_cpu_of() {
  local stamp at
  stamp=$("$DOCKER" logs -t "$1" 2>&1 | awk '/ ready in [0-9]* ms/ && !found { print $1; found = 1 }')
  [[ -n $stamp ]] || { echo "-"; return; }
  at=$(date -d "$stamp" +%s.%N)
  awk -v id="$1" -v at="$at" -v t="$TICKS" '$2 == id && $3 != "-" && $1 >= at { printf "%.2f", $3 / t; found = 1; exit }
    END { if (!found) print "-" }' "$work/start.samples"
}

mb_of() { awk -v k="$1" '$1 == k ":" { printf "%.0f", $2 / 1024 }' "/proc/$2/smaps_rollup"; }

# --- the run -------------------------------------------------------------------------------------
{ read -r tcp_port; read -r ack_port; read -r bridge_port; read -r http_port; } < <(free_ports 4)
export CENTER_PUBLISH_HOST=127.0.0.1 CENTER_PUBLISH_TCP_PORT=$tcp_port CENTER_PUBLISH_ACK_PORT=$ack_port \
  CENTER_PUBLISH_BRIDGE_PORT=$bridge_port CENTER_PUBLISH_HTTP_PORT=$http_port
[[ -z $(containers) ]] || fail "project $PROJECT has containers already: 'docker compose -p $PROJECT down -v' first (or set BENCH_PROJECT)"
if [[ ${BENCH_BUILD:-1} == 1 ]]; then
  mark=$EPOCHREALTIME
  compose build >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "'compose build' failed (its last lines above)"; }
  log "image built in $(elapsed "$mark") s"
fi
image=$("$DOCKER" image inspect -f '{{.Id}} {{.Size}}' vertxcenter:latest | awk '{ printf "%s, %.0f MB", substr($1, 8, 12), $2 / 1e6 }')
nodes=$((3 + WORKERS))
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
stack_up=1
sample_start &
sampler=$!
mark=$EPOCHREALTIME
compose up -d --scale "worker=$WORKERS" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; fail "'compose up -d' failed (its output above)"; }
AWAIT_EVERY=0.5 await "$HEALTHY_SECONDS" healthy_or_stopped "$nodes" ||
  fail "not $nodes healthy containers within ${HEALTHY_SECONDS}s: $(tr '\n' ' ' <<<"$states")"
grep -q -e '^exited' -e '/unhealthy$' <<<"$states" && fail "a container stopped or turned unhealthy: $(tr '\n' ' ' <<<"$states")"
healthy_seconds=$(elapsed "$mark")
kill "$sampler" && wait "$sampler" 2>/dev/null || true
sampler=""
log "$nodes containers healthy in ${healthy_seconds} s; settling ${SETTLE} s, then measuring over ${IDLE} s"
sleep "$SETTLE"

mapfile -t ids < <(containers)
declare -A pid cg cg_before jvm_before
for id in "${ids[@]}"; do
  pid[$id]=$(host_pid "$id")
  cg[$id]=$(cgroup_cpu_file "${pid[$id]}" || true)
done
window=$EPOCHREALTIME
for id in "${ids[@]}"; do
  # shellcheck disable=SC2086 # "v1 FILE": two words
  [[ -z ${cg[$id]} ]] || cg_before[$id]=$(cgroup_usec ${cg[$id]})
  jvm_before[$id]=$(ticks_of "${pid[$id]}")
done
sleep "$IDLE"
declare -A cg_after jvm_after
for id in "${ids[@]}"; do
  # shellcheck disable=SC2086
  [[ -z ${cg[$id]} ]] || cg_after[$id]=$(cgroup_usec ${cg[$id]})
  jvm_after[$id]=$(ticks_of "${pid[$id]}")
done
seconds=$(elapsed "$window")
"$DOCKER" stats --no-stream --format '{{.ID}} {{.CPUPerc}} {{.MemUsage}}' "${ids[@]}" >"$work/stats"

echo "compose-idle: $nodes nodes (workers: $WORKERS), image $image; compose: ${COMPOSE[*]} $(compose version --short 2>/dev/null || true);" \
  "engine $("$DOCKER" version -f '{{.Server.Version}}'); healthy ${healthy_seconds} s after 'up -d'; settle ${SETTLE} s, window ${seconds} s;" \
  "load before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
format='%-30s %8s %11s %8s %9s %11s %11s %5s %5s %7s  %-13s %s\n'
# shellcheck disable=SC2059 # the format is fixed above
printf "$format" container "ready ms" "start CPU s" "cg CPU %" "JVM CPU %" "stats CPU %" "stats MEM" RSS PSS threads "classes S/O" archive
for id in "${ids[@]}"; do
  p=${pid[$id]}
  name=$("$DOCKER" inspect -f '{{.Name}}' "$id")
  restarts=$("$DOCKER" inspect -f '{{.RestartCount}}' "$id")
  ready=$("$DOCKER" logs "$id" 2>&1 | awk 'match($0, / ready in [0-9]* ms/) && !found { print substr($0, RSTART + 10, RLENGTH - 13); found = 1 }')
  [[ $restarts == 0 ]] || name+="(restarted:$restarts)"
  cg_pct=-
  [[ -z ${cg_before[$id]:-} ]] || cg_pct=$(awk -v d="$((cg_after[$id] - cg_before[$id]))" -v s="$seconds" 'BEGIN { printf "%.2f", d / 1e4 / s }')
  jvm_pct=$(awk -v d="$((jvm_after[$id] - jvm_before[$id]))" -v t="$TICKS" -v s="$seconds" 'BEGIN { printf "%.2f", d * 100 / t / s }')
  read -r _ stats_cpu stats_mem _ < <(grep "^${id:0:12} " "$work/stats" || echo "- - -")
  # shellcheck disable=SC2059
  printf "$format" "${name#/}" "${ready:--}" "$(start_cpu_of "$id")" "$cg_pct" "$jvm_pct" "$stats_cpu" "$stats_mem" \
    "$(mb_of Rss "$p")" "$(mb_of Pss "$p")" "$(awk '$1 == "Threads:" { print $2 }' "/proc/$p/status")" "$(classes_of "$p")" "$(archive_of "$p")"
done | tee "$work/rows"
awk 'function n(v) { v += 0; return v } { c++; cg += n($4); jvm += n($5); rss += n($8); pss += n($9) }
  END { if (c) printf "mean of %d: cg CPU %.2f %%, JVM CPU %.2f %%, RSS %.0f MB, PSS %.0f MB\n", c, cg / c, jvm / c, rss / c, pss / c }' "$work/rows"
compose down --volumes --timeout 60 >/dev/null 2>&1
stack_up=0
