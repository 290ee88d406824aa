#!/usr/bin/env bash
# Export benchmark: `quire export` of BENCH_POSTS (default 10000) generated
# posts with highlighted code, against Hugo on the same Markdown files with a
# minimal theme (pages, home pagination, categories and tags, RSS, sitemap;
# highlighting on in both). Prints wall time and peak memory of each, the
# ratio, and the time of an export after editing one post.
#
# Needs: go, python3, /usr/bin/time, hugo (apt-get install hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_POSTS:-10000}
W=$(mktemp -d /tmp/quire-bench-export.XXXXXX)
trap 'rm -rf "$W"' EXIT
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)" >&2; exit 1; }

go build -tags sqlite_fts5 -o "$W/quire" ./cmd/quire
Q="$W/quire --db $W/quire.db"

# A corpus with a fixed seed: front matter Quire and Hugo both read, a few
# paragraphs, a list, a link and two highlighted code blocks per post.
python3 - "$W/corpus" "$N" <<'PY'
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
random.seed(42)
os.makedirs(out, exist_ok=True)
words = ("the of and to in is for on that with as by it this from at be are was or an not have has "
         "kubernetes container cluster service mesh proxy vault secret distro kernel release cadence "
         "pipeline canary deploy build test write publish static site offline markdown go rust").split()
cats = ["go", "kubernetes", "writing", "tools", "travel", "notes", "web", "databases"]
tags = ["t%02d" % i for i in range(40)]
def para(k):
    return " ".join(random.choice(words) for _ in range(k)).capitalize() + "."
for i in range(n):
    y, m, d = 2010 + i % 15, 1 + i % 12, 1 + i % 28
    slug = "post-%05d" % i
    body = []
    for _ in range(random.randint(3, 7)):
        body.append(para(random.randint(30, 90)))
    body.append("\n".join("- " + para(6) for _ in range(4)))
    body.append("See [the previous post](https://example.org/) and *more* **text**.")
    body.append("```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < %d; i++ {\n\t\tfmt.Println(\"hello\", i)\n\t}\n}\n```" % i)
    body.append("```python\ndef f(x):\n    return [y * %d for y in range(x) if y %% 2]\n```" % i)
    body.append(para(40))
    with open(os.path.join(out, slug + ".md"), "w") as f:
        f.write("---\ntitle: \"Post number %d\"\ndate: %04d-%02d-%02dT10:00:00Z\nslug: %s\ncategories: [%s]\ntags: [%s, %s]\n---\n\n"
                % (i, y, m, d, slug, random.choice(cats), random.choice(tags), random.choice(tags)))
        f.write("\n\n".join(body) + "\n")
PY

$Q import "$W/corpus" >/dev/null
$Q site base-url https://example.org/
$Q site title "Bench"

measure() { # label command...
	local label=$1; shift
	/usr/bin/time -f "%e %M" -o "$W/time" "$@" >"$W/out" 2>"$W/err" || { cat "$W/err" >&2; exit 1; }
	read -r wall rss <"$W/time"
	printf '%-34s %7.2f s  %6d MB\n' "$label" "$wall" $((rss / 1024))
	echo "$wall $rss" >"$W/last"
}

echo "posts: $N, cores: $(nproc)"
GODEBUG=gctrace=1 measure "quire export (first)" $Q export --out "$W/site"
read -r qwall qrss <"$W/last"
tail -1 "$W/out"
# Peak RSS counts the pages of the database that SQLite maps into memory
# (the store sets mmap_size = 256 MB); the Go heap is Quire's own memory.
python3 - "$W/err" <<'PY'
import re, sys
peak = max([int(m.group(1)) for m in re.finditer(r"(\d+)->\d+->\d+ MB", open(sys.argv[1]).read())] or [0])
print("  go heap peak (gctrace): %d MB" % peak)
PY
echo "  database file: $(du -m "$W/quire.db" | cut -f1) MB"
measure "quire export (again, no change)" $Q export --out "$W/site"
tail -1 "$W/out"
# Edit one post: change its file and import it again (the import is not timed).
sed -i 's/^title: "Post number 5000"/title: "Post number 5000, edited"/' "$W/corpus/post-05000.md" 2>/dev/null || true
printf '\nOne more paragraph.\n' >>"$W/corpus/post-0$(printf '%04d' $((N / 2)))".md
$Q import "$W/corpus/post-0$(printf '%04d' $((N / 2))).md" >/dev/null
measure "quire export (one post edited)" $Q export --out "$W/site"
tail -1 "$W/out"

# Hugo on the same files with a minimal theme.
H="$W/hugo"
mkdir -p "$H/content/posts" "$H/layouts/_default"
cp "$W/corpus"/*.md "$H/content/posts/"
cat >"$H/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "Bench"
languageCode = "en"
paginate = 10
disableKinds = []
[taxonomies]
  category = "categories"
  tag = "tags"
[markup.highlight]
  codeFences = true
  noClasses = false
[markup.goldmark.renderer]
  unsafe = true
TOML
cat >"$H/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}"><link rel="stylesheet" href="/css/site.css">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="{{ .Site.BaseURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat >"$H/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "January 2, 2006" }}</time>
<ul>{{ range .Params.categories }}<li>{{ . }}</li>{{ end }}</ul>{{ .Content }}</article>{{ end }}
HTML
cat >"$H/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 200 }}</li>{{ end }}</ul>
{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}{{ end }}
HTML
cp "$H/layouts/_default/list.html" "$H/layouts/index.html"
measure "hugo" hugo --quiet -s "$H" -d "$W/hugo-out"
read -r hwall hrss <"$W/last"
python3 -c "print('ratio quire/hugo wall time: %.3f' % ($qwall / $hwall))"
