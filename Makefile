# Quire: `make run` builds and opens the app, `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu; see README for others).

SHELL := /bin/bash
BIN := build/bin
# One tag set for everything that compiles mattn/go-sqlite3, so its slow C
# build is cached once (each tag set has its own cache entry).
TAGS := sqlite_fts5
GUI_TAGS := desktop,production,webkit2_41,$(TAGS)
DEV_TAGS := dev,webkit2_41,$(TAGS)
LDFLAGS := -s -w
# The Go files and what they embed (migrations, the site theme, the icon), so
# that a changed migration or template rebuilds the programs too.
GO_SOURCES := $(shell git ls-files '*.go' 'backend/store/migrations/*.sql' 'backend/theme/templates/*' 'backend/theme/static/*' build/appicon.png 2>/dev/null) go.mod go.sum
FRONTEND_SOURCES := $(shell git ls-files frontend 2>/dev/null | grep -v '^frontend/package-lock.json')

.PHONY: run build dev-build deps deps-test frontend bindings check-bindings lint test test-go test-frontend test-e2e bench clean

run: deps build
	./$(BIN)/quire

# quire is the command line and the launcher: with no command it replaces
# itself with quire-app, the desktop app (see cmd/quire/main.go for why they
# are two programs). Install both side by side.
build: $(BIN)/quire $(BIN)/quire-app

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

frontend: frontend/dist/index.html

frontend/dist/index.html: $(FRONTEND_SOURCES) frontend/node_modules/.package-lock.json
	cd frontend && npm run build --silent

# The locked npm packages (tsc, vite, ...), installed again when the lock file
# is newer than the last install, so that `make build` works on a fresh clone.
frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

$(BIN)/quire-app: frontend/dist/index.html $(GO_SOURCES)
	go build -tags $(GUI_TAGS) -ldflags "$(LDFLAGS)" -o $@ .

$(BIN)/quire: $(GO_SOURCES)
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $@ ./cmd/quire

# The dev-tagged binary serves the built frontend to browsers with the real
# Go bindings (used by the end-to-end tests): assetdir=frontend/dist devserver=HOST:PORT.
dev-build: $(BIN)/quire-dev

$(BIN)/quire-dev: frontend/dist/index.html $(GO_SOURCES)
	go build -tags $(DEV_TAGS) -o $@ .

# Regenerates frontend/wailsjs from the bound Go services. main.go embeds
# frontend/dist, which the frontend build makes from these very bindings, so
# a placeholder stands in when dist is still missing.
bindings: deps
	@mkdir -p frontend/dist; [ -n "$$(ls -A frontend/dist)" ] || touch frontend/dist/.placeholder
	.cache/bin/wails generate module -tags webkit2_41,$(TAGS)

# Fails when the committed bindings differ from what the Go code generates.
check-bindings: bindings
	@git diff --exit-code --stat -- frontend/wailsjs || { echo "frontend/wailsjs is stale: run 'make bindings' and commit it" >&2; exit 1; }

lint: frontend
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet -tags $(TAGS) ./...

test: deps-test
	@scripts/test-all.sh

# Quire against cmark-gfm, hugo and cp -r on generated corpora (10 to 15
# minutes); writes docs/benchmarks.md. Not part of `make test` (a smoke run is).
bench: deps build
	@scripts/bench.sh


clean:
	rm -rf $(BIN) frontend/dist test-output
