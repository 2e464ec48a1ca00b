#!/usr/bin/env bash
# load.sh: errkit's example server (examples/nexpay, echo + errkit) against
# a plain echo server with echo's default error handler (cmd/plainecho),
# under wrk on loopback, on a success route and two error routes.
#
#   bench/load.sh [--install] [-d seconds] [-c connections] [-t threads]
#
# --install installs wrk with apt-get when it is missing. Both servers
# listen on 127.0.0.1 only; each measurement lasts -d seconds (default 5).
set -euo pipefail

duration=5 conns=32 threads=2 install=0
while [ $# -gt 0 ]; do
	case "$1" in
	--install) install=1 ;;
	-d) duration=$2; shift ;;
	-c) conns=$2; shift ;;
	-t) threads=$2; shift ;;
	-h|--help) sed -n '2,10p' "$0"; exit 0 ;;
	*) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
case "$duration" in ''|*[!0-9]*) echo "load.sh: -d takes whole seconds" >&2; exit 2 ;; esac
if [ "$duration" -gt 60 ]; then echo "load.sh: -d is at most 60 seconds" >&2; exit 2; fi

if ! command -v wrk >/dev/null; then
	if [ "$install" = 1 ]; then
		apt-get install -y wrk >/dev/null
	else
		echo "load.sh: wrk is not installed; run with --install or apt-get install wrk" >&2
		exit 1
	fi
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$root" && go build -o "$tmp/nexpay" ./examples/nexpay)
(cd "$here" && go build -o "$tmp/plainecho" ./cmd/plainecho)

errkit=127.0.0.1:18080 plain=127.0.0.1:18081
# The rate limit is set out of reach: the routes measure the answers, not
# the limiter turning wrk away. The example logs each failure to stderr.
"$tmp/nexpay" -addr "$errkit" -rate 1e9 2>/dev/null & pids+=($!)
"$tmp/plainecho" -addr "$plain" 2>/dev/null & pids+=($!)

for addr in "$errkit" "$plain"; do
	for _ in $(seq 50); do
		curl -fs -o /dev/null "http://$addr/health" && break
		sleep 0.1
	done
done

auth='Authorization: ApiKey pk_test_sandbox'
# name path expected-status
routes=(
	"success /health 200"
	"handler-404 /v2/payments/pay_missing 404"
	"route-404 /v2/nope 404"
)

printf '%-12s %-7s %6s %12s %10s %10s %10s\n' route server status req/s avg p99 errkit/plain
for spec in "${routes[@]}"; do
	read -r name path want <<<"$spec"
	declare -A rps=()
	for server in plain errkit; do
		addr=$plain; [ "$server" = errkit ] && addr=$errkit
		url="http://$addr$path"
		got=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$url")
		if [ "$got" != "$want" ]; then
			echo "load.sh: $server GET $path answered $got, want $want" >&2
			exit 1
		fi
		out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -H "$auth" "$url")
		r=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
		avg=$(awk '$1 == "Latency" {print $2; exit}' <<<"$out")
		p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
		rps[$server]=$r
		ratio=""
		[ "$server" = errkit ] && ratio=$(awk -v a="$r" -v b="${rps[plain]}" 'BEGIN {printf "%.2f", a/b}')
		printf '%-12s %-7s %6s %12s %10s %10s %10s\n' "$name" "$server" "$got" "$r" "$avg" "$p99" "$ratio"
	done
	unset rps
done
