"""Every format both ways, format detection, and round trips over the fixtures and the corpus."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, READABLE, SAMPLE, corpus_files

import gongwen
from gongwen import Document


def test_text_both_ways(sample: Document) -> None:
    text = sample.to_text()
    lines = text.splitlines()
    assert lines[:3] == ["发布时间：2024-03-15 09:20", "来源：青溪发布", "原标题：" + str(sample.meta.publication.headline)]  # type: ignore[union-attr]
    assert sample.meta.title in lines
    assert "一、深刻把握深化数字化改革的重大意义" in lines
    again = Document.from_text(text)
    assert again.without_page() == sample.without_page()
    assert gongwen.parse(text) == again
    assert Document.from_text(text.encode("utf-8")) == again
    assert Document.from_text(bytearray(text.encode("utf-8"))) == again


def test_json_both_ways(sample: Document) -> None:
    compact = sample.to_json()
    assert "\n" not in compact
    data = json.loads(compact)
    assert data["meta"]["kind"] == "decision"
    assert data["meta"]["signed"] == "2024-03-15"
    assert Document.from_json(compact) == sample
    assert Document.from_json(compact.encode()) == sample
    pretty = sample.to_json(indent=2)
    assert pretty.startswith('{\n  "meta": {\n    "kind": "decision"')
    assert json.loads(pretty) == data
    four = sample.to_json(indent=4)
    assert four.startswith('{\n    "meta": {\n        "kind"')
    assert json.loads(four) == data
    assert Document.from_json(four) == sample
    zero = sample.to_json(indent=0)
    assert zero.startswith('{\n"meta": {\n"kind"')
    assert json.loads(zero) == data
    with pytest.raises(OverflowError):
        sample.to_json(indent=-1)


def test_dict_both_ways(sample: Document) -> None:
    d = sample.to_dict()
    assert d == json.loads(sample.to_json())
    assert isinstance(d["body"], list) and d["body"][0]["num"] == {"text": "一、", "value": 1}
    assert Document.from_dict(d) == sample
    # a date where the model has a date
    d["meta"]["signed"] = datetime.date(2024, 3, 16)
    changed = Document.from_dict(d)
    assert changed.meta.signed == datetime.date(2024, 3, 16)
    assert changed != sample
    # tuples are sequences too
    d2 = sample.to_dict()
    d2["meta"]["issuers"] = ("甲", "乙")
    assert Document.from_dict(d2).meta.issuers == ["甲", "乙"]
    assert sample.parts[0].to_dict() == sample.to_dict()["body"][0]


def test_loads_detects_the_format(sample: Document) -> None:
    assert gongwen.loads(sample.to_json()) == sample
    assert gongwen.loads("  \n" + sample.to_json(indent=2)) == sample
    assert gongwen.loads(("\ufeff" + sample.to_json()).encode()) == sample
    text = SAMPLE.read_text(encoding="utf-8")
    assert gongwen.loads(text) == sample
    assert gongwen.loads(text, format="text") == sample
    assert gongwen.loads(sample.to_json(), format="json") == sample
    # forced to text, JSON is just a (strange) text document
    as_text = gongwen.loads(sample.to_json(), format="text")
    assert as_text != sample
    with pytest.raises(ValueError, match="unknown format `xml2`"):
        gongwen.loads(text, format="xml2")  # type: ignore[arg-type]


def test_load_paths_and_files(sample: Document, tmp_path: Path) -> None:
    assert gongwen.load(SAMPLE) == sample
    assert gongwen.load(str(SAMPLE)) == sample
    with open(SAMPLE, "rb") as fb:
        assert gongwen.load(fb) == sample
    with open(SAMPLE, encoding="utf-8") as ft:
        assert gongwen.load(ft) == sample
    assert gongwen.load(io.StringIO(sample.to_json())) == sample
    assert gongwen.load(io.BytesIO(sample.to_json().encode())) == sample
    target = tmp_path / "doc.json"
    target.write_text(sample.to_json(indent=2), encoding="utf-8")
    assert gongwen.load(target) == sample
    assert gongwen.load(target, format="json") == sample
    with pytest.raises(FileNotFoundError):
        gongwen.load(tmp_path / "missing.txt")
    with pytest.raises(IsADirectoryError):
        gongwen.load(tmp_path)
    with pytest.raises(TypeError):
        gongwen.load(42)  # type: ignore[arg-type]


def test_inputs_must_be_text_or_bytes() -> None:
    for bad in (None, 42, ["x"], memoryview(b"x")):
        with pytest.raises(TypeError, match="expected str or bytes"):
            gongwen.parse(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", READABLE)
def test_fixture_round_trips(name: str) -> None:
    doc = gongwen.load(FIXTURES / name)
    # JSON and dict are lossless
    assert Document.from_json(doc.to_json()) == doc
    assert Document.from_json(doc.to_json(indent=2)) == doc
    assert Document.from_dict(doc.to_dict()) == doc
    # canonical text: the same document, residue and positions aside
    again = gongwen.parse(doc.to_text())
    assert again.without_page() == doc.without_page()
    # and writing is stable
    assert again.to_text() == doc.to_text()


def test_corpus_round_trips() -> None:
    files = corpus_files()
    for path in files:
        doc = gongwen.load(path)
        assert Document.from_json(doc.to_json()) == doc, path.name
        assert Document.from_dict(doc.to_dict()) == doc, path.name
        again = gongwen.parse(doc.to_text())
        assert again.without_page() == doc.without_page(), path.name
    assert len(files) > 10


def test_an_html_page_reads_by_detection_or_by_name() -> None:
    page = (FIXTURES / "govcn-page.html").read_bytes()
    detected = gongwen.loads(page)
    named = gongwen.loads(page.decode("utf-8"), format="html")
    assert detected == named
    assert detected.meta.title == "某省人民政府办公厅关于加强城市绿化管理的通知"
    assert [p.heading for p in detected.parts] == ["明确工作目标", "落实管理责任", "加强监督检查"]
    fields = {f.key: f.value for f in detected.meta.fields}
    assert fields["索引号"] == "000014349/2024-00012"
    # a box value the typed metadata holds is not repeated as a pair
    assert "发文字号" not in fields
    assert detected.meta.number is not None
    assert detected.meta.number.text == "某政办发〔2024〕7号"
    # in GBK, the page reads the same
    gbk = gongwen.loads(page.decode("utf-8").encode("gbk"))
    assert gbk.meta.encoding == "GBK"
    assert gbk.parts[1].sections[0].heading == "压实属地责任"
    with pytest.raises(ValueError, match="unknown format"):
        gongwen.loads(page, format="pdf")


def test_a_pages_data_table_is_a_table() -> None:
    doc = gongwen.loads((FIXTURES / "govcn-page.html").read_bytes())
    tables = [p.table for p in doc.parts[0].paragraphs if p.table is not None]
    assert len(tables) == 1
    table = tables[0]
    assert (len(table), table.columns) == (3, 3)
    assert [c.text for c in table.rows[0]] == ["指标", "2024年", "2025年"]
    assert all(c.header for c in table.rows[0])
    assert table.rows[1][0].text == "绿地率\n（%）"
    assert table.rows[2][1].colspan == 2
    assert table.rows[2][1].span is not None
    # built from Python, compared, hashed and pickled by value
    import pickle

    cell = gongwen.Cell("甲", header=True, colspan=2)
    built = gongwen.Table([[cell], [gongwen.Cell("乙"), gongwen.Cell("丙")]])
    assert pickle.loads(pickle.dumps(built)) == built
    assert hash(gongwen.Table(built.rows)) == hash(built)
    para = gongwen.Paragraph("", table=built)
    assert pickle.loads(pickle.dumps(para)) == para
    assert str(built) == "甲\n乙\t丙"
    with pytest.raises(ValueError):
        gongwen.Cell("x", rowspan=0)
    # JSON carries it as arrays of cells
    rows = doc.to_dict()["body"][0]["paragraphs"]
    assert any("table" in p for p in rows)
