#!/usr/bin/env bash
# Interop with the Python world: cobalt (laws-africa's AKN library, PyPI) loads gongwen's Akoma
# Ntoso of the seed, validates it strictly and reads back its FRBR URI, title and language
# (python/tests/interop/test_cobalt.py). A fresh virtualenv with cobalt and pytest; the command
# built in release mode. Needs Python 3.10 or newer with venv and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv-interop

if ! command -v "$PYTHON" >/dev/null; then
    echo "$PYTHON not found: install Python 3.10 or newer (or set PYTHON)" >&2
    exit 1
fi

echo "== interop: virtualenv $VENV with cobalt and pytest"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
PY="$PWD/$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check "cobalt>=9,<10" "pytest>=7"

echo "== interop: gongwen (cargo build --release)"
cargo build --release --locked --quiet --bin gongwen
export GONGWEN_BIN="${GONGWEN_BIN:-$PWD/target/release/gongwen}"
# a missing binary fails here instead of skipping; a missing ../shared still skips with a notice
export GONGWEN_INTEROP_REQUIRED=1

echo "== interop: pytest python/tests/interop"
set +e
# --confcutdir: the package's conftest (python/tests/conftest.py) imports gongwen, not installed here
"$PY" -m pytest python/tests/interop -p no:cacheprovider -q --confcutdir=python/tests/interop
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
fi
exit "$status"
