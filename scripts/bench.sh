#!/usr/bin/env bash
# Quire measured against its peers and the physical floor, in one run
# (`make bench`, which builds build/bin/quire first). It generates corpora of
# 1,000 and 10,000 posts (go run ./tools/corpus, seed 1), then times:
#   render   quire render vs cmark-gfm, on the sample post and on a 1 MB post
#   import   quire import of each corpus into a new database
#   export   quire export vs hugo (a minimal theme written here: goldmark
#            unsafe, categories and tags, RSS, sitemap), and again after one edit
#   floor    cp -r of Quire's exported files (as many files and bytes)
#   real     the same on a real-world corpus (go run ./tools/realcorpus: the
#            READMEs and docs in frontend/node_modules and the Go module
#            cache, up to 1,000 posts): import, export vs hugo, and rendering
#            one long document of them vs cmark-gfm and vs goldmark alone
#            (go run ./tools/goldmark); and a post of 60 fences
#            in languages chroma does not know, with and without highlighting
# each as the median of several runs with min and max, the peak memory
# (GNU time %M), and the ratio Quire / other. Then the Go benchmarks beside the
# hot code and the browser benchmarks (preview latency, and the UI engineer's
# scripts/bench-ui.sh: cold start, library search and memory at 10,000 posts,
# keystroke to preview in the real window). It writes the tables,
# the machine and the command to docs/benchmarks.md.
#
# Peers missing from the machine are installed with apt (cmark-gfm, hugo,
# time); one that cannot be installed is skipped with a note in the table.
#
# QUIRE_BENCH_SMOKE=1 runs everything above except the Go and browser
# benchmarks with 20 posts, a 20 KB post and one run each, and writes to
# QUIRE_BENCH_OUT (default: a temporary file) instead of docs/benchmarks.md;
# `make test` runs it so this script cannot rot. Any measured command that
# fails makes the script exit 1, in both modes; the figures themselves are
# never checked.
#
# Other knobs: QUIRE_BENCH_SIZES ("1000 10000"), QUIRE_BENCH_REAL (posts of the
# real-world corpus, 1000; 0 leaves it out), QUIRE_BENCH_RUNS (runs of the
# slow steps: default 5, and 3 from 5,000 posts; quick ones run 3x as often), QUIRE_BENCH_GO=0 and
# QUIRE_BENCH_UI=0 to leave those parts out, QUIRE_BENCH_KEEP=1 to keep the
# work folder, QUIRE_BENCH_LOG (default .cache/bench/bench.log).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
quire=$root/build/bin/quire

smoke=${QUIRE_BENCH_SMOKE:-0}
[ "$smoke" = 1 ] || smoke=0
if [ $smoke = 1 ]; then
	sizes=${QUIRE_BENCH_SIZES:-20}
	runs_small=${QUIRE_BENCH_RUNS:-1} runs_big=${QUIRE_BENCH_RUNS:-1}
	fast_runs=$runs_small
	large_size=$((20 * 1024))
	real_n=${QUIRE_BENCH_REAL:-20} real_large_size=$((20 * 1024))
	out=${QUIRE_BENCH_OUT:-$(mktemp --tmpdir quire-bench-smoke.XXXXXX.md)}
	run_go=0 run_ui=0
else
	sizes=${QUIRE_BENCH_SIZES:-1000 10000}
	runs_small=${QUIRE_BENCH_RUNS:-5} runs_big=${QUIRE_BENCH_RUNS:-3}
	fast_runs=$((runs_small * 3))
	large_size=$((1024 * 1024))
	real_n=${QUIRE_BENCH_REAL:-1000} real_large_size=$((15 * 1024 * 1024))
	out=${QUIRE_BENCH_OUT:-docs/benchmarks.md}
	run_go=${QUIRE_BENCH_GO:-1} run_ui=${QUIRE_BENCH_UI:-1}
