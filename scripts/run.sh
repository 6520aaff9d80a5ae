#!/usr/bin/env bash
# `make run`: reel-mcp (recordings into $DATA_DIR/recordings) with reel-rm in
# front of it. Every port is passed to the daemons as a flag:
#   RM_PORT       reel-rm SIP, where SIP Server sends calls   (default 5060)
#   SIP_PORT      reel-mcp SIP, where reel-rm sends them      (default 5070)
#   HTTP_PORT     reel-mcp admin HTTP on 127.0.0.1            (default 8070)
#   RM_HTTP_PORT  reel-rm admin HTTP on 127.0.0.1             (default 8060)
#   BIND_IP       the SIP listeners' address                  (default 0.0.0.0)
#   MEDIA_IP      the address reel-mcp puts in its SDP (rtp.advertise_ip;
#                 127.0.0.1 for calls from this machine only)
# The banner is printed once both answer /healthz. Ctrl-C or SIGTERM stops
# both (reel-mcp drains its calls first); when either daemon dies, the other
# is stopped and the script exits non-zero.
set -uo pipefail
data=${DATA_DIR:-var/reel-mcp}
rm_port=${RM_PORT:-5060} sip_port=${SIP_PORT:-5070}
http_port=${HTTP_PORT:-8070} rm_http_port=${RM_HTTP_PORT:-8060}
bind=${BIND_IP:-0.0.0.0}
if [ -n "${MEDIA_IP:-}" ]; then export REEL_RTP_ADVERTISE_IP=$MEDIA_IP; fi
mkdir -p "$data"

pids=()
stop() {
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

bin/reel-mcp --data-dir "$data" --sip-listen "$bind:$sip_port" --http-listen "127.0.0.1:$http_port" &
pids+=($!)
bin/reel-rm --sip-listen "$bind:$rm_port" --http-listen "127.0.0.1:$rm_http_port" --mcps "127.0.0.1:$sip_port" &
pids+=($!)

# ready waits until both daemons answer /healthz; false if one died first.
ready() {
	for _ in $(seq 300); do
		for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || return 1; done
		if curl -sf -o /dev/null "http://127.0.0.1:$http_port/healthz" &&
			curl -sf -o /dev/null "http://127.0.0.1:$rm_http_port/healthz"; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

if ready; then
	host=$(hostname -f 2>/dev/null || hostname)
	call="make call"
	[ "$rm_port" = 5060 ] || call+=" RM_PORT=$rm_port"
	[ "$data" = var/reel-mcp ] || call+=" DATA_DIR=$data"
	cat <<BANNER

Reel is running.
  reel-rm   SIP udp+tcp $bind:$rm_port (send calls here)    admin http://127.0.0.1:$rm_http_port
  reel-mcp  SIP udp+tcp $bind:$sip_port                      admin http://127.0.0.1:$http_port
  recordings: $data/spool/active while a call runs, then $data/recordings
  a call:     sip:msml=<conf-id>@$host:$rm_port;dn=<DN>;record
  first one:  $call   (in another terminal)
  Ctrl-C stops both.

BANNER
fi

# wait -n returns when the first daemon exits; the other is stopped.
wait -n "${pids[@]}"
rc=$?
echo "run.sh: a daemon exited (status $rc); stopping the other" >&2
stop
exit $((rc == 0 ? 1 : rc))
