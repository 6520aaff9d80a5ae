#!/bin/sh
# Install the pinned MinIO server (built from the Go module proxy; no release
# tags exist, so the pseudo-version is the pin) and print the binary's path.
# Idempotent: a binary already in $MINIO_BIN_DIR, $(go env GOPATH)/bin or PATH
# is reused. Cold build: about 4 minutes on 2 cores, ~150 MB binary.
#   scripts/minio/install.sh            # prints e.g. /root/go/bin/minio
set -eu
V="${MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"
DIR="${MINIO_BIN_DIR:-$(go env GOPATH)/bin}"
if [ -x "$DIR/minio" ]; then echo "$DIR/minio"; exit 0; fi
if P=$(command -v minio 2>/dev/null); then echo "$P"; exit 0; fi
mkdir -p "$DIR"
GOBIN="$DIR" go install "github.com/minio/minio@$V" >&2
echo "$DIR/minio"
