# Reel — build, test and run. `make run` and `make test` are the two commands a
# newcomer needs; both install what is missing first (see `deps`).
SHELL := /bin/bash
GO ?= go
BIN := bin
DATA_DIR ?= var/reel-mcp
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT := golang.org/x/perf/cmd/benchstat@latest
TEST_TIMEOUT ?= 14m

# Debian packages the build and the tests need: LAME for MP3 (cgo), the
# independent decoders used as test oracles, and sipp as a real SIP peer.
APT_PKGS := gcc pkg-config libmp3lame-dev lame ffmpeg mpg123 sip-tester protobuf-compiler \
	apache2 apache2-utils
# Modules of their own inside the repository (./... at the root does not reach them).
EXAMPLES := plugins/examples/storage-hello
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test test-short bench lint run fuzz proto clean

all: build

## deps: install missing Debian packages, and MinIO (built once from the Go module
## proxy, ~2–4 min) for the S3 plugin's tests; idempotent, quiet when all is there
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@scripts/minio/install.sh >/dev/null

## build: every binary into bin/
build: deps
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ ./cmd/...

## test: vet, then every test with the race detector (real decoders and peers, no mocks)
test: deps
	$(GO) vet ./...
	$(GO) test -race -timeout $(TEST_TIMEOUT) ./...
	# the allocation guards again without -race, which makes sync.Pool drop items (they skip under it)
	$(GO) test -count=1 -run Allocat ./...
	@for m in $(EXAMPLES); do (cd $$m && $(GO) vet ./... && $(GO) test -race ./...) || exit 1; done

## test-short: the fast subset (skips tests that start real servers)
test-short:
	$(GO) test -short ./...
	@for m in $(EXAMPLES); do (cd $$m && $(GO) test -short ./...) || exit 1; done

## bench: every Benchmark once, results in bench.txt (compare runs with benchstat)
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1s ./... | tee bench.txt

## lint: go vet + staticcheck (pinned)
lint:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@for m in $(EXAMPLES); do (cd $$m && $(GO) run $(STATICCHECK) ./...) || exit 1; done

## proto: regenerate the plugin contract's Go code (plugins/sdk/internal/pb/v1)
proto:
	bash scripts/proto.sh

## fuzz: run every Fuzz target for FUZZTIME each (default 20s)
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## run: build, start reel-mcp on the embedded default (records into $(DATA_DIR)/recordings)
## and reel-rm in front of it (SIP Server sends to port 5060)
run: build
	DATA_DIR=$(DATA_DIR) scripts/run.sh

clean:
	rm -rf $(BIN) bench.txt
