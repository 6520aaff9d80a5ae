#!/bin/sh
# Start a throwaway Apache mod_dav WebDAV server on 127.0.0.1 (no systemd).
#   WEBDAV_BASE=/tmp/webdav WEBDAV_PORT=8088 WEBDAV_USER=rec WEBDAV_PASS=recpass ./start.sh
# URL: http://127.0.0.1:$WEBDAV_PORT/recordings/  (Basic auth)
# Needs: apt-get install -y apache2 apache2-utils  (policy-rc.d keeps the distro unit down)
# Copied from shared/recipes/webdav; the Go tests start their own servers with
# plugins/internal/davtest (same configuration, free port, t.TempDir()).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
export WEBDAV_BASE="${WEBDAV_BASE:-/tmp/webdav}"
export WEBDAV_PORT="${WEBDAV_PORT:-8088}"
U="${WEBDAV_USER:-rec}"; P="${WEBDAV_PASS:-recpass}"
mkdir -p "$WEBDAV_BASE/data" "$WEBDAV_BASE/lock" "$WEBDAV_BASE/logs" "$WEBDAV_BASE/run"
# www-data must be able to reach data/ (mktemp -d makes 0700 directories).
chmod 755 "$WEBDAV_BASE"
htpasswd -bcB "$WEBDAV_BASE/htpasswd" "$U" "$P" 2>/dev/null
chown -R www-data:www-data "$WEBDAV_BASE/data" "$WEBDAV_BASE/lock"
chmod 644 "$WEBDAV_BASE/htpasswd"
/usr/sbin/apache2 -f "$HERE/httpd-dav.conf" -k start
# wait until it answers (401 without credentials is the expected answer)
for i in $(seq 1 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEBDAV_PORT/recordings/" || true)
  [ "$code" = "401" ] && { echo "webdav up: http://127.0.0.1:$WEBDAV_PORT/recordings/ pid $(cat "$WEBDAV_BASE/run/httpd.pid")"; exit 0; }
  sleep 0.1
done
echo "webdav did not come up"; cat "$WEBDAV_BASE/logs/error.log"; exit 1
