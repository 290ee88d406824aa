#!/usr/bin/env bash
# UI benchmark: cold start, switching posts, library search and memory of the
# real app with a library of BENCH_POSTS (default 10000) generated posts, then
# keystroke to preview (the sample post and a 200 KB post) and library search
# in the real window, keys pressed by xdotool (e2e/bench/window-bench.mjs).
# Needs what `make test` installs (Xvfb, xdotool, Chromium). Prints the
# figures with p50/p95 and the load average. Other knobs: BENCH_RUNS (cold
# starts, 5), BENCH_KEYS (keys per post, 60), BENCH_SEARCH_ROUNDS (of the 8
# searches, 3).
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory build dev-build >/dev/null
cd e2e && exec node bench/bench-ui.mjs
