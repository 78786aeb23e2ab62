"""Every ```python block of README.md runs (in the repository root, as the README says)."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest
from conftest import REPO

BLOCKS = re.findall(r"^```python\n(.*?)^```", (REPO / "README.md").read_text(encoding="utf-8"), re.S | re.M)


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index: int) -> None:
    cwd = os.getcwd()
    out = io.StringIO()
    try:
        os.chdir(REPO)
        with contextlib.redirect_stdout(out):
            exec(compile(BLOCKS[index], f"README.md python block {index + 1}", "exec"), {})
    finally:
        os.chdir(cwd)
    if index == 0:
        assert out.getvalue().startswith("<Document decision '中共青溪县委关于深化…溪”的决定' parts=3>\n")
