"""The text reader as a Python user meets it: other encodings, notes, the reader's decisions."""

from __future__ import annotations

import datetime
import pathlib
import pickle

import pytest
from conftest import FIXTURES

import gongwen


def test_gbk_and_utf16_bytes_read_like_utf8() -> None:
    text = (FIXTURES / "canonical-opinion.txt").read_text(encoding="utf-8")
    want = gongwen.parse(text)
    for codec, name in [("gbk", "GBK"), ("utf-16", "UTF-16LE")]:
        doc = gongwen.parse(text.encode(codec))
        assert doc.meta.encoding == name
        assert doc.outline() == want.outline()
        assert doc.without_page() == want.without_page()
    # named, and through load() of a binary file
    doc = gongwen.loads(text.encode("gb18030"), encoding="gb18030")
    assert doc.meta.encoding == "gb18030"
    assert doc.outline() == want.outline()


def test_load_reads_a_gb18030_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "notice-gb18030.txt"
    # the sample's page footer holds ©, which GBK lacks and GB18030 writes in four bytes
    text = (FIXTURES / "sample-decision.txt").read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    doc = gongwen.load(path)
    assert doc.meta.encoding == "gb18030"
    assert doc.outline() == gongwen.parse(text).outline()


def test_unknown_encoding_and_binary_input_raise() -> None:
    with pytest.raises(gongwen.ParseError, match="unknown encoding"):
        gongwen.parse(b"abc", encoding="klingon")
    with pytest.raises(gongwen.ParseError, match="binary"):
        gongwen.parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\xff" * 32)


def test_notes_are_not_structure() -> None:
    doc = gongwen.load(FIXTURES / "report-notes.txt")
    notes = doc.notes
    assert notes is not None
    assert notes.label == "名词解释"
    assert len(notes) == 2
    assert notes.entries[0].text.startswith("1.“链长制”：指由县领导")
    assert all(n.kind != "item" for _, n in doc.walk())
    assert doc.notes == gongwen.Document.from_json(doc.to_json()).notes


def test_explain_lists_decisions_with_positions() -> None:
    doc, decisions = gongwen.explain((FIXTURES / "report-notes.txt").read_bytes())
    assert doc == gongwen.load(FIXTURES / "report-notes.txt")
    codes = {d.code for d in decisions}
    assert {"title", "measure", "split-heading", "notes"} <= codes
    for d in decisions:
        assert d.span.line >= 1 and d.span.column >= 1
        assert d.message
    measure = next(d for d in decisions if d.code == "measure")
    assert measure.span.line == 13


def test_a_law_reads_as_chapters_articles_and_points() -> None:
    doc = gongwen.load(FIXTURES / "law-regulation.txt")
    assert [c.heading for c in doc.chapters] == ["总　　则", "养犬登记", "养犬行为规范", "附　　则"]
    articles = doc.articles
    assert [(a.num, a.num_sub) for a in articles] == [
        (1, None),
        (2, None),
        (3, None),
        (4, None),
        (5, None),
        (5, 1),
        (6, None),
        (7, None),
        (8, None),
    ]
    fourth = articles[3]
    assert fourth.kind == "article" and fourth.heading is None
    assert [p.num_text for p in fourth.points] == ["（一）", "（二）", "（三）"]
    assert [s.kind for s in fourth.points[1].children] == ["subpoint", "subpoint"]
    # an article's 款 are its paragraphs; a chapter's first article continues the numbering
    assert len(articles[1].paragraphs) == 2
    # the table of contents is kept as text with a note on each entry; 第五条之一 is inserted
    codes = {d.code for d in doc.diagnostics}
    assert codes == {"numbering-continues", "list", "inserted-unit"}


def test_an_article_s_points_stand_in_the_paragraph_that_introduces_them() -> None:
    doc = gongwen.parse(
        "某市调解规定\n\n第一条 当事人可以选择下列方式：\n（一）现场调解；\n（二）在线调解。\n"
        "前款规定的方式，由当事人协商确定。\n第二条 有下列情形之一的，可以调解：\n（一）婚姻纠纷；\n"
        "（二）邻里纠纷。\n有下列情形之一的，不予调解：\n（一）刑事案件；\n（二）行政案件。\n"
    )
    first, second = doc.articles
    assert [p.text for p in first.paragraphs] == [
        "当事人可以选择下列方式：",
        "前款规定的方式，由当事人协商确定。",
    ]
    assert [p.in_paragraph for p in first.points] == [1, 1]
    assert [p.in_paragraph for p in second.points] == [1, 1, 2, 2]
    assert first.in_paragraph is None
    assert {d.code for d in doc.diagnostics} == {"numbering-restart"}
    assert "art_2__para_2__point_1" in doc.to_akn(encoding="unicode")


def test_a_law_s_history_kind_and_effective_date() -> None:
    law = gongwen.load(FIXTURES / "law-regulation.txt").meta.law
    assert law is not None
    assert law.kind == "local-regulation"
    assert [(e.action, e.date) for e in law.history] == [
        ("adopted", datetime.date(2021, 9, 28)),
        ("amended", datetime.date(2023, 6, 30)),
    ]
    assert law.history[0].body == "临江市人民代表大会常务委员会"
    assert law.history[1].meeting == "临江市第十七届人民代表大会常务委员会第十一次会议"
    assert law.effective == datetime.date(2022, 1, 1)
    # values build, compare and pickle like the others
    again = pickle.loads(pickle.dumps(law))
    assert again == law and hash(again) == hash(law)
    assert gongwen.LawEvent("revised", datetime.date(2024, 1, 1)).action == "revised"
    with pytest.raises(ValueError, match="unknown action"):
        gongwen.LawEvent("repealed")
