#!/usr/bin/env bash
# load.sh: errkit's example server (examples/nexpay, echo + errkit) against
# a plain echo server with echo's default error handler (cmd/plainecho),
# under wrk on loopback, on a success route and two error routes; prints a
# Markdown table of ratios (the medians themselves go to stderr).
#
#   bench/load.sh [--install] [-d seconds] [-r rounds] [-c connections] [-t threads]
#
# --install installs wrk with apt-get when it is missing. Both servers
# listen on 127.0.0.1 only. Each route is measured -r times (default 3) on
# each server, the servers taking turns, for -d seconds each (default 5):
# about 3 routes x 2 servers x rounds x seconds in all. The table gives
# the medians.
set -euo pipefail

duration=5 conns=32 threads=2 rounds=3 install=0
while [ $# -gt 0 ]; do
	case "$1" in
	--install) install=1 ;;
	-d) duration=$2; shift ;;
	-c) conns=$2; shift ;;
	-t) threads=$2; shift ;;
	-r) rounds=$2; shift ;;
	-h|--help) sed -n '2,13p' "$0"; exit 0 ;;
	*) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
for n in "$duration" "$conns" "$threads" "$rounds"; do
	case "$n" in ''|*[!0-9]*|0) echo "load.sh: -d, -c, -t and -r take positive whole numbers" >&2; exit 2 ;; esac
done
if [ "$duration" -gt 30 ] || [ "$rounds" -gt 10 ]; then
	echo "load.sh: at most -d 30 seconds and -r 10 rounds" >&2
	exit 2
fi

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

# ms converts a wrk duration (850.63us, 1.27ms, 1.20s) to milliseconds.
ms() { awk -v d="$1" 'BEGIN { v = d + 0; if (d ~ /us$/) v /= 1000; else if (d ~ /[0-9]s$/ && d !~ /ms$/) v *= 1000; printf "%.2f", v }'; }
# median of the numbers in its arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "wrk -t$threads -c$conns -d${duration}s on 127.0.0.1, $(nproc) cores; median of $rounds rounds, the servers taking turns"
echo
echo '| route | status | req/s, errkit/plain | p99 latency, errkit/plain |'
echo '|---|---|---|---|'
for spec in "${routes[@]}"; do
	read -r name path want <<<"$spec"
	declare -A rps=() p99=()
	for server in plain errkit; do
		addr=$plain; [ "$server" = errkit ] && addr=$errkit
		got=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://$addr$path")
		if [ "$got" != "$want" ]; then
			echo "load.sh: $server GET $path answered $got, want $want" >&2
			exit 1
		fi
	done
	for _ in $(seq "$rounds"); do
		for server in plain errkit; do
			addr=$plain; [ "$server" = errkit ] && addr=$errkit
			out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -H "$auth" "http://$addr$path")
			rps[$server]+="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out") "
			p99[$server]+="$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")") "
		done
	done
	# shellcheck disable=SC2086
	rp=$(median ${rps[plain]}) re=$(median ${rps[errkit]}) pp=$(median ${p99[plain]}) pe=$(median ${p99[errkit]})
	rr=$(awk -v a="$re" -v b="$rp" 'BEGIN {printf "%.2f", a/b}')
	rl=$(awk -v a="$pe" -v b="$pp" 'BEGIN {printf "%.2f", a/b}')
	printf '| %s | %s | %s | %s |\n' "$name" "$want" "$rr" "$rl"
	# The medians themselves, for whoever wants them, on stderr.
	printf '%s: plain %.0f req/s p99 %s ms, errkit %.0f req/s p99 %s ms\n' "$name" "$rp" "$pp" "$re" "$pe" >&2
	unset rps p99
done
