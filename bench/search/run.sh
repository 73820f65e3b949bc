#!/usr/bin/env bash
# Site search side by side: gongkai's index and Pagefind's, over the same
# 10,000 generated pages, queried in headless Chromium. Prints a Markdown
# table (the README's). Needs Go, node/npm, nginx and Debian's Chromium
# (/usr/bin/chromium, or $CHROMIUM); installs pagefind and playwright-core
# from the npm registry into $BENCH_DIR/npm. From the repository root:
#
#	bench/search/run.sh            # PAGES=10000 BENCH_DIR=/tmp/gongkai-search-bench
#
# Takes about five minutes on two cores. The corpus is written once.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES="${PAGES:-10000}"
DIR="${BENCH_DIR:-/tmp/gongkai-search-bench}"
PAGEFIND_VERSION="${PAGEFIND_VERSION:-1.6.0}"
mkdir -p "$DIR"
log() { printf '==> %s\n' "$*" >&2; }

if [ ! -d "$DIR/corpus-$PAGES" ]; then
	log "writing a $PAGES-page corpus"
	go run ./bench/search/gencorpus -pages "$PAGES" -out "$DIR/corpus-$PAGES" >&2
fi
if [ ! -x "$DIR/npm/node_modules/.bin/pagefind" ] || [ ! -d "$DIR/npm/node_modules/playwright-core" ]; then
	log "npm install pagefind@$PAGEFIND_VERSION playwright-core"
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$DIR/npm" --no-audit --no-fund --loglevel=error \
		"pagefind@$PAGEFIND_VERSION" playwright-core@1.65.1 >&2
fi
go build -o "$DIR/gongkai" ./cmd/gongkai

log "gongkai build (pages and index)"
rm -rf "$DIR/gk" "$DIR/pf"
conf="$DIR/corpus-$PAGES/site/content/site.toml"
sed -i '/^gzip = true$/d' "$conf"
/usr/bin/time -f '%e %M' -o "$DIR/gk.time" "$DIR/gongkai" build --no-cache -s "$DIR/corpus-$PAGES/site" -o "$DIR/gk" >&2
# The site is then published as the README tells a publisher to: the
# build writes a .gz beside each text file (gzip = true), which nginx's
# gzip_static sends; what has none (Pagefind's own files) is gzipped on
# the fly. The timed build above is without, as before.
log "gongkai build with gzip = true, to serve"
sed -i '1i gzip = true' "$conf"
"$DIR/gongkai" build --no-cache -s "$DIR/corpus-$PAGES/site" -o "$DIR/gk" >&2
sed -i '/^gzip = true$/d' "$conf"
log "pagefind over the same pages"
cp -r "$DIR/gk" "$DIR/pf"
rm -rf "$DIR/pf/search"
/usr/bin/time -f '%e %M' -o "$DIR/pf.time" "$DIR/npm/node_modules/.bin/pagefind" --site "$DIR/pf" >&2
cp bench/search/pagefind.html "$DIR/pf/pagefind.html"

# Both sites behind one nginx, sending text compressed as a web server does.
NG="$DIR/nginx"
rm -rf "$NG" && mkdir -p "$NG/logs" "$NG/temp"
# Two free ports on loopback, unless given.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
PORT_GK="${PORT_GK:-$(free_port)}"
PORT_PF="${PORT_PF:-$(free_port)}"
while [ "$PORT_PF" = "$PORT_GK" ]; do PORT_PF="$(free_port)"; done
cat >"$NG/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $NG/nginx.pid;
error_log $NG/logs/error.log warn;
events { worker_connections 256; }
http {
	types { text/html html; text/css css; application/javascript js mjs; application/json json; }
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path $NG/temp;
	proxy_temp_path $NG/temp;
	fastcgi_temp_path $NG/temp;
	uwsgi_temp_path $NG/temp;
	scgi_temp_path $NG/temp;
	gzip on;
	gzip_static on;
	gzip_types text/css application/javascript application/json;
	server { listen 127.0.0.1:$PORT_GK; root $DIR/gk; }
	server { listen 127.0.0.1:$PORT_PF; root $DIR/pf; }
}
CONF
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
"$NGINX" -p "$NG" -c "$NG/nginx.conf" -e "$NG/logs/error.log" &
ngpid=$!
trap 'kill "$ngpid" 2>/dev/null || true' EXIT
sleep 1
if ! kill -0 "$ngpid" 2>/dev/null; then
	log "nginx did not start: $(tail -1 "$NG/logs/error.log" 2>/dev/null)"
	exit 1
fi

log "querying both in Chromium"
NPM_DIR="$DIR/npm" node bench/search/bench.mjs "$DIR" "$DIR/corpus-$PAGES/site/content" \
	"http://127.0.0.1:$PORT_GK/search/" "http://127.0.0.1:$PORT_PF/pagefind.html"