fi
log=${QUIRE_BENCH_LOG:-.cache/bench/bench.log} # not test-output/, which make test empties
mkdir -p "$(dirname "$log")" "$(dirname "$out")"
log=$(realpath -m "$log") # absolute: some steps run in e2e/
: >"$log"
base_url=https://example.org/
started=$(date -u '+%Y-%m-%d %H:%M UTC')
# The code measured, taken before the report is written: the report is
# docs/benchmarks.md, a tracked file, so read at the end it always said -dirty.
revision=$(git describe --always --dirty 2>/dev/null || echo unknown)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t_start=$(date +%s)

say() { echo "bench: $*" >&2; echo "== $*" >>"$log"; }
# The highest 1-minute load average seen at the start of each measurement.
load_max=0
sample_load() {
	local l
	l=$(cut -d' ' -f1 /proc/loadavg)
	load_max=$(awk -v a="$load_max" -v b="$l" 'BEGIN { print (b > a ? b : a) }')
}
sample_load

[ -x "$quire" ] || { echo "bench: $quire is missing: run 'make build' (or 'make bench')" >&2; exit 1; }

work=$(mktemp -d --tmpdir quire-bench.XXXXXX)
if [ "${QUIRE_BENCH_KEEP:-0}" = 1 ]; then
	trap 'echo "bench: work folder kept: $work" >&2' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
# Quire keeps highlighted code in the user's cache folder (see
# backend/render/highlight/diskcache). The bench has a cache folder of its
# own, emptied before every run ($cold) but those that say they reuse it, so
# a first export or render is timed as one. Go's build cache stays put.
export GOCACHE=${GOCACHE:-$(go env GOCACHE)}
export XDG_CACHE_HOME=$work/cache
cold="rm -rf '$XDG_CACHE_HOME/quire'"

# --- peers -------------------------------------------------------------------
declare -A skip=() # peer -> why it is not measured
install_peers() {
	local -A pkg_of=([cmark-gfm]=cmark-gfm [hugo]=hugo [/usr/bin/time]=time)
	local missing=() c
	for c in cmark-gfm hugo /usr/bin/time; do
		command -v "$c" >/dev/null || missing+=("${pkg_of[$c]}")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	if ! command -v apt-get >/dev/null; then
		for c in "${missing[@]}"; do skip[$c]="not installed (no apt-get here)"; done
		return 0
	fi
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "installing ${missing[*]} with apt-get"
	$sudo apt-get update -qq >>"$log" 2>&1 || true
	for c in "${missing[@]}"; do
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$c" >>"$log" 2>&1 ||
			skip[$c]="not measured: the Debian package $c could not be installed"
	done
}
install_peers
has_time=1
[ -x /usr/bin/time ] || has_time=0

# --- measuring ---------------------------------------------------------------
# Every row of the results table: "label|tool|median_us|min_us|max_us|mem_kb|runs|ratio_to"
rows=()
failures=()
outputs=() # "corpus|tool|files|bytes" of each export
declare -A median_of=() # key -> median in microseconds

# measure KEY LABEL TOOL RUNS PREP CMD... runs PREP (shell code, untimed) and
# then CMD, RUNS times; stdout of CMD is discarded, stderr goes to the log.
measure() {
	local key=$1 label=$2 tool=$3 n=$4 prep=$5
	shift 5
	local -a ts=() ms=()
	local i t0 t1 mem
	say "$label: $tool ($n runs): $*"
	sample_load
	for ((i = 1; i <= n; i++)); do
		if [ -n "$prep" ] && ! (eval "$prep") >>"$log" 2>&1; then
			failures+=("$label, $tool: preparing run $i failed")
			rows+=("$label|$tool|fail||||$n|")
			return 0
		fi
		t0=$(date +%s%N)
		if [ $has_time = 1 ]; then
			/usr/bin/time -f %M -o "$work/mem" "$@" >/dev/null 2>>"$log"
		else
			"$@" >/dev/null 2>>"$log"
		fi || {
			failures+=("$label, $tool: '$*' exited with status $?")
			rows+=("$label|$tool|fail||||$n|")
			return 0
		}
		t1=$(date +%s%N)
		ts+=($(((t1 - t0) / 1000)))
		if [ $has_time = 1 ]; then ms+=("$(tail -1 "$work/mem")"); else ms+=(0); fi
	done
	local sorted
	sorted=($(printf '%s\n' "${ts[@]}" | sort -n))
	local med=${sorted[$((n / 2))]}
	[ $((n % 2)) = 1 ] || med=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
	local maxmem
	maxmem=$(printf '%s\n' "${ms[@]}" | sort -n | tail -1)
	median_of[$key]=$med
	rows+=("$label|$tool|$med|${sorted[0]}|${sorted[$((n - 1))]}|$maxmem|$n|$key")
}

