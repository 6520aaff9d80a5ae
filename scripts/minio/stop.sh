#!/bin/sh
# Stop the MinIO started by start.sh (by its pid file; graceful, ~1-2 s).
B="${MINIO_BASE:-./var/minio}"
[ -f "$B/minio.pid" ] || { echo "minio not running"; exit 0; }
P=$(cat "$B/minio.pid"); kill "$P" 2>/dev/null
for _ in $(seq 1 50); do
  kill -0 "$P" 2>/dev/null || { rm -f "$B/minio.pid"; echo "minio stopped"; exit 0; }
  sleep 0.1
done
echo "minio $P still running"; exit 1
