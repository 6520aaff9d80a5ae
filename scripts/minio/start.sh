#!/bin/sh
# Start a MinIO for manual tests on 127.0.0.1:$MINIO_PORT (default 9000), data
# and log in $MINIO_BASE (default ./var/minio), credentials
# $MINIO_ROOT_USER/$MINIO_ROOT_PASSWORD (default minioadmin/minioadmin).
# The Go tests start their own server; this is for curl and the MCP.
#   scripts/minio/start.sh && scripts/minio/stop.sh
set -eu
BIN=$("$(dirname "$0")/install.sh")
B="${MINIO_BASE:-./var/minio}"; PORT="${MINIO_PORT:-9000}"
mkdir -p "$B/data"
if [ -f "$B/minio.pid" ] && kill -0 "$(cat "$B/minio.pid")" 2>/dev/null; then
  echo "minio already running, pid $(cat "$B/minio.pid")"; exit 0
fi
MINIO_ROOT_USER="${MINIO_ROOT_USER:-minioadmin}" MINIO_ROOT_PASSWORD="${MINIO_ROOT_PASSWORD:-minioadmin}" \
MINIO_BROWSER=off "$BIN" server "$B/data" --address "127.0.0.1:$PORT" \
  --console-address "127.0.0.1:$((PORT+1))" --quiet > "$B/minio.log" 2>&1 &
echo $! > "$B/minio.pid"
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/minio/health/ready" && { echo "minio up on 127.0.0.1:$PORT, pid $(cat "$B/minio.pid")"; exit 0; }
  sleep 0.1
done
echo "minio failed to start:"; cat "$B/minio.log"; exit 1
