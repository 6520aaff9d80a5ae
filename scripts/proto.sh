#!/usr/bin/env bash
# proto.sh — regenerate the Go code of the plugin contract.
#
#   scripts/proto.sh [OUT_ROOT]
#
# Compiles plugins/proto/v1/*.proto into OUT_ROOT/plugins/sdk/internal/pb/v1
# (OUT_ROOT defaults to the repository root; the staleness test passes a temp
# dir). protoc comes from Debian's protobuf-compiler package (installed here
# if missing and we may); the two Go code generators are pinned modules from
# the Go module proxy, installed once into a cache directory. Their versions
# match go.mod's google.golang.org/protobuf and google.golang.org/grpc.
set -euo pipefail

PROTOC_GEN_GO=google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
PROTOC_GEN_GO_GRPC=google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2
PROTOC_WANT="libprotoc 3.21.12"   # Debian 12's protobuf-compiler
MODULE=github.com/reel-project/reel

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root}" && cd "${1:-$root}" && pwd)"

need_protoc() {
	command -v protoc >/dev/null && return
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "proto.sh: installing protobuf-compiler" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends protobuf-compiler >/dev/null
}

tools_dir() {
	local dir="${XDG_CACHE_HOME:-$HOME/.cache}/reel-proto-tools/${PROTOC_GEN_GO##*@}-${PROTOC_GEN_GO_GRPC##*@}"
	mkdir -p "$dir"
	[ -x "$dir/protoc-gen-go" ] || GOBIN="$dir" go install "$PROTOC_GEN_GO"
	[ -x "$dir/protoc-gen-go-grpc" ] || GOBIN="$dir" go install "$PROTOC_GEN_GO_GRPC"
	echo "$dir"
}

need_protoc
have="$(protoc --version)"
[ "$have" = "$PROTOC_WANT" ] || echo "proto.sh: warning: $have, the committed code was made with $PROTOC_WANT" >&2
tools="$(tools_dir)" || exit 1

dest="$out/plugins/sdk/internal/pb/v1"
mkdir -p "$dest"
rm -f "$dest"/*.pb.go
cd "$root"
protoc -I . \
	--plugin=protoc-gen-go="$tools/protoc-gen-go" \
	--plugin=protoc-gen-go-grpc="$tools/protoc-gen-go-grpc" \
	--go_out="$out" --go_opt=module="$MODULE" \
	--go-grpc_out="$out" --go-grpc_opt=module="$MODULE" \
	plugins/proto/v1/*.proto
