#!/usr/bin/env bash
# `make run`: reel-mcp on the embedded default (SIP 5070, recordings into
# $DATA_DIR/recordings) with reel-rm in front of it (SIP 5060, admin 8060).
# Ctrl-C or SIGTERM stops both; reel-mcp drains its calls first.
set -euo pipefail
data=${DATA_DIR:-var/reel-mcp}
mkdir -p "$data"
bin/reel-mcp --data-dir "$data" &
mcp=$!
stop() { kill -TERM "$mcp" 2>/dev/null || true; wait "$mcp" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM
echo "reel-mcp pid $mcp; send calls to reel-rm at sip:msml=<conf-id>@<this host>:5060;dn=<DN>;record"
bin/reel-rm --mcps 127.0.0.1:5070
