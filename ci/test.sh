#!/usr/bin/env bash
# VertxCenter's whole test suite, the command README.md gives:
#   1. mvn verify: unit tests (vertx-junit5), Hazelcast cluster tests, and integration tests that
#      start the built center.jar as separate JVM processes;
#   2. ci/multihost-test.sh: five nodes on five network namespaces joined by a bridge, with links cut,
#      a node killed and an ordered stop (needs root; skipped when VERTXCENTER_SKIP_MULTIHOST=1);
#   3. ci/jepsen-test.sh: numbered lines through the ack port for 2 minutes while a nemesis kills,
#      freezes and cuts off nodes; nothing acknowledged lost, nothing shown twice unmarked (needs
#      root; skipped when VERTXCENTER_SKIP_JEPSEN=1);
#   4. ci/compose-test.sh: the docker compose cluster for real (needs root to install and start
#      Docker; skipped with a notice when VERTXCENTER_SKIP_COMPOSE=1).
# Each phase's time and the slowest test classes are printed at the end, passed or failed, so a
# slow or hung phase shows in CI's output.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

phase_times=()
# phase NAME COMMAND...: runs COMMAND and notes how long it took (its status is COMMAND's)
phase() {
  local name=$1 started status=0
  shift
  started=$(date +%s)
  echo "=== $name: started $(date -u +%H:%M:%S) UTC"
  "$@" || status=$?
  phase_times+=("$(printf '%6d s  %s%s' $(( $(date +%s) - started )) "$name" "$([ $status = 0 ] || echo " (FAILED, exit $status)")")")
  return $status
}
summary() {
  echo "=== phase times:"
  printf '%s\n' "${phase_times[@]}"
  ci/slowest-tests.sh 10 || true
}
trap summary EXIT

phase "maven verify" mvn -B verify

# the bench programs run from source against the jar (bench/pipeline.sh, README): they must compile
# (its status is javac's: set -e does not act inside a function that phase runs)
compile_bench() {
  local classes status=0
  classes=$(mktemp -d)
  javac -d "$classes" -cp cli/target/center.jar bench/*.java || status=$?
  rm -rf "$classes"
  return $status
}
phase "bench compile" compile_bench
echo "bench sources compile against center.jar"

# a failed multi-host or Jepsen-style test still lets the later tests run; the suite fails at the end
multihost_status=0
if [ "${VERTXCENTER_SKIP_MULTIHOST:-0}" = 1 ]; then
  echo "multi-host test skipped (VERTXCENTER_SKIP_MULTIHOST=1)"
else
  phase "multi-host test" ci/multihost-test.sh || multihost_status=$?
fi
jepsen_status=0
if [ "${VERTXCENTER_SKIP_JEPSEN:-0}" = 1 ]; then
  echo "Jepsen-style test skipped (VERTXCENTER_SKIP_JEPSEN=1)"
else
  phase "jepsen test" ci/jepsen-test.sh || jepsen_status=$?
fi

if [ "${VERTXCENTER_SKIP_COMPOSE:-0}" = 1 ]; then
  echo "compose test skipped (VERTXCENTER_SKIP_COMPOSE=1)"
elif [ -x ci/compose-test.sh ]; then
  phase "compose test" ci/compose-test.sh
fi
if [ "$multihost_status" != 0 ]; then
  echo "multi-host test FAILED (exit $multihost_status): see its scenarios above"
  exit "$multihost_status"
fi
if [ "$jepsen_status" != 0 ]; then
  echo "Jepsen-style test FAILED (exit $jepsen_status): see its checker's table above"
  exit "$jepsen_status"
fi
