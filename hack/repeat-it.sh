#!/usr/bin/env bash
# Runs one integration test class N times in a row against the already built module and prints a table of the
# runs: what a flaky test needs before anyone calls it fixed ("passes 20 times in a row").
#
#   hack/repeat-it.sh operator RestartLoopIT 20
#   hack/repeat-it.sh examples/techshop/e2e TechShopOnKubernetesIT 5
#
# Builds the module and what it needs once (install, tests skipped), then each run is
# `failsafe:integration-test failsafe:verify` on the module, offline, with the test's output kept in target/repeat-it/<class>-<i>.log. Stops at the first failure
# unless KEEP_GOING=1. Exit code: 0 when every run passed.
set -uo pipefail
cd "$(dirname "$0")/.."
module="${1:?module, e.g. operator}"
test="${2:?test class, e.g. RestartLoopIT}"
runs="${3:-20}"
logs="$module/target/repeat-it"
mkdir -p "$logs"

echo "--- building $module and what it needs (tests skipped)"
./mvnw -B -q install -DskipTests -pl "$module" -am || exit 1

rows=()
passed=0
for i in $(seq 1 "$runs"); do
  log="$logs/$test-$i.log"
  start=$(date +%s)
  ./mvnw -B -o -pl "$module" failsafe:integration-test failsafe:verify -Dit.test="$test" \
    -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  if [ $rc -eq 0 ]; then result=passed; passed=$((passed + 1)); else result=FAILED; fi
  detail=$(grep -m1 -E 'Tests run: [0-9]+, Failures' "$log" | sed 's/.*\(Tests run[^-]*\).*/\1/' | sed 's/, *$//')
  rows+=("$(printf '| %2d | %-6s | %4d s | %s |' "$i" "$result" "$took" "$detail")")
  echo "${rows[-1]}"
  if [ $rc -ne 0 ] && [ "${KEEP_GOING:-0}" != 1 ]; then break; fi
done

echo
echo "### $test, $passed of ${#rows[@]} runs passed"
echo
echo "| run | result | time | tests |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
[ "$passed" -eq "${#rows[@]}" ]
