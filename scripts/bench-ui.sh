#!/usr/bin/env bash
# UI benchmark: cold start, switching posts, library search and memory of the
# real app with a library of BENCH_POSTS (default 10000) generated posts.
# Needs what `make test` installs (Xvfb, Chromium). Prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory build dev-build >/dev/null
cd e2e && exec node bench/bench-ui.mjs
