"""Interop with cobalt (laws-africa, PyPI): it loads gongwen's Akoma Ntoso of the seed, validates it
against the official schema (its strict mode checks eId uniqueness too) and reads back the FRBR URI,
the title and the language ``zho``.

The AKN comes from the built command (``$GONGWEN_BIN``, default ``target/release/gongwen``). Run by
``scripts/test-interop.sh``, which installs cobalt in a virtualenv and sets
``GONGWEN_INTEROP_REQUIRED=1`` so that a missing binary fails instead of skipping. Collected by a
plain ``pytest python/tests`` too: without cobalt it skips.
"""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest

cobalt: Any = pytest.importorskip("cobalt")
cobalt_schemas: Any = pytest.importorskip("cobalt.schemas")

REPO = Path(__file__).resolve().parents[3]
CORPUS = Path(os.environ.get("GONGWEN_CORPUS", REPO.parent / "shared" / "corpus"))
SEED = CORPUS / "seed-yangpu-renmin-chengshi-jueding-2020.txt"
BIN = Path(os.environ.get("GONGWEN_BIN", REPO / "target" / "release" / "gongwen"))
REQUIRED = os.environ.get("GONGWEN_INTEROP_REQUIRED") == "1"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
TITLE = "中共上海市杨浦区委关于贯彻落实十一届市委九次全会精神践行人民城市重要理念争做人民城市建设标杆的决定"


@pytest.fixture(scope="module")
def seed_akn() -> str:
    if not SEED.is_file():
        pytest.skip(f"notice: the seed is not at {SEED} (../shared absent): skipping the interop test")
    if not BIN.is_file():
        why = f"the gongwen command is not at {BIN}: run `cargo build --release` or set GONGWEN_BIN"
        if REQUIRED:
            pytest.fail(why)
        pytest.skip(why)
    out = subprocess.run(
        [str(BIN), "convert", str(SEED), "--to", "akn"], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8")


def frbr(akn: str, level: str, element: str) -> str:
    """The value of FRBR{element} in FRBR{level} of the main document, read with ElementTree."""
    root = ET.fromstring(akn.encode("utf-8"))
    path = f"{AKN}statement/{AKN}meta/{AKN}identification/{AKN}{level}/{AKN}FRBR{element}"
    node = root.find(path)
    assert node is not None, f"no {level}/{element}"
    return str(node.get("value"))


def test_cobalt_loads_the_seed_and_reads_its_frbr_uri(seed_akn: str) -> None:
    doc = cobalt.Statement(seed_akn)
    uri = doc.frbr_uri
    assert uri.prefix == "akn"
    assert uri.country == "cn"
    assert uri.doctype == "statement"
    assert uri.subtype == "decision"
    assert uri.actor.startswith("org-")
    assert uri.date == "2020-06-30"
    assert uri.language == "zho"
    # cobalt reads `frbr_uri` from the manifestation's FRBRuri, `…/zho@2020-06-30.akn` as in the
    # decision skeleton; its pattern keeps the format in the expression date
    assert uri.expression_date.startswith("@2020-06-30")
    assert uri.work_uri(work_component=False) == frbr(seed_akn, "FRBRWork", "uri")
    expression = doc.expression_frbr_uri()
    assert expression.expression_date == "@2020-06-30"
    assert expression.language == "zho"
    assert expression.expression_uri(False) == frbr(seed_akn, "FRBRExpression", "uri")
    manifestation = cobalt.FrbrUri.parse(frbr(seed_akn, "FRBRManifestation", "this"))
    assert (manifestation.work_component, manifestation.format) == ("main", "xml")
    assert doc.work_date == date(2020, 6, 30)
    assert doc.expression_date == date(2020, 6, 30)


def test_cobalt_reads_title_and_language(seed_akn: str) -> None:
    doc = cobalt.Statement(seed_akn)
    assert doc.title == TITLE
    assert doc.language == "zho"
    assert doc.meta.identification.FRBRWork.FRBRname.get("value") == TITLE


def test_cobalt_validates_it_strictly(seed_akn: str) -> None:
    doc = cobalt.Statement(seed_akn)
    validates, errors = cobalt_schemas.validate(doc, strict=True)
    assert validates, [str(e) for e in errors]
    # the main body is where cobalt looks for it, with our eIds
    assert doc.get_portion_element("part_2__sec_1__hcontainer_1") is not None
