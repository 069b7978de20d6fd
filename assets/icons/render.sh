#!/usr/bin/env bash
# Renders the application icon's PNGs from hashwatt.svg (needs rsvg-convert: apt-get install
# librsvg2-bin). The PNGs are committed; run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" hashwatt.svg -o "hashwatt-$size.png"
done
