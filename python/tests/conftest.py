"""Shared paths and fixtures of the Python tests.

The tests import the installed ``gongwen`` package (built by maturin), never ``python/gongwen``
directly. Fixtures come from ``tests/fixtures/`` of the repository; the real documents from
``../shared/corpus`` (or ``$GONGWEN_CORPUS``), and tests that need them skip with a notice when
the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gongwen

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = Path(os.environ.get("GONGWEN_CORPUS", REPO.parent / "shared" / "corpus"))
SAMPLE = FIXTURES / "sample-decision.txt"

#: fixtures that read as documents (each has an `.outline` beside it) or with diagnostics
READABLE = sorted(
    p.name
    for p in FIXTURES.glob("*.txt")
    if p.name not in {"empty.txt", "whitespace-only.txt", "not-utf8.txt"}
)


def corpus_files() -> list[Path]:
    """The corpus documents, or a skip that says why there are none."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set GONGWEN_CORPUS): skipping corpus cases")
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"no *.txt documents in {CORPUS}: skipping corpus cases")
    return files


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample(sample_text: str) -> gongwen.Document:
    return gongwen.parse(sample_text)


@pytest.fixture(scope="session")
def attachments_doc() -> gongwen.Document:
    return gongwen.load(FIXTURES / "notice-attachments.txt")


@pytest.fixture(scope="session")
def forwards_two() -> gongwen.Document:
    return gongwen.load(FIXTURES / "notice-forwards-two.txt")


@pytest.fixture(scope="session")
def canonical() -> gongwen.Document:
    return gongwen.load(FIXTURES / "canonical-opinion.txt")
