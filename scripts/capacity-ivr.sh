#!/usr/bin/env bash
# The IVR capacity benchmark (issue 13): scripts/capacity.sh's reel-mcp, with
# `reelctl load --ivr`: every call is an RFC 5552 call to a card-payment-like
# application served from 127.0.0.1 — a WAV greeting, `start;` recording,
# a digit menu re-prompted until the caller keys 1234 (RFC 4733) at
# hold−10 s, `pause;`/`resume;` around the keys, a confirmation, `stop;`
# and the application's BYE. A call counts as failed unless the application
# hung up, i.e. got exactly its keys.
#   scripts/capacity-ivr.sh [calls] [hold]        e.g. scripts/capacity-ivr.sh 500 60s
set -euo pipefail
calls=${1:-500}
hold=${2:-60s}
secs=${hold%s}
after=$(( secs > 15 ? secs - 10 : secs / 2 ))s
cd "$(dirname "$0")/.."
app=$(mktemp -d)
trap 'kill $web 2>/dev/null || true; rm -rf "$app"' EXIT
for p in welcome:1000:1 menu:600:2 thanks:800:1; do
  IFS=: read -r name hz dur <<<"$p"
  ffmpeg -loglevel error -f lavfi -i "sine=frequency=$hz:duration=$dur" -ar 8000 -ac 1 -c:a pcm_s16le "$app/$name.wav"
done
cat >"$app/pay.vxml" <<'VXML'
<?xml version="1.0"?>
<vxml xmlns="http://www.w3.org/2001/vxml" xmlns:gvp="http://www.genesyslab.com/2006/vxml21-extension" version="2.1">
  <form id="pay">
    <block><log gvp:dest="record">start;</log><prompt bargein="false"><audio src="welcome.wav"/></prompt></block>
    <field name="card" type="digits?length=4">
      <property name="timeout" value="3s"/>
      <prompt><audio src="menu.wav"/></prompt>
      <noinput><reprompt/></noinput>
      <filled><log gvp:dest="record">pause;</log><log gvp:dest="record">resume;</log></filled>
    </field>
    <block><if cond="card == '1234'"><prompt bargein="false"><audio src="thanks.wav"/></prompt>
      <log gvp:dest="record">stop;</log><exit/></if></block>
  </form>
</vxml>
VXML
web_port=${WEB_PORT:-8098}
python3 -m http.server "$web_port" --bind 127.0.0.1 --directory "$app" >/dev/null 2>&1 &
web=$!
for _ in $(seq 50); do curl -sf "127.0.0.1:$web_port/pay.vxml" >/dev/null && break; sleep 0.1; done
scripts/capacity.sh "$calls" "$hold" mp3-16-stereo,wav-pcmu \
  --ivr "http://127.0.0.1:$web_port/pay.vxml" --dtmf 1234 --dtmf-after "$after"
