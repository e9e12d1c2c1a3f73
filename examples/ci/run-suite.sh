#!/usr/bin/env bash
# Runs one Proctor TestSuiteRun from a CI job and fails the job when the run fails.
#
#   run-suite.sh [-n NAMESPACE] [-t TIMEOUT] [-o REPORT_DIR] MANIFEST
#
# 1. creates the run from MANIFEST with `kubectl create` (use metadata.generateName: every job gets its own run),
# 2. waits with `kubectl wait --for=condition=Complete` (True once the run finished, whether it passed or not),
# 3. prints the verdict, the totals and the failed and flaky tests from the run's status,
# 4. writes REPORT_DIR/proctor-<run>.xml: with an artifact store and the proctor CLI on PATH, the run's merged JUnit
#    XML (every test of every shard, retries as flakyFailure/rerunFailure) with the HTML report beside it in
#    REPORT_DIR/<run>/index.html; otherwise a JUnit XML report built from the status (see below),
# 5. exits 0 when the run Succeeded, 1 when it Failed (tests failed, or an SLA gate was breached), 2 when it ended
#    in Error (runner or infrastructure), 3 when it did not finish within TIMEOUT or could not be created.
#
# The merged report is written by Proctor's reporter Job once the run has finished (status.report; docs/design.md,
# "The merged report"); the script waits up to PROCTOR_REPORT_TIMEOUT (default 5m) for it and fetches it with
# `proctor report` (docs/cli.md), which needs the store's keys: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the CI
# job's environment, or `get` on the run's credentials Secret for the CI account. Without a store, without the CLI,
# or when the report failed, it says why and falls back to the report from the status:
# the status-built report holds one test case per failed test (the status keeps the first 50; the rest are counted), one
# per flaky test, and one for the run itself with its verdict, so CI test views show what broke. Per-test results
# of passing tests are not in the Kubernetes API: the runner writes its full JUnit XML (junit-shard-<i>.xml) to the
# artifacts volume, an emptyDir gone with the pod unless the run names a PersistentVolumeClaim
# (spec.artifacts.claimName); then each attempt's files are under <run>-shard-<i>[-a<k>]/ on the claim, and a pod
# mounting the claim can copy them out (kubectl cp needs tar in that pod's image).
#
# Environment: KUBECTL (default: kubectl), KUBECONFIG as kubectl reads it; PROCTOR_NAMESPACE, PROCTOR_TIMEOUT
# (default 30m) and PROCTOR_REPORT_DIR (default proctor-reports) stand in for the options.
#
# The proctor CLI does steps 2 and 3 with more detail when installed (./mvnw -pl cli -am package -DskipTests, then
# cli/bin on PATH; docs/cli.md): `proctor watch RUN --timeout 30m` prints a progress bar and exits 0/1/2 as this script
# does (6 on timeout), `proctor results RUN` adds each failed test's message, shard and attempt from the artifact
# store, and `proctor report RUN --output DIR` fetches the run's HTML report and merged JUnit XML from it.
set -euo pipefail

kubectl=${KUBECTL:-kubectl}
proctor=${PROCTOR_CLI:-proctor}
report_timeout=${PROCTOR_REPORT_TIMEOUT:-5m}
namespace=${PROCTOR_NAMESPACE:-}
timeout=${PROCTOR_TIMEOUT:-30m}
report_dir=${PROCTOR_REPORT_DIR:-proctor-reports}

usage() {
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 3
}

while getopts "n:t:o:h" opt; do
  case $opt in
    n) namespace=$OPTARG ;;
    t) timeout=$OPTARG ;;
    o) report_dir=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
manifest=$1
[ -r "$manifest" ] || { echo "run-suite: cannot read $manifest" >&2; exit 3; }

ns_args=()
[ -n "$namespace" ] && ns_args=(--namespace "$namespace")

k() {
  "$kubectl" ${ns_args[@]+"${ns_args[@]}"} "$@"
}

# the run's fields through a kubectl JSONPath template, empty when absent
get() {
  k get "$run" -o "jsonpath=$1" 2>/dev/null || true
}

field() {
  get "{$1}"
}

# one item of a list field per line
items() {
  get "{range $1[*]}{@}{\"\\n\"}{end}"
}

indent() {
  local line
  while IFS= read -r line; do
    if [ -n "$line" ]; then printf '  %s\n' "$line"; fi
  done <<<"$1"
}

