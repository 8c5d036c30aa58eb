#!/usr/bin/env bash
# The slowest test classes of the last Maven run, from the surefire and failsafe XML reports under
# */target/*-reports/: one line each, seconds then class, slowest first.
#   usage: ci/slowest-tests.sh [COUNT]   (COUNT: how many classes, default 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=${1:-10}
shopt -s nullglob
reports=(*/target/surefire-reports/TEST-*.xml */target/failsafe-reports/TEST-*.xml)
if [ ${#reports[@]} = 0 ]; then
  echo "no test reports under */target/*-reports/"
  exit 0
fi
echo "slowest test classes (s):"
for report in "${reports[@]}"; do
  # the <testsuite ...> tag holds the class's name and its time; surefire may write 1,234.5
  tag=$(grep -m1 -o '<testsuite [^>]*>' "$report") || continue
  name=$(sed -E 's/.* name="([^"]*)".*/\1/' <<<"$tag")
  time=$(sed -E 's/.* time="([^"]*)".*/\1/' <<<"$tag" | tr -d ,)
  printf '%9.1f  %s\n' "$time" "$name"
done | sort -rn | awk -v count="$count" 'NR <= count'
