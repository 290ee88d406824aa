#!/usr/bin/env bash
# Runs every test stage of `make test` and ends with one line:
#   N passed, N failed
# Each stage runs even when an earlier one failed, so one run shows all failures.
# Logs and screenshots go to test-output/.
set -uo pipefail
cd "$(dirname "$0")/.."
out=test-output
rm -rf "$out"; mkdir -p "$out"
passed=0 failed=0
# What Quire caches (highlighted code: backend/render/highlight/diskcache)
# goes to a folder of the run's own, not the user's cache folder; Go's build
# cache stays where it is.
export GOCACHE=${GOCACHE:-$(go env GOCACHE)}
XDG_CACHE_HOME=$(mktemp -d --tmpdir quire-test-cache.XXXXXX)
export XDG_CACHE_HOME
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
declare -a broken=()

stage() { echo; echo "== $*"; }
count() { # count NAME PASSED FAILED STATUS
	local name=$1 p=$2 f=$3 status=$4
	# A stage that failed without a failing test (a build error) counts as one failure.
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	[ "$f" -eq 0 ] || broken+=("$name")
	echo "-- $name: $p passed, $f failed"
}

stage "frontend build"
(cd frontend && npm run build --silent) >"$out/frontend-build.log" 2>&1
s=$?; [ $s -eq 0 ] || tail -30 "$out/frontend-build.log"
count "frontend build" $((s == 0)) 0 $s

stage "gofmt, go vet"
make --no-print-directory lint >"$out/lint.log" 2>&1
s=$?; cat "$out/lint.log" | grep -v '^go vet' | tail -30
count lint $((s == 0)) 0 $s

stage "generated bindings are up to date"
make --no-print-directory check-bindings >"$out/bindings.log" 2>&1
s=$?; [ $s -eq 0 ] || tail -30 "$out/bindings.log"
count bindings $((s == 0)) 0 $s

stage "go test -race -tags sqlite_fts5 ./..."
go test -race -tags sqlite_fts5 -v ./... >"$out/go-test.log" 2>&1
s=$?
grep -E '^(ok|FAIL|---|panic:|\?)' "$out/go-test.log" | grep -vE '^\? ' | grep -v -- '--- PASS' | grep -v -- '--- SKIP'
p=$(grep -cE '^\s*--- PASS' "$out/go-test.log"); f=$(grep -cE '^\s*--- FAIL' "$out/go-test.log")
count "go test" "$p" "$f" $s

stage "frontend unit tests (vitest)"
(cd frontend && NO_COLOR=1 npx vitest run) >"$out/vitest.log" 2>&1
s=$?
grep -E '(FAIL|✗|×)' "$out/vitest.log" | head -20
grep -E '^ *(Test Files|Tests) ' "$out/vitest.log"
p=$(sed -n 's/^ *Tests .*\b\([0-9]\+\) passed.*/\1/p' "$out/vitest.log" | tail -1); p=${p:-0}
f=$(sed -n 's/^ *Tests .*\b\([0-9]\+\) failed.*/\1/p' "$out/vitest.log" | tail -1); f=${f:-0}
count vitest "$p" "$f" $s

stage "binaries"
make --no-print-directory build dev-build >"$out/build.log" 2>&1
s=$?; [ $s -eq 0 ] || tail -30 "$out/build.log"
count "build" $((s == 0)) 0 $s

stage "bench smoke: scripts/bench.sh on 20 posts, one run each"
QUIRE_BENCH_SMOKE=1 QUIRE_BENCH_OUT="$out/bench-smoke.md" QUIRE_BENCH_LOG="$out/bench-smoke.log" \
	scripts/bench.sh >"$out/bench-smoke.out" 2>&1 &&
	grep -q '^| render the sample post .* | quire render | [0-9]' "$out/bench-smoke.md" &&
	grep -q '^| import 20 posts | quire import | [0-9]' "$out/bench-smoke.md"
s=$?; [ $s -eq 0 ] || tail -30 "$out/bench-smoke.out"
count "bench smoke" $((s == 0)) 0 $s

stage "end-to-end: real app under Xvfb, Debian's Chromium, real window"
# Node 20's runner takes a folder (it finds the *.test.mjs files), not a glob.
# A test that waits on an app that died fails after 5 minutes instead of
# holding CI until its time runs out.
(cd e2e && node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec tests/) >"$out/e2e.log" 2>&1
s=$?
grep -E '^\s*(✔|✖)' "$out/e2e.log" | head -80
p=$(sed -n 's/^ℹ pass \([0-9]\+\)$/\1/p' "$out/e2e.log"); p=${p:-0}
f=$(sed -n 's/^ℹ fail \([0-9]\+\)$/\1/p' "$out/e2e.log"); f=${f:-0}
[ $s -eq 0 ] || [ "$f" -gt 0 ] || tail -40 "$out/e2e.log"
count e2e "$p" "$f" $s

echo
[ ${#broken[@]} -eq 0 ] || echo "failing stages: ${broken[*]} (logs in $out/)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
