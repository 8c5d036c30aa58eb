#!/usr/bin/env bash
# Durability benchmark: bench/pipeline.sh's throughput (a cold run, then the median of the warm runs)
# with the server's data log at durability none, write and fsync, then the disk's own sequential
# write rate for that many bytes (dd ... conv=fdatasync), on the data log's file system.
# Env: CENTER_HOME (default /tmp/bench-durability; the data log is $CENTER_HOME/data), and the
#      BENCH_* variables of bench/pipeline.sh (BENCH_COUNT, BENCH_RUNS, BENCH_WARM_UP_COUNT, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
home=${CENTER_HOME:-/tmp/bench-durability}
data="$home/data"
for level in none write fsync; do
  rm -rf "$data" && mkdir -p "$data"
  echo "== durability $level"
  CENTER_HOME="$home" CENTER_DATA_DIR="$data" CENTER_DURABILITY="$level" BENCH_THROUGHPUT_ONLY=true \
    bench/pipeline.sh | grep -E '^throughput'
done
echo "== the disk's own rate (256 MiB, dd conv=fdatasync, in $data)"
dd if=/dev/zero of="$data/dd.test" bs=1M count=256 conv=fdatasync 2>&1 | tail -1
rm -rf "$data"