xml_escape() {
  local s=$1
  s=${s//&/&amp;}
  s=${s//</&lt;}
  s=${s//>/&gt;}
  s=${s//\"/&quot;}
  s=${s//\'/&apos;}
  printf '%s' "$s"
}

# class#method -> <testcase classname="class" name="method">
testcase_open() {
  local id=$1 class=$1 name=$1
  if [[ $id == *"#"* ]]; then
    class=${id%%#*}
    name=${id#*#}
  fi
  printf '    <testcase classname="%s" name="%s">\n' "$(xml_escape "$class")" "$(xml_escape "$name")"
}

write_report() {
  local file=$report_dir/proctor-$name.xml tests failed skipped flaky seconds
  tests=$(field .status.totals.tests)
  failed=$(field .status.totals.failed)
  skipped=$(field .status.totals.skipped)
  flaky=$(field .status.totals.flaky)
  seconds=$(field .status.durationSeconds)
  mkdir -p "$report_dir"
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<testsuites name="proctor">\n'
    printf '  <testsuite name="%s" tests="%s" failures="%s" errors="%s" skipped="%s" time="%s" timestamp="%s">\n' \
      "$(xml_escape "$suite/$name")" "${tests:-0}" "${failed:-0}" "$([ "$phase" = Error ] && echo 1 || echo 0)" \
      "${skipped:-0}" "${seconds:-0}" "$(xml_escape "$(field .status.startTime)")"
    printf '    <properties>\n'
    printf '      <property name="proctor.run" value="%s"/>\n' "$(xml_escape "$namespace_of_run/$name")"
    printf '      <property name="proctor.phase" value="%s"/>\n' "$(xml_escape "$phase")"
    printf '      <property name="proctor.flaky" value="%s"/>\n' "${flaky:-0}"
    printf '    </properties>\n'
    while IFS= read -r test; do
      [ -n "$test" ] || continue
      testcase_open "$test"
      printf '      <failure message="failed in Proctor run %s"/>\n' "$(xml_escape "$name")"
      printf '    </testcase>\n'
    done <<<"$failed_tests"
    while IFS= read -r test; do
      [ -n "$test" ] || continue
      testcase_open "$test"
      printf '      <system-out>flaky: failed, then passed on a retry</system-out>\n'
      printf '    </testcase>\n'
    done <<<"$flaky_tests"
    printf '    <testcase classname="proctor.TestSuiteRun" name="%s">\n' "$(xml_escape "$name")"
    case $phase in
      Succeeded) ;;
      Error) printf '      <error type="%s" message="%s"/>\n' "$(xml_escape "$reason")" "$(xml_escape "$message")" ;;
      *) printf '      <failure type="%s" message="%s"/>\n' "$(xml_escape "$reason")" "$(xml_escape "$message")" ;;
    esac
    printf '    </testcase>\n'
    printf '  </testsuite>\n'
    printf '</testsuites>\n'
  } >"$file"
  echo "JUnit report: $file"
}

# seconds of a kubectl-style duration: 90, 90s, 5m, 1h
seconds_of() {
  case $1 in
    *h) echo $((${1%h} * 3600)) ;;
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}

# The merged JUnit XML and HTML report from the artifact store (see the header); 1 when there is none to use.
merged_report() {
  local phase_of_report deadline
  [ -n "$(field .status.artifacts.bucket)" ] || return 1
  if ! command -v "$proctor" >/dev/null 2>&1; then
    echo "run-suite: $run has an artifact store; put the proctor CLI on PATH for its merged JUnit XML and HTML report (docs/cli.md)"
    return 1
  fi
  deadline=$((SECONDS + $(seconds_of "$report_timeout")))
  while :; do
    phase_of_report=$(field .status.report.phase)
    case $phase_of_report in
      Ready) break ;;
      Failed)
        echo "run-suite: the report of $run could not be built: $(field .status.report.reason): $(field .status.report.message)" >&2
        return 1 ;;
    esac
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "run-suite: no report of $run within $report_timeout (job $(field .status.report.job))" >&2
      return 1
    fi
    sleep 2
  done
  if ! "$proctor" report "$name" --namespace "$namespace_of_run" --output "$report_dir/$name" >/dev/null; then
    echo "run-suite: proctor report $name failed (above); using the report from the status" >&2
    return 1
  fi
  [ -s "$report_dir/$name/junit.xml" ] || return 1
  cp "$report_dir/$name/junit.xml" "$report_dir/proctor-$name.xml"
  echo "JUnit report (merged from every shard): $report_dir/proctor-$name.xml"
  echo "HTML report: $report_dir/$name/index.html"
}

run=$(k create -f "$manifest" -o name) || { echo "run-suite: kubectl create -f $manifest failed" >&2; exit 3; }
name=${run#*/}
namespace_of_run=$(field .metadata.namespace)
suite=$(field .spec.suite)
echo "Created $run (suite $suite) in namespace $namespace_of_run; waiting up to $timeout for it to finish"

if ! k wait "$run" --for=condition=Complete --timeout="$timeout" >/dev/null; then
  echo "run-suite: $run did not finish within $timeout: phase $(field .status.phase), $(field .status.shardsDone) shards done" >&2
  echo "  kubectl ${ns_args[*]} describe $run" >&2
  exit 3
fi

phase=$(field .status.phase)
reason=$(field .status.reason)
message=$(field .status.message)
failed_tests=$(items .status.failedTests)
flaky_tests=$(items .status.flakyTests)
omitted=$(field .status.failedTestsOmitted)

echo "Verdict: $phase ($reason): $message"
echo "Tests: $(field .status.totals.tests) total, $(field .status.totals.passed) passed, $(field .status.totals.failed) failed, $(field .status.totals.skipped) skipped, $(field .status.totals.flaky) flaky; duration $(field .status.duration)"
if [ -n "$failed_tests" ]; then
  echo "Failed tests:"
  indent "$failed_tests"
  if [ -n "$omitted" ] && [ "$omitted" != 0 ]; then echo "  ... and $omitted more"; fi
fi
if [ -n "$flaky_tests" ]; then
  echo "Flaky tests (passed on a retry):"
  indent "$flaky_tests"
fi
mkdir -p "$report_dir"
merged_report || write_report

case $phase in
  Succeeded) exit 0 ;;
  Failed) exit 1 ;;
  *)
    echo "Shards:" >&2
    k get "$run" -o 'jsonpath={range .status.shards[*]}  shard {.index} attempt {.attempt}: {.phase} {.reason} {.message}{"\n"}{end}' >&2 || true
    exit 2 ;;
esac
