"""Pickle (every protocol), copy and deepcopy for every class, exceptions included."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any

import pytest
from conftest import FIXTURES

import gongwen
from gongwen import Document

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def instances(sample: Document) -> dict[str, Any]:
    """One instance of every class of the module, read from the fixtures where possible."""
    box = gongwen.load(FIXTURES / "metadata-box.txt")
    gap = gongwen.load(FIXTURES / "malformed-gap.txt")
    atts = gongwen.load(FIXTURES / "notice-attachments.txt")
    report = gongwen.load(FIXTURES / "report-notes.txt")
    law = gongwen.load(FIXTURES / "law-regulation.txt").meta.law
    assert law is not None
    page = gongwen.loads((FIXTURES / "govcn-page.html").read_bytes())
    table_paragraph = next(p for p in page.parts[0].paragraphs if p.table is not None)
    table = table_paragraph.table
    assert table is not None
    _, decisions = gongwen.explain((FIXTURES / "report-notes.txt").read_bytes())
    assert report.notes is not None and decisions
    span = sample.parts[0].span
    number = box.meta.number
    adopted = sample.meta.adopted
    publication = sample.meta.publication
    assert span is not None and number is not None
    assert adopted is not None and publication is not None
    out: dict[str, Any] = {
        "Document": sample,
        "Metadata": sample.meta,
        "Node": sample.parts[1].sections[0].measures[2],
        "Attachment": atts.attachments[1],
        "Span": span,
        "Paragraph": sample.preamble[0],
        "ClosingLine": sample.closing[0],
        "Residue": sample.residue[0],
        "Diagnostic": gap.diagnostics[0],
        "Field": box.meta.fields[0],
        "DocNumber": number,
        "Adoption": adopted,
        "Publication": publication,
        "Notes": report.notes,
        "Decision": decisions[0],
        "LawMeta": law,
        "LawEvent": law.history[1],
        "Table": table,
        "Cell": table.rows[2][1],
    }
    classes = {
        name
        for name in gongwen._gongwen.__all__
        if isinstance(getattr(gongwen._gongwen, name), type)
        and not issubclass(getattr(gongwen._gongwen, name), Exception)
    }
    assert classes == set(out), "every class of the module has an instance here"
    return out


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_pickle_every_class(sample: Document, protocol: int) -> None:
    for name, obj in instances(sample).items():
        back = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert type(back) is type(obj), name
        assert back == obj, name
        assert repr(back) == repr(obj), name


def test_copy_and_deepcopy_every_class(sample: Document) -> None:
    for name, obj in instances(sample).items():
        for c in (copy.copy(obj), copy.deepcopy(obj)):
            assert type(c) is type(obj), name
            assert c == obj, name


def test_pickled_views_keep_their_place(sample: Document) -> None:
    node = sample.node((1, 3, 2))
    back = pickle.loads(pickle.dumps(node))
    assert back.path == (1, 3, 2)
    assert back.heading == node.heading == "筑牢网络安全防线"
    assert back.document == sample
    # a node inside an attachment comes back with that attachment's document
    two = gongwen.load(FIXTURES / "notice-forwards-two.txt")
    inner = two.attachments[1].document.parts[1].sections[1]
    again = pickle.loads(pickle.dumps(inner))
    assert again == inner
    assert again.document == two.attachments[1].document
    att = pickle.loads(pickle.dumps(two.attachments[1]))
    assert att.index == 1 and att.document == two.attachments[1].document
    # dates survive as dates
    assert pickle.loads(pickle.dumps(sample.meta)).signed == datetime.date(2024, 3, 15)


def test_unpickling_refuses_bad_paths(sample: Document) -> None:
    rebuild = gongwen._gongwen._rebuild
    with pytest.raises(IndexError):
        rebuild("node", sample, (7, 7))
    with pytest.raises(IndexError):
        rebuild("attachment", sample, (0,))
    with pytest.raises(ValueError):
        rebuild("nothing", sample, ())


def test_pickle_exceptions_keep_positions() -> None:
    errors: list[gongwen.GongwenError] = []
    for bad in (b"\xff", "", '{"meta": {"kind": "bogus"}}', '{"meta": ', "<document><x>"):
        with pytest.raises(gongwen.GongwenError) as info:
            gongwen.loads(bad)
        errors.append(info.value)
    with pytest.raises(gongwen.GongwenError) as info:
        gongwen.parse_many(["x", ""])
    errors.append(info.value)
    for e in errors:
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is type(e)
        assert str(back) == str(e)
        assert (back.line, back.column, back.offset, back.path, back.index) == (
            e.line,
            e.column,
            e.offset,
            e.path,
            e.index,
        )