# aside DIR moves the output of the previous run out of the way instead of
# removing it: after 20,000 files and folders are removed, ext4 spends up to
# 30 s looking past the freed inodes whenever it makes a new one
# (recently_deleted in ext4's inode allocator), which made the next run of
# every tool writing a site slower (quire export of 10,000 posts here: 8.0 to
# 9.5 s right after the previous output was removed, 5.9 to 6.9 s when
# nothing had been removed for a minute; 4.7 to 6.1 s of it in the kernel
# against 1.1 to 2.7). The outputs set aside are removed with the corpus,
# after its last measurement.
aside() {
	[ -e "$1" ] || return 0
	mkdir -p "$work/old"
	mv "$1" "$(mktemp -u "$work/old/$(basename "$1").XXXXXX")"
}

# against KEY repeats the last row (a peer's) under KEY, so that its ratio
# is to another of Quire's rows: the same runs, not measured again.
against() {
	local label tool rest
	IFS='|' read -r label tool rest <<<"${rows[-1]}"
	rows+=("$label|$tool (the runs above; ÷: $kept_tool)|${rest%|*}|$1")
}
# The tool of the exports that find their code highlighted by the one
# before (which had an empty cache).
kept_tool="quire export, code highlighted by an earlier export"

# note LABEL TOOL WHY: a row for something not measured.
note() { rows+=("$1|$2|note:$3"); }

# --- the corpora -------------------------------------------------------------
say "building tools/corpus"
go build -o "$work/corpus" ./tools/corpus
for n in $sizes; do
	"$work/corpus" -n "$n" -seed 1 -out "$work/posts-$n"
done
"$work/corpus" -seed 1 -large "$work/large.md" -large-size $large_size
first=${sizes%% *}
sample=$work/posts-$first/kubecon-2017-austin-summary.md
# commas 12345 -> 12,345
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { if (b >= 1048576) printf "%.1f MB", b / 1048576; else printf "%.1f KB", b / 1024 }'; }

# --- render ------------------------------------------------------------------
cmark=(cmark-gfm -e table -e strikethrough -e autolink -e tasklist --unsafe)
# What starting each binary costs, to read the render rows by.
measure start "start the program and exit" "quire version" $fast_runs "" "$quire" version
if [ -z "${skip[cmark-gfm]:-}" ]; then
	measure start/cmark "start the program and exit" "cmark-gfm --version" $fast_runs "" cmark-gfm --version
fi
for f in "$sample" "$work/large.md"; do
	label="render one post ($(size "$f"))"
	[ "$f" = "$sample" ] && label="render the sample post ($(size "$f"))"
	k=render-$(basename "$f" .md)
	measure "$k" "$label" "quire render" $fast_runs "$cold" "$quire" render "$f"
	# cmark-gfm has no highlighter: the same without it, to read its row by.
	measure "$k-nohl" "$label" "quire render --no-highlight" $fast_runs "" "$quire" render --no-highlight "$f"
	if [ -n "${skip[cmark-gfm]:-}" ]; then
		note "$label" cmark-gfm "${skip[cmark-gfm]}"
	else
		measure "$k/cmark" "$label" "cmark-gfm" $fast_runs "" "${cmark[@]}" "$f"
	fi
done

