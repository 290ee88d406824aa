#!/usr/bin/env bash
# Installs what Quire needs on Debian/Ubuntu, skipping what is already there.
#   scripts/install-deps.sh build   system libraries, the pinned wails CLI, npm packages
#   scripts/install-deps.sh test    the above plus Xvfb, xdotool, xclip, ImageMagick and Debian's Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

# hunspell-en-us: the dictionary the window checks spelling with (app/spell_linux.go).
pkgs=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev hunspell-en-us)
if [ "$what" = test ]; then
	pkgs+=(xvfb xauth xdotool xclip imagemagick chromium fonts-dejavu-core)
fi

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if ! command -v apt-get >/dev/null; then
		echo "install-deps: missing ${missing[*]}; this script knows apt only (see README: other platforms)" >&2
		exit 1
	fi
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "install-deps: installing ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

need() { # need CMD MIN_MAJOR.MINOR VERSION_STRING
	if ! printf '%s\n%s\n' "$2" "$3" | sort -V -C; then
		echo "install-deps: $1 $3 is too old; Quire needs $1 $2 or newer (see README)" >&2
		exit 1
	fi
}
command -v go >/dev/null || { echo "install-deps: Go is not installed; Quire needs Go 1.26 or newer (see README)" >&2; exit 1; }
need go 1.26 "$(go env GOVERSION | sed 's/^go//')"
command -v node >/dev/null || { echo "install-deps: Node.js is not installed; Quire needs Node.js 20.19 or newer (see README)" >&2; exit 1; }
need node 20.19 "$(node --version | sed 's/^v//')"

# The wails CLI, pinned in tools/wails/go.mod (it generates frontend/wailsjs).
mkdir -p .cache/bin
if [ ! -x .cache/bin/wails ] || [ tools/wails/go.mod -nt .cache/bin/wails ]; then
	echo "install-deps: building the pinned wails CLI"
	go -C tools/wails build -o ../../.cache/bin/wails github.com/wailsapp/wails/v2/cmd/wails
fi

# npm packages, exactly as locked; reinstalled only when the lock file changed.
npm_ci() {
	local dir=$1
	if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "install-deps: npm ci in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
npm_ci frontend
[ "$what" = test ] && npm_ci e2e
exit 0
