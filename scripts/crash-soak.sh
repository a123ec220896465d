#!/usr/bin/env bash
# Long crash soak for the workspace store: the test suite's crash harness
# (CrashHarnessTests) with many more SIGKILL trials. Each round of 50 trials
# uses a fresh workspace; every trial must keep every reported label, pass
# PRAGMA integrity_check and leave no torn model file.
#
#   scripts/crash-soak.sh [TRIALS]        default 1000
#   SPECK_CRASH_SEED=N scripts/crash-soak.sh   repeat a run's kill moments
#   SPECK_BUILD_PATH=.build-x              build folder (default: .build)
set -euo pipefail
cd "$(dirname "$0")/.."

trials="${1:-1000}"
flags=(-c release -Xswiftc -enable-testing)
if [ -n "${SPECK_BUILD_PATH:-}" ]; then flags+=(--scratch-path "$SPECK_BUILD_PATH"); fi

swift build "${flags[@]}" --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
export SPECK_BINARY; SPECK_BINARY="$(swift build "${flags[@]}" --show-bin-path)/speck"
export SPECK_CRASH_TRIALS="$trials"
start=$(date +%s)
swift test "${flags[@]}" --skip-build --filter CrashHarnessTests 2>&1 | grep -E "crash harness|error|failed|Executed"
echo "soak of $trials trials finished in $(( $(date +%s) - start )) s"
