"""Runs the typed usage file (which `mypy --strict` checks in scripts/test-python.sh)."""

from __future__ import annotations

import runpy
from pathlib import Path


def test_typed_usage_runs() -> None:
    runpy.run_path(str(Path(__file__).with_name("typed_usage.py")), run_name="__main__")
