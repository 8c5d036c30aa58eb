#!/usr/bin/env bash
# Pipeline benchmark: three node JVMs (server, monitor, client) in one cluster on this machine,
# 100-byte lines, half of them JSON. Prints
#   - throughput delivered to the monitor (client at full speed): a cold run of BENCH_WARM_UP_COUNT
#     lines (the JIT still compiling), then BENCH_RUNS warm runs of BENCH_COUNT lines and their median,
#   - latency p50/p99 from server receipt to monitor at a steady 5,000 msg/s,
#   - server RSS while no monitor runs and the client tries to send 1,000,000 lines, and the time
#     for all of them to reach a monitor started afterwards.
# Usage: bench/pipeline.sh   (builds cli/target/center.jar first if it is missing)
# Env: CENTER_JAR (default cli/target/center.jar), CENTER_HOME (logs under $CENTER_HOME/bench), BENCH_BRIDGE_PORT, BENCH_SERVER_PORT,
#      BENCH_CLUSTER_PORT, BENCH_COUNT (lines of each warm run, default 5,000,000), BENCH_RUNS (3),
#      BENCH_WARM_UP_COUNT (10,000,000), BENCH_HTTP_PORT (0: no HTTP; else the nodes serve HTTP and
#      metrics from this port on), BENCH_JVM_FLAGS (flags of the node JVMs, default the nodes' own,
#      cli/src/main/resources/node-jvm.options, as `center up` runs them; set it empty for the JVM defaults),
#      BENCH_TLS=1 (mutual TLS on the event bus, key material made once in $CENTER_HOME/bench/tls),
#      BENCH_THROUGHPUT_ONLY=true (no latency nor memory part). The nodes take CENTER_* env vars as
#      `center node` does (bench/durability.sh sets CENTER_DATA_DIR and CENTER_DURABILITY).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CENTER_JAR:-cli/target/center.jar}
[ -f "$JAR" ] || mvn -q -B package -DskipTests
HOME_DIR=${CENTER_HOME:-$HOME/.vertxcenter}/bench
mkdir -p "$HOME_DIR/classes"
javac -d "$HOME_DIR/classes" -cp "$JAR" bench/PipelineBench.java
TLS_DIR=""
if [[ "${BENCH_TLS:-0}" == 1 ]]; then
  TLS_DIR="$HOME_DIR/tls"
  [[ -f "$TLS_DIR/node-key.pem" ]] || java -jar "$JAR" certs "$TLS_DIR"
fi
exec java -cp "$JAR:$HOME_DIR/classes" \
  -Dcenter.jar="$JAR" -Dbench.logs="$HOME_DIR" \
  -Dbench.bridgePort="${BENCH_BRIDGE_PORT:-7190}" \
  -Dbench.serverPort="${BENCH_SERVER_PORT:-5190}" \
  -Dbench.clusterPort="${BENCH_CLUSTER_PORT:-5840}" \
  -Dbench.count="${BENCH_COUNT:-5000000}" -Dbench.runs="${BENCH_RUNS:-3}" \
  -Dbench.warmUpCount="${BENCH_WARM_UP_COUNT:-10000000}" \
  -Dbench.httpPort="${BENCH_HTTP_PORT:-0}" \
  -Dbench.throughputOnly="${BENCH_THROUGHPUT_ONLY:-false}" \
  -Dbench.tlsDir="$TLS_DIR" \
  -Dbench.jvmFlags="${BENCH_JVM_FLAGS-$(grep -v '^#' cli/src/main/resources/node-jvm.options | tr '\n' ' ')}" \
  PipelineBench
