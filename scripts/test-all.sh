#!/usr/bin/env bash
# Sets up and runs every test of the project: Rust, then the Python package.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
    echo "cargo not found: install a Rust toolchain (1.85 or newer) first" >&2
    exit 1
fi
if [ ! -d ../shared/corpus ]; then
    echo "notice: ../shared/corpus not found; tests that read the real documents will say so and skip them" >&2
fi

cargo test --workspace --locked

# the Python package: fresh virtualenv, wheel, pytest, stubtest, mypy
bash scripts/test-python.sh

# interop: cobalt (PyPI) loads our Akoma Ntoso of the seed
bash scripts/test-interop.sh
