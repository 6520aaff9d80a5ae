#!/usr/bin/env bash
# The published capacity benchmark (docs/performance.md): builds reel-mcp
# and reelctl, starts reel-mcp on 127.0.0.1 with its own data dir, drives it
# with `reelctl load` from the same machine and prints the report.
#   scripts/capacity.sh [calls] [hold] [formats] [extra reelctl load flags…]
#   scripts/capacity.sh 300 300s mp3-16-stereo,wav-pcmu
#   scripts/capacity.sh 300 120s wav-pcmu            # WAV-only
#   MCP_BIN=/path/to/old/reel-mcp scripts/capacity.sh 300 90s   # another build, same load generator
#   (RECORD_FROM= for builds older than profiles.*.record_from, which recorded ;record legs from the
#   first audio anyway)
#   SIP_PORT=5199 HTTP_PORT=8199 scripts/capacity.sh …   # other ports (defaults 5099, 8099)
#   ENCRYPT=1 scripts/capacity.sh 300 90s            # every file encrypted (RSA-2048 tenant
#                                                    # certificate) and a signed manifest per recording
set -euo pipefail
calls=${1:-300}
hold=${2:-300s}
formats=${3:-mp3-16-stereo,wav-pcmu}
sip=127.0.0.1:${SIP_PORT:-5099}
http=127.0.0.1:${HTTP_PORT:-8099}
shift $(( $# < 3 ? $# : 3 ))
cd "$(dirname "$0")/.."
work=$(mktemp -d)
go build -o "$work/" ./cmd/reel-mcp ./cmd/reelctl
if [ -n "${MCP_BIN:-}" ]; then cp "$MCP_BIN" "$work/reel-mcp"; fi
# reelctl load sends ;record and no MSML: record its calls from the first
# audio, in every configured format (profiles.*.record_from, decision 0011).
printf 'profiles:\n  default:\n    storage: [localdir]\n    metadata: [localdir]\n' >"$work/mcp.yaml"
record_from=${RECORD_FROM-first-audio}
if [ -n "$record_from" ]; then printf '    record_from: %s\n' "$record_from" >>"$work/mcp.yaml"; fi
if [ -n "${ENCRYPT:-}" ]; then
  for k in tenant node; do
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=capacity-$k" \
      -keyout "$work/$k.key" -out "$work/$k.pem" 2>/dev/null
  done
  printf '    encryption: {certificates: [%s]}\nmanifests: {certificate: %s, key: %s}\n' \
    "$work/tenant.pem" "$work/node.pem" "$work/node.key" >>"$work/mcp.yaml"
fi
REEL_CONFIG="$work/mcp.yaml" REEL_RTP_BIND_IP=127.0.0.1 REEL_LOG_LEVEL=warn REEL_RECORDING_FORMATS="$formats" \
  "$work/reel-mcp" --data-dir "$work/data" --sip-listen "$sip" --http-listen "$http" \
  >"$work/mcp.log" 2>&1 &
mcp=$!
trap 'kill -TERM $mcp 2>/dev/null; wait $mcp 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "$http/readyz" >/dev/null && break; sleep 0.1; done
if ! kill -0 "$mcp" 2>/dev/null || ! curl -sf "$http/readyz" >/dev/null; then
  echo "capacity.sh: reel-mcp did not start ($sip/$http taken?):" >&2; cat "$work/mcp.log" >&2; exit 1
fi
"$work/reelctl" load --mcp "$sip" --calls "$calls" --rate 20 --hold "$hold" \
  --pid "$mcp" --recordings "$work/data/recordings" "$@"
echo "--- reel-mcp tick metrics"
curl -s "$http/metrics" | grep -E '^reel_tick_(overruns_total|duration_seconds_(sum|count))' || true
