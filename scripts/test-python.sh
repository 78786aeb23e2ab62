#!/usr/bin/env bash
# The Python package, as a user gets it: a fresh virtualenv, the wheel built by maturin and
# installed into it, then pytest, mypy.stubtest (the stubs against the built module) and
# mypy --strict (the package and a typed usage file against the installed stubs).
# Needs Python 3.10 or newer with venv, a Rust toolchain, and PyPI for maturin/pytest/mypy/lxml.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv-ci

if ! command -v "$PYTHON" >/dev/null; then
    echo "$PYTHON not found: install Python 3.10 or newer (or set PYTHON)" >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "$PYTHON is $("$PYTHON" --version 2>&1); the package needs Python 3.10 or newer" >&2
    exit 1
fi

echo "== python: fresh virtualenv $VENV"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
PY="$PWD/$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check maturin pytest mypy lxml pyarrow "dask[dataframe]==2026.8.0" "distributed==2026.8.0"

echo "== python: wheel (maturin build --release)"
rm -f dist/gongwen-*.whl
"$PY" -m maturin build --release --locked --quiet -o dist
wheels=(dist/gongwen-*.whl)
if [ "${#wheels[@]}" -ne 1 ] || [ ! -f "${wheels[0]}" ]; then
    echo "expected one wheel in dist/, found: ${wheels[*]}" >&2
    exit 1
fi
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall "${wheels[0]}"
# the installed package, not the source folder, is what the tests see
(cd "$VENV" && "$PY" -c 'import gongwen, sys; assert "site-packages" in gongwen.__file__, gongwen.__file__; print("installed", gongwen.__version__, "from", gongwen.__file__)')

echo "== python: the command-line tool (the Parquet read-back test runs it)"
cargo build --release --locked --quiet --bin gongwen
export GONGWEN_BIN="$PWD/target/release/gongwen"

echo "== python: pytest"
set +e
"$PY" -m pytest python/tests -p no:cacheprovider -q
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi

echo "== python: stubtest"
"$PY" -m mypy.stubtest gongwen._gongwen --mypy-config-file pyproject.toml

echo "== python: mypy --strict"
"$PY" -m mypy --strict --cache-dir "$VENV/.mypy_cache" python/gongwen
# typed_usage.py alone: `gongwen` resolves to the installed wheel (stubs and py.typed shipped)
"$PY" -m mypy --strict --cache-dir "$VENV/.mypy_cache" python/tests/typed_usage.py