# --- hugo site ---------------------------------------------------------------
# hugo_site DIR POSTS: a site with the folder POSTS as content/posts and a
# minimal theme: a page per post with its categories and tags, paginated
# home, section and term pages (10 a page, as Quire), RSS and sitemap.
hugo_site() {
	local dir=$1 posts=$2 t=$1/themes/bench/layouts
	mkdir -p "$dir/content" "$t/_default"
	cp -r "$posts" "$dir/content/posts"
	cat >"$dir/config.toml" <<EOF
baseURL = "$base_url"
title = "Bench"
languageCode = "en"
theme = "bench"
paginate = 10
rssLimit = 20
[taxonomies]
  category = "categories"
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = true
EOF
	cat >"$t/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
EOF
	cat >"$t/_default/single.html" <<'EOF'
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min</p>
{{ .Content }}
<footer>{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}</footer>
</article>{{ end }}
EOF
	cat >"$t/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range (.Paginate $pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Summary | plainify | truncate 200 }}</p></article>
{{ end }}
{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">Newer</a>{{ end }} {{ if .HasNext }}<a href="{{ .Next.URL }}">Older</a>{{ end }}{{ end }}
{{ end }}
EOF
	cat >"$t/_default/terms.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
EOF
}
hugo_cmd() { echo hugo --quiet --source "$1" --cacheDir "$work/hugo-cache"; }

# --- import, export, re-export, floor per corpus ------------------------------
have_export=0
# (Not "quire help | grep -q": grep quits early and pipefail counts quire's broken pipe.)
[[ $("$quire" help 2>/dev/null) =~ $'\n  export ' ]] && have_export=1
for n in $sizes; do
	posts=$work/posts-$n
	db=$work/quire-$n.db
	site=$work/hugo-$n
	qout=$work/quire-out-$n
	nn=$(commas "$n")
	# The post edited before each re-export: one from the middle.
	victim=$(ls "$posts" | sed -n "$(((n + 1) / 2))p")

	# Fewer runs on the big corpora: a 10,000-post hugo build takes 10 to 40 s here.
	runs=$runs_small
	[ "$n" -lt 5000 ] || runs=$runs_big
	measure "import-$n" "import $nn posts" "quire import" $runs "rm -f '$db' '$db-wal' '$db-shm'" \
		"$quire" --db "$db" import "$posts"

	label="export $nn posts"
	relabel="re-export $nn posts after one edit"
	if [ $have_export = 1 ]; then
		measure "export-$n" "$label" "quire export" $runs "aside '$qout'; $cold" \
			"$quire" --db "$db" export --out "$qout" --base-url "$base_url"
		measure "export-kept-$n" "$label" "$kept_tool" $runs "aside '$qout'" \
			"$quire" --db "$db" export --out "$qout" --base-url "$base_url"
		measure "reexport-$n" "$relabel" "quire export" $runs \
			"printf '\nEdited for the re-export benchmark, run %s.\n' \$RANDOM >>'$posts/$victim' && '$quire' --db '$db' import '$posts/$victim'" \
			"$quire" --db "$db" export --out "$qout" --base-url "$base_url"
	else
		note "$label" "quire export" "not measured: quire export not available"
		note "$relabel" "quire export" "not measured: quire export not available"
	fi

	# Hugo's memory grows with the site (its peak at 10,000 posts, divided
	# by the posts): it is measured only where the machine has room for it
	# with half again to spare, so that a 100,000-post run
	# (QUIRE_BENCH_SIZES="1000 10000 100000") does not end in the OOM killer.
	hugo_why=${skip[hugo]:-}
	need_kb=$((n * 450)) avail_kb=$(awk '/MemAvailable/ { print $2 }' /proc/meminfo)
	if [ -z "$hugo_why" ] && [ "$avail_kb" -lt "$need_kb" ]; then
		hugo_why=$(awk -v n="$((n * 300))" -v a="$avail_kb" -v p="$nn" 'BEGIN { printf "not measured: hugo needs about %.1f GB for %s posts, and %.1f GB of memory is available", n / 1048576, p, a / 1048576 }')
	fi
	if [ -n "$hugo_why" ]; then
		note "$label" hugo "$hugo_why"
		note "$relabel" hugo "$hugo_why"
	else
		hugo_site "$site" "$posts"
		measure "export-$n/hugo" "$label" hugo $runs "aside '$site/public'" $(hugo_cmd "$site")
		against "export-kept-$n/hugo"
		measure "reexport-$n/hugo" "$relabel" hugo $runs \
			"printf '\nEdited for the re-export benchmark, run %s.\n' \$RANDOM >>'$site/content/posts/$victim'" \
			$(hugo_cmd "$site")
	fi

	if [ $have_export = 1 ] && [ -d "$qout" ]; then
		files=$(find "$qout" -type f | wc -l)
		bytes=$(du -sb "$qout" | cut -f1)
		measure "export-$n/cp" "$label" "cp -r ($(commas "$files") files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB: Quire's output)" $runs \
			"aside '$work/copy'" cp -r "$qout" "$work/copy"
		aside "$work/copy"
		outputs+=("$nn posts|quire export|$files|$bytes")
	else
		note "$label" "cp -r (the floor)" "not measured: needs Quire's export output"
	fi
	if [ -d "$site/public" ]; then
		outputs+=("$nn posts|hugo|$(find "$site/public" -type f | wc -l)|$(du -sb "$site/public" | cut -f1)")
	fi
	[ "${QUIRE_BENCH_KEEP:-0}" = 1 ] || rm -rf "$site" "$qout" "$db" "$db-wal" "$db-shm" "$work/old"
done

# --- the real-world corpus ----------------------------------------------------
# Markdown that others wrote, as it is on this machine (tools/realcorpus says
# which folders); how many posts depends on what is installed. Its long
# document and the post of 60 unknown fences are rendered with and without
# highlighting: chroma's look-ups and lexers on real fence languages.
fences=backend/render/testdata/bench/unknown-fences.md
label="render 60 fences in languages chroma lacks ($(size "$fences"))"
measure render-fences "$label" "quire render" $fast_runs "$cold" "$quire" render "$fences"
measure render-fences/nohl "$label" "quire render --no-highlight (÷: with highlighting)" $fast_runs "" "$quire" render --no-highlight "$fences"
real_count=0
if [ "$real_n" -gt 0 ]; then
	say "building tools/realcorpus"
	go build -o "$work/realcorpus" ./tools/realcorpus
	st=0
	"$work/realcorpus" -n "$real_n" -out "$work/real-posts" -large "$work/real-large.md" -large-size $real_large_size 2>>"$log" || st=$?
	if [ $st = 0 ]; then
		real_count=$(find "$work/real-posts" -name '*.md' | wc -l)
	elif [ $st = 3 ]; then
		note "real-world corpus" "tools/realcorpus" "not measured: no Markdown in frontend/node_modules or the Go module cache (npm ci, go mod download)"
	else
		failures+=("tools/realcorpus exited with status $st (see $log)")
	fi
fi
if [ $real_count -gt 0 ]; then
	nn=$(commas "$real_count")
	f=$work/real-large.md
	label="render one real-world document ($(size "$f"))"
	measure render-real "$label" "quire render" $runs_small "$cold" "$quire" render "$f"
	measure render-real/nohl "$label" "quire render --no-highlight (÷: with highlighting)" $runs_small "" "$quire" render --no-highlight "$f"
	median_of[render-real-nohl]=${median_of[render-real/nohl]:-}
	if [ -n "${skip[cmark-gfm]:-}" ]; then
		note "$label" cmark-gfm "${skip[cmark-gfm]}"
	else
		measure render-real-nohl/cmark "$label" "cmark-gfm (÷: quire --no-highlight)" $runs_small "" "${cmark[@]}" "$f"
	fi
	# The floor under Quire's row: the parser it uses, as shipped, with
	# cmark-gfm's extensions and nothing of Quire's (tools/goldmark).
	go build -o "$work/goldmark" ./tools/goldmark
	measure render-real-nohl/goldmark "$label" "goldmark alone, cmark-gfm's extensions (÷: quire --no-highlight)" $runs_small "" "$work/goldmark" "$f"
	posts=$work/real-posts db=$work/quire-real.db qout=$work/quire-out-real site=$work/hugo-real
	measure import-real "import $nn real-world posts" "quire import" $runs_small "rm -f '$db' '$db-wal' '$db-shm'" \
		"$quire" --db "$db" import "$posts"
	label="export $nn real-world posts"
	if [ $have_export = 1 ]; then
		measure export-real "$label" "quire export" $runs_small "aside '$qout'; $cold" \
			"$quire" --db "$db" export --out "$qout" --base-url "$base_url"
		measure export-kept-real "$label" "$kept_tool" $runs_small "aside '$qout'" \
			"$quire" --db "$db" export --out "$qout" --base-url "$base_url"
	else
		note "$label" "quire export" "not measured: quire export not available"
	fi
	if [ -n "${skip[hugo]:-}" ]; then
		note "$label" hugo "${skip[hugo]}"
	else
		hugo_site "$site" "$posts"
		measure export-real/hugo "$label" hugo $runs_small "aside '$site/public'" $(hugo_cmd "$site")
		against export-kept-real/hugo
	fi
	[ "${QUIRE_BENCH_KEEP:-0}" = 1 ] || rm -rf "$site" "$qout" "$db" "$db-wal" "$db-shm" "$work/old"
fi

# --- Go benchmarks and browser benchmarks (full runs only) -------------------
gobench=""
if [ $run_go = 1 ]; then
	sample_load
	say "go test -bench"
	pkgs=$(grep -rl --include='*_test.go' '^func Benchmark' backend | xargs -n1 dirname | sort -u | sed 's|^|./|')
	pat='^Benchmark(RenderSeed|RenderSeedPreview|Render1MB|SavePost50KB|SavePost1MB|ListFirstPage|Search|Export.*)$'
	if gobench=$(go test -tags sqlite_fts5 -run '^$' -bench "$pat" -benchtime 2s -benchmem $pkgs 2>>"$log"); then :; else
		failures+=("go test -bench failed (see $log)")
	fi
	echo "$gobench" >>"$log"
	gobench=$(echo "$gobench" | grep -E '^(Benchmark|pkg:|ok|FAIL)' || true)
fi

ui_preview="" ui_app="" ui_note=""
if [ $run_ui = 1 ]; then
	if command -v Xvfb >/dev/null && command -v chromium >/dev/null && [ -d e2e/node_modules ]; then
		sample_load
		say "browser: keystroke to preview (e2e/bench/preview-latency.mjs)"
		# Two attempts: under load its waits for the preview have timed out
		# once in a while. A failed first attempt is said in the report.
		ui_note=""
		make --no-print-directory dev-build >>"$log" 2>&1 || failures+=("make dev-build failed (see $log)")
		for attempt in 1 2; do
			if ui_preview=$(cd e2e && timeout 600 node bench/preview-latency.mjs 2>>"$log"); then break; else st=$?; fi
			echo "$ui_preview" >>"$log"
			echo "== preview-latency.mjs attempt $attempt exited with status $st (124: timeout; 128+N: signal N)" >>"$log"
			if [ $attempt = 1 ]; then
				ui_note="(The first attempt failed with status $st, see the log; these figures are from the second.)"
			else
				failures+=("e2e/bench/preview-latency.mjs failed twice, last with status $st (see $log)")
				ui_note=""
			fi
		done
		echo "$ui_preview" >>"$log"
		if [ -x scripts/bench-ui.sh ]; then
			sample_load
			say "browser: the UI benchmark (scripts/bench-ui.sh, 10,000 posts)"
			if ui_app=$(BENCH_POSTS=10000 BENCH_RUNS=${BENCH_RUNS:-3} timeout 900 scripts/bench-ui.sh 2>>"$log"); then :; else
				failures+=("scripts/bench-ui.sh failed (see $log)")
			fi
			echo "$ui_app" >>"$log"
		fi
	else
		ui_preview="not measured: needs Xvfb, Debian's Chromium and e2e/node_modules (make deps-test)"
	fi
fi

# --- the report ----------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(($(date +%s) - t_start))

# ms US: microseconds as a readable duration.
ms() { awk -v u="$1" 'BEGIN { m = u / 1000; if (m >= 1000) printf "%.2f s", m / 1000; else if (m >= 100) printf "%.0f ms", m; else printf "%.1f ms", m }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }

{
	if [ $smoke = 1 ]; then
		echo "# Benchmark smoke run (tiny corpus, one run each: the figures mean nothing)"
	else
		echo "# Benchmarks"
		echo
		echo "Written by \`scripts/bench.sh\` at the end of its last full run; do not edit by hand."
	fi
	echo
	echo "## The run"
	echo
	if [ -n "${MAKELEVEL:-}" ]; then
		echo "- Command: \`make bench\` (\`make deps build\`, then \`scripts/bench.sh\`)"
	else
		echo "- Command: \`$(env | grep -E '^QUIRE_BENCH_' | sort | tr '\n' ' ')scripts/bench.sh\`"
	fi
	echo "- Started $started, took $((elapsed / 60)) min $((elapsed % 60)) s; Quire $revision"
	echo "- Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
	echo "- Load average (1, 5, 15 min) before: $load_before; after: $load_after; the highest 1-minute figure seen at the start of a measurement: $load_max. The benchmark itself keeps one or two of the $(nproc) CPUs busy; more than that is other work on this shared machine, and the wall-clock figures include waiting for it."
	echo "- $(go version | sed 's/^go version //'); Node.js $(node --version 2>/dev/null || echo 'not installed')"
	echo "- Peers: $(hugo version 2>/dev/null | cut -d' ' -f1-2 || true)${skip[hugo]:+hugo: ${skip[hugo]}}; $(cmark-gfm --version 2>/dev/null | head -1 || true)${skip[cmark-gfm]:+cmark-gfm: ${skip[cmark-gfm]}}"
	echo "- Corpora: \`go run ./tools/corpus -n N -seed 1\` for N in $sizes (posts of about 7.5 KB: headings, lists, task lists, fenced code, tables, links, images, quotes; about one in ten a draft; the sample post kubecon-2017-austin-summary.md among them); \`-large FILE -large-size $large_size\` for the long post (no front matter, so both renderers read the same text)."
	[ "$real_n" -le 0 ] || echo "- Real-world corpus: \`go run ./tools/realcorpus -n $real_n -large FILE -large-size $real_large_size\` ($(commas "$real_count") posts: the READMEs and docs found in frontend/node_modules and the Go module cache, each with front matter of its own, taken once by content in SHA-256 order; the long document is their bodies one after another). The 60-fence post is backend/render/testdata/bench/unknown-fences.md."
	echo
	echo "## Side by side"
	echo
	echo "Wall-clock time of the whole command (process start included), median of the runs with min and max;"
	echo "peak memory is the largest maximum resident set size of any run (GNU time \`%M\`)."
	echo "\"Quire ÷ this\" is Quire's median divided by this tool's: above 1, Quire is slower."
	echo
	echo "| Benchmark | Tool | Median | Min | Max | Peak memory | Runs | Quire ÷ this |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|"
	# Rows grouped by benchmark, in the order the benchmarks were first measured.
	declare -A seen=()
	grouped=()
	for r in "${rows[@]}"; do
		l=${r%%|*}
		[ -z "${seen[$l]:-}" ] || continue
		seen[$l]=1
		for r2 in "${rows[@]}"; do [ "${r2%%|*}" != "$l" ] || grouped+=("$r2"); done
	done
	for r in "${grouped[@]}"; do
		IFS='|' read -r label tool med lo hi mem n key <<<"$r"
		if [[ $med == note:* ]]; then
			echo "| $label | $tool | ${med#note:} | | | | | |"
			continue
		fi
		if [ "$med" = fail ]; then
			echo "| $label | $tool | **failed** (see the log) | | | | $n | |"
			continue
		fi
		ratio=""
		if [[ $key == */* ]]; then
			q=${median_of[${key%/*}]:-}
			[ -z "$q" ] || ratio=$(awk -v q="$q" -v p="$med" 'BEGIN { printf "%.2f×", q / p }')
		fi
		memtxt="n/a"
		[ $has_time = 0 ] || memtxt=$(mb "$mem")
		echo "| $label | $tool | $(ms "$med") | $(ms "$lo") | $(ms "$hi") | $memtxt | $n | $ratio |"
	done
	echo
	echo "Re-export: before each run one post from the middle of the corpus gets a paragraph more; for Quire the"
	echo "edited file is imported again (not timed) and \`quire export\` writes into its previous output; hugo"
	echo "builds the edited site into its previous \`public/\` (outside \`hugo server\` every build is a full one)."
	echo "Quire's render and export rows start with its cache of highlighted code empty; the rows \"$kept_tool\" find it as the"
	echo "export before left it, as an export after a restart, a new theme or new site settings does (see backend/render/highlight/diskcache)."
	echo "Export runs start from a new, empty output folder (the previous run's output is moved aside, not removed: see aside in scripts/bench.sh). The render rows include starting the program: the"
	echo "first rows show what that alone costs (\`build/bin/quire\`, the command line without the GUI libraries of \`quire-app\`)."
	echo "Hugo's theme is written by the script: a page per post, paginated home, section and term pages"
	echo "(10 a page), RSS (the latest 20 posts in each feed) and sitemap, goldmark with \`unsafe = true\`; both highlight fenced code with Chroma."
	if [ ${#outputs[@]} -gt 0 ]; then
		echo
		echo "### What the exports wrote"
		echo
		echo "| Corpus | Tool | Files | Bytes |"
		echo "|---|---|---:|---:|"
		for o in "${outputs[@]}"; do
			IFS='|' read -r c tool f b <<<"$o"
			echo "| $c | $tool | $(commas "$f") | $(commas "$b") |"
		done
	fi
	if [ -n "$gobench" ]; then
		echo
		echo "## Go benchmarks"
		echo
		echo "\`go test -tags sqlite_fts5 -run '^\$' -bench '$pat' -benchtime 2s -benchmem\` over the backend packages"
		echo "that have benchmarks (in-process, no process start):"
		echo
		echo '```'
		echo "$gobench"
		echo '```'
	fi
	if [ -n "$ui_preview$ui_app" ]; then
		echo
		echo "## In the browser"
		echo
		echo "Keystroke to updated preview (\`e2e/bench/preview-latency.mjs\`, Debian's Chromium against the dev binary):"
		echo
		echo '```'
		echo "$ui_preview"
		echo '```'
		[ -z "$ui_note" ] || { echo; echo "$ui_note"; }
		if [ -n "$ui_app" ]; then
			echo
			echo "The UI benchmark at 10,000 posts (\`scripts/bench-ui.sh\`): cold start, switching posts, library search"
			echo "from the last keystroke to the results, memory; then, in the real WebKit window with keys pressed by"
			echo "xdotool (\`e2e/bench/window-bench.mjs\`), keystroke to updated preview on the sample post, the 60-fence post and a"
			echo "200 KB post, and library search again (p50, p95):"
			echo
			echo '```'
			echo "$ui_app"
			echo '```'
		fi
	fi
	if [ ${#failures[@]} -gt 0 ]; then
		echo
		echo "## Failures"
		echo
		for f in "${failures[@]}"; do echo "- $f"; done
	fi
} >"$out"

say "wrote $out in $((elapsed / 60)) min $((elapsed % 60)) s (log: $log)"
[ $smoke = 0 ] || cat "$out"
if [ ${#failures[@]} -gt 0 ]; then
	printf 'bench: FAILED: %s\n' "${failures[@]}" >&2
	exit 1
fi
