#!/usr/bin/env bash
# Builds the Debian package: the release binary, then the man page and the shell completions
# written by that binary (so they always match it), then `cargo deb` without building again.
# Needs cargo-deb (`cargo install cargo-deb --locked`). Prints the package's path.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked
assets=target/deb-assets
mkdir -p "$assets"
bin=target/release/hashwatt
"$bin" man | gzip -9n > "$assets/hashwatt.1.gz"
"$bin" completions bash > "$assets/hashwatt.bash"
"$bin" completions zsh > "$assets/_hashwatt"
"$bin" completions fish > "$assets/hashwatt.fish"
cargo deb --no-build --locked --no-strip
