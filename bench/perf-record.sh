#!/usr/bin/env bash
# `bash bench/perf-record.sh <pid> <seconds> <out.txt>`: samples one Node process on the CPU with perf for that long
# and writes its samples, JavaScript named, for `node dist/bench/perf-summary.js`. The process must run with
# `node --perf-prof` (BENCH_NODE_ARGS='--perf-prof --interpreted-frames-native-stack' for the bench's services),
# which writes jit-<pid>.dump into its working directory: perf inject reads the code V8 made and when, so an
# address reused for other code is named right at each sample.
set -euo pipefail
pid=$1 seconds=$2 out=$3
cwd=$(readlink -f "/proc/$pid/cwd")
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
timeout -s INT "$seconds" perf record -k mono -F 999 -g -p "$pid" -o "$data/perf.data" >/dev/null 2>&1 || true
perf inject --jit -i "$data/perf.data" -o "$data/perf.jit.data"
perf script -i "$data/perf.jit.data" -F pid,tid,time,ip,sym,dso > "$out" 2>/dev/null
# perf inject writes jitted-<pid>-<n>.so beside the dump; perf script has read them.
rm -f "$cwd"/jitted-"$pid"-*.so
echo "[perf] $(grep -c '^ *[0-9]*/[0-9]* ' "$out") samples of pid $pid in $out"
