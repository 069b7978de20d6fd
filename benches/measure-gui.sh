#!/usr/bin/env bash
# Measures the release app in a virtual X display with Mesa's software OpenGL: the time to the
# first frame, resident memory 3 s after start, and the CPU it uses while idle for 10 s.
# Usage: benches/measure-gui.sh [RUNS]   (installs xvfb if missing; needs root for that)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Xvfb >/dev/null || { apt-get update -qq && apt-get install -y -qq xvfb >/dev/null; }
cargo build --release --quiet
bin=target/release/hashwatt
runs=${1:-5}
display=""
for d in $(seq 90 140); do [ -e "/tmp/.X11-unix/X$d" ] || { display=":$d"; break; }; done
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for i in $(seq "$runs"); do
    data=$(mktemp -d)   # a fresh data folder: no restored session
    DISPLAY=$display XDG_DATA_HOME=$data HASHWATT_TIMING=1 "$bin" 2>"$data/stderr" &
    pid=$!
    sleep 3
    first=$(grep -o '[0-9]* ms' "$data/stderr" || echo "?")
    rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    before=$(cpu_ticks "$pid")
    sleep 10
    after=$(cpu_ticks "$pid")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    cpu=$(awk -v a="$before" -v b="$after" -v t="$ticks" 'BEGIN {printf "%.1f", (b - a) / t / 10 * 100}')
    echo "run $i: first frame $first, resident memory $((rss_kib / 1024)) MiB, CPU while idle for 10 s: $cpu %"
    rm -rf "$data"
done
