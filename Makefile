# Reel — build, test and run. `make run` and `make test` are the two commands a
# newcomer needs; both install what is missing first (see `deps`).
SHELL := /bin/bash
GO ?= go
BIN := bin
DATA_DIR ?= var/reel-mcp
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT := golang.org/x/perf/cmd/benchstat@latest
TEST_TIMEOUT ?= 14m

# Debian packages. Building and running need a C compiler and LAME (MP3
# through cgo); the tests also need the independent decoders used as oracles,
# sipp as a real SIP peer, protoc, and Apache (WebDAV) — MinIO comes from
# scripts/minio.
RUN_PKGS := gcc pkg-config libmp3lame-dev curl espeak-ng
TEST_PKGS := openssl lame ffmpeg mpg123 sip-tester protobuf-compiler apache2 apache2-utils baresip chromium
# `make run` on other ports: see scripts/run.sh.
RM_PORT ?= 5060
SIP_PORT ?= 5070
HTTP_PORT ?= 8070
RM_HTTP_PORT ?= 8060
# Modules of their own inside the repository (./... at the root does not reach them).
EXAMPLES := plugins/examples/storage-hello

.PHONY: all deps deps-run build test test-short bench lint run call fuzz proto clean

all: build

## deps-run: install the missing Debian packages building and running need
deps-run:
	@scripts/apt-install.sh $(RUN_PKGS)

## deps: everything the tests need too — decoders, sipp, protoc, Apache, Chromium, and
## MinIO (built once from the Go module proxy, ~2–4 min); idempotent, quiet
## when all is there
deps: deps-run
	@scripts/apt-install.sh $(TEST_PKGS)
	@scripts/minio/install.sh >/dev/null

## build: every binary into bin/
build: deps-run
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
## and reel-rm in front of it; RM_PORT (5060, where SIP Server sends), SIP_PORT (5070, reel-mcp),
## HTTP_PORT (8070) and RM_HTTP_PORT (8060) move them, MEDIA_IP sets the SDP address
run: build
	DATA_DIR=$(DATA_DIR) RM_PORT=$(RM_PORT) SIP_PORT=$(SIP_PORT) HTTP_PORT=$(HTTP_PORT) \
	  RM_HTTP_PORT=$(RM_HTTP_PORT) scripts/run.sh

## call: one two-party recorded call through the reel-rm of `make run` (another terminal):
## prints the Request-URI, the recording's path while the call runs and after delivery,
## and the sidecar's completeness line
call:
	@$(GO) run ./cmd/reelctl call --rm 127.0.0.1:$(RM_PORT) --data-dir $(DATA_DIR)

clean:
	rm -rf $(BIN) bench.txt
