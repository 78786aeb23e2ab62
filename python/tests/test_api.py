"""Every accessor of every class, checked against the fixtures' text."""

from __future__ import annotations

import datetime
import json
import typing

import pytest
from conftest import FIXTURES, REPO, SAMPLE

import gongwen
from gongwen import Document


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line that starts with `needle`."""
    for i, line in enumerate(text.splitlines(), 1):
        if line.lstrip("\ufeff").startswith(needle):
            return i
    raise AssertionError(f"{needle!r} not in text")


def span_of_line(text: str, line: int) -> tuple[int, int]:
    """(byte offset, byte length) of 1-based `line` without its line break."""
    lines = text.split("\n")
    offset = sum(len(x.encode()) + 1 for x in lines[: line - 1])
    return offset, len(lines[line - 1].rstrip("\r").encode())


def test_module_exports() -> None:
    for name in gongwen.__all__:
        assert hasattr(gongwen, name), name
    assert gongwen.__version__.count(".") == 2
    assert issubclass(gongwen.GongwenError, ValueError)
    assert issubclass(gongwen.ParseError, gongwen.GongwenError)
    assert issubclass(gongwen.SchemaError, gongwen.GongwenError)
    assert issubclass(gongwen.XmlError, gongwen.GongwenError)
    for cls in (gongwen.Document, gongwen.Node, gongwen.Span, gongwen.ParseError):
        assert cls.__module__ == "gongwen._gongwen"


def test_metadata(sample: Document) -> None:
    m = sample.meta
    assert m.kind == "decision"
    assert m.title == "中共青溪县委关于深化数字化改革加快建设“数智青溪”的决定"
    assert m.title_lines == []
    assert m.title_from == "document"
    assert m.issuers == ["中共青溪县委"]
    assert m.number is None
    assert m.subtitle == []
    assert m.addressee is None
    assert m.signed == datetime.date(2024, 3, 15)
    assert isinstance(m.signed, datetime.date)
    a = m.adopted
    assert a is not None
    assert a.meeting == "中国共产党青溪县第十五届委员会第七次全体会议"
    assert a.date == datetime.date(2024, 3, 15)
    assert a.line == "（2024年3月15日中国共产党青溪县第十五届委员会第七次全体会议通过）"
    assert a.text == a.line
    p = m.publication
    assert p is not None
    assert p.datetime == "2024-03-15T09:20"
    assert p.date == datetime.date(2024, 3, 15)
    assert p.source == "青溪发布"
    assert p.headline == "数字赋能开新局！县委全会部署建设“数智青溪”"
    assert m.fields == []
    assert m.to_dict() == sample.to_dict()["meta"]


def test_metadata_number_and_fields() -> None:
    doc = gongwen.load(FIXTURES / "metadata-box.txt")
    n = doc.meta.number
    assert n is not None
    assert (n.code, n.year, n.seq) == ("临政发", 2023, 7)
    assert n.normalized == "临政发〔2023〕7号" == str(n)
    assert "7" in n.text
    keys = [f.key for f in doc.meta.fields]
    assert keys[:2] == ["索引号", "主题分类"]
    assert doc.meta.fields[0].value == "11330000/2023-00045"
    canonical = gongwen.load(FIXTURES / "canonical-opinion.txt")
    assert canonical.meta.title_lines == ["青溪县人民政府关于加强农村饮用水", "安全保障工作的意见"]
    assert canonical.meta.addressee == "各乡镇人民政府，县政府各部门："
    assert canonical.meta.signed == datetime.date(2023, 6, 8)


def test_canonical_adoption_line_is_derived() -> None:
    a = gongwen.Adoption("某某会议", datetime.date(2020, 6, 30))
    assert a.line is None
    assert a.text == "（2020年6月30日某某会议通过）"


def test_body_parts_sections_items_measures(sample: Document, sample_text: str) -> None:
    assert len(sample.body) == 3
    assert [p.kind for p in sample.parts] == ["part"] * 3
    assert [p.num for p in sample.parts] == [1, 2, 3]
    assert [p.num_text for p in sample.parts] == ["一、", "二、", "三、"]
    two = sample.parts[1]
    assert two.heading == "扎实推进深化数字化改革的重点任务"
    assert [s.num for s in two.sections] == [1, 2, 3, 4]
    assert two.children == two.sections
    gov = two.sections[0]
    assert gov.kind == "section"
    assert gov.num_text == "（一）"
    assert gov.heading == "建设整体高效的数字政府"
    assert [m.heading for m in gov.measures] == ["夯实数字基础", "提升政务服务效能", "强化数据共享"]
    assert all(m.kind == "measure" and m.num is None and m.num_text is None for m in gov.measures)
    first = gov.measures[0]
    assert first.heading_end == "。"
    assert first.run_in is True
    assert first.text.startswith("加快建设县一体化智能化公共数据平台")
    assert gov.items == [] and gov.subitems == [] and gov.parts == []
    grass = two.sections[3]
    assert [i.num for i in grass.items] == [1, 2, 3]
    assert [i.num_text for i in grass.items] == ["1.", "2.", "3."]
    assert grass.items[0].heading == "完善县乡村三级平台"
    assert grass.measures == []
    # lead-in paragraphs and their spans, against the source text
    lead = gov.paragraphs
    assert len(lead) == 1
    assert lead[0].text.startswith("数字政府是数字化改革的先导工程")
    line = line_of(sample_text, "数字政府是数字化改革的先导工程")
    span = lead[0].span
    assert span is not None
    assert (span.line, span.column) == (line, 1)
    assert (span.offset, span.len) == span_of_line(sample_text, line)
    assert span.end == span.offset + span.len
    assert sample_text.encode()[span.offset : span.end].decode() == lead[0].text
    assert gov.text == "\n".join(p.text for p in gov.paragraphs)
    node_span = gov.span
    assert node_span is not None
    assert node_span.line == line_of(sample_text, "（一）建设整体高效的数字政府")


def test_subitems() -> None:
    doc = gongwen.load(FIXTURES / "canonical-opinion.txt")
    item = doc.parts[1].sections[1].items[1]
    assert item.num_text == "2．"
    assert [s.num for s in item.subitems] == [1, 2, 3]
    assert item.subitems[0].num_text == "（1）"
    assert item.subitems[0].heading == "城镇水厂"


def test_guarantees(sample: Document, forwards_two: Document) -> None:
    (g,) = sample.guarantees
    assert g.heading == "强化组织保障"
    assert g.guarantees is True
    assert g.path == (2,)
    assert g == sample.parts[2]
    assert not sample.parts[0].guarantees
    # guarantees of issued documents are found through the attachments
    plan = gongwen.load(FIXTURES / "notice-forwards-plan.txt")
    assert plan.body == []
    (pg,) = plan.guarantees
    assert pg.heading is not None and "组织实施" in pg.heading
    assert pg.document == plan.attachments[0].document
    assert pg == plan.attachments[0].document.guarantees[0]


def test_walk_and_node(sample: Document) -> None:
    walked = list(sample.walk())
    kinds = [n.kind for _, n in walked]
    assert kinds.count("part") == 3
    assert kinds.count("section") == 9
    assert kinds.count("measure") == 9
    assert kinds.count("item") == 3
    assert len(walked) == 24
    for path, node in walked:
        assert isinstance(path, tuple)
        assert node.path == path
        assert sample.node(path) == node
        assert sample.node(list(path)) == node
    # document order: every node comes after its parent
    paths = [p for p, _ in walked]
    assert paths == sorted(paths)
    # walking a node gives its descendants only
    two = sample.parts[1]
    below = list(two.walk())
    assert [p for p, _ in below] == [p for p in paths if len(p) > 1 and p[0] == 1]
    with pytest.raises(IndexError):
        sample.node((9,))
    with pytest.raises(IndexError):
        sample.node(())


def test_preamble_closing_residue(sample: Document, sample_text: str) -> None:
    (pre,) = sample.preamble
    assert pre.text.startswith("数字化改革是引领发展方式")
    assert pre.text.endswith("为此，现作出如下决定。")
    assert str(pre) == pre.text
    assert [(c.role, c.text) for c in sample.closing] == [
        ("signature", "中共青溪县委"),
        ("date", "2024年3月15日"),
        ("note", "（此件公开发布）"),
    ]
    span = sample.closing[1].span
    assert span is not None and span.line == line_of(sample_text, "2024年3月15日")
    roles = [r.role for r in sample.residue]
    assert roles[0] == "chrome"
    assert "publication" in roles and "lead" in roles
    first = sample.residue[0]
    assert first.text.startswith("青溪新闻网LOGO\n首页")
    assert first.span is not None and first.span.line == 1 and first.span.offset == 0
    # nothing is lost: every residue text stands at its span in the source (lines trimmed)
    raw = sample_text.encode()
    for r in sample.residue:
        assert r.span is not None
        source = raw[r.span.offset : r.span.end].decode()
        assert source.split() == r.text.split()


def test_attachments(attachments_doc: Document, forwards_two: Document) -> None:
    atts = attachments_doc.attachments
    assert [a.label for a in atts] == ["附件1", "附件2"]
    assert [a.num for a in atts] == [1, 2]
    assert [a.index for a in atts] == [0, 1]
    assert atts[0].title == "临江市2024年度农机购置与应用补贴资金分配汇总表"
    assert atts[0].document.meta.title == atts[0].title
    assert isinstance(atts[0].document, Document)
    assert atts[0].span is not None and atts[0].span.line == 15
    issued = forwards_two.attachments
    assert [a.label for a in issued] == [None, None]
    assert [a.num for a in issued] == [None, None]
    rules = issued[0].document
    assert rules.meta.title == "临江市政府投资项目管理规定"
    assert [p.heading for p in rules.parts] == ["关于项目决策", "关于项目实施"]
    assert [s.num for s in rules.parts[1].sections] == [3, 4]
    # a node of an attachment knows its own document
    node = rules.parts[0]
    assert node.document == rules
    assert node.document != forwards_two


def test_diagnostics() -> None:
    doc = gongwen.load(FIXTURES / "malformed-gap.txt")
    (d,) = doc.diagnostics
    assert d.code == "numbering-gap"
    assert d.severity == "warning"
    assert "三" in d.message or "3" in d.message
    text = (FIXTURES / "malformed-gap.txt").read_text(encoding="utf-8")
    assert d.span is not None
    assert (d.span.line, d.span.column) == (line_of(text, "四、"), 1)
    rendered = d.render(text, "malformed-gap.txt")
    assert rendered.startswith("warning[numbering-gap]: ")
    assert f"--> malformed-gap.txt:{d.span.line}:1" in rendered
    assert "^" in rendered
    assert not doc.has_errors
    order = gongwen.load(FIXTURES / "malformed-level-order.txt")
    assert [x.code for x in order.diagnostics] == ["level-order", "level-skipped", "level-skipped"]
    assert order.diagnostics[0].severity == "error"
    assert order.has_errors


def test_outline_matches_fixture(sample: Document) -> None:
    assert sample.outline() == SAMPLE.with_suffix(".outline").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.outline")))
def test_outline_of_every_fixture(name: str) -> None:
    # the document beside an outline: its text, or its page
    stem = name.removesuffix(".outline")
    source = next(p for p in (FIXTURES / f"{stem}.txt", FIXTURES / f"{stem}.html") if p.exists())
    doc = gongwen.load(source)
    assert doc.outline() == (FIXTURES / name).read_text(encoding="utf-8")


def test_without_page(sample: Document) -> None:
    bare = sample.without_page()
    assert bare.residue == []
    assert all(n.span is None for _, n in bare.walk())
    assert bare.meta.title == sample.meta.title
    assert bare != sample


def test_value_classes_construct_and_compare() -> None:
    s = gongwen.Span(3, 6, 1, 4)
    assert (s.offset, s.len, s.line, s.column, s.end) == (3, 6, 1, 4, 9)
    assert s == gongwen.Span(offset=3, len=6, line=1, column=4)
    assert hash(s) == hash(gongwen.Span(3, 6, 1, 4))
    assert s != gongwen.Span(3, 6, 1, 5)
    with pytest.raises(ValueError):
        gongwen.Span(0, 0, 0, 1)
    p = gongwen.Paragraph("正文", s)
    assert p.span == s and p == gongwen.Paragraph("正文", s) and p != gongwen.Paragraph("正文")
    assert gongwen.Paragraph("x").span is None
    assert {p, gongwen.Paragraph("正文", s)} == {p}
    c = gongwen.ClosingLine("signature", "某某县人民政府")
    assert (c.role, c.text, c.span) == ("signature", "某某县人民政府", None)
    with pytest.raises(ValueError, match="closing role"):
        gongwen.ClosingLine("author", "x")  # type: ignore[arg-type]
    r = gongwen.Residue("metadata-box", "索引号：1")
    assert r.role == "metadata-box"
    with pytest.raises(ValueError):
        gongwen.Residue("page", "x")  # type: ignore[arg-type]
    d = gongwen.Diagnostic("numbering-gap", "warning", "gap", s)
    assert (d.code, d.severity, d.message, d.span) == ("numbering-gap", "warning", "gap", s)
    with pytest.raises(ValueError):
        gongwen.Diagnostic("x", "fatal", "y")  # type: ignore[arg-type]
    f = gongwen.Field("索引号", "001")
    assert (f.key, f.value) == ("索引号", "001")
    n = gongwen.DocNumber("国办发〔2023〕17 号", "国办发", 2023, 17)
    assert n.normalized == "国办发〔2023〕17号"
    a = gongwen.Adoption(meeting="全会", date=datetime.date(2024, 1, 2), line=None)
    assert a.date == datetime.date(2024, 1, 2)
    with pytest.raises(TypeError):
        gongwen.Adoption(date="2024-01-02")  # type: ignore[arg-type]
    pub = gongwen.Publication("2024-03-15", "来源", None)
    assert pub.date == datetime.date(2024, 3, 15)
    assert gongwen.Publication("sometime").date is None
    assert gongwen.Publication().datetime is None


def test_reprs_summarise(sample: Document) -> None:
    r = repr(sample)
    assert r.startswith("<Document decision '中共青溪县委")
    assert r.endswith("parts=3>")
    assert "…" in r and len(r) < 80
    assert repr(sample.parts[2]) == "<Node part 三、 '强化组织保障' children=3 guarantees>"
    assert repr(sample.meta).startswith("<Metadata decision '中共青溪县委")
    assert repr(gongwen.Span(1, 2, 3, 4)) == "Span(offset=1, len=2, line=3, column=4)"
    assert eval(repr(gongwen.Span(1, 2, 3, 4)), {"Span": gongwen.Span}) == gongwen.Span(1, 2, 3, 4)
    assert repr(gongwen.Field("k", "v")) == "Field('k', 'v')"
    assert repr(sample.closing[0]) == "<ClosingLine signature line 100 '中共青溪县委'>"
    d = gongwen.load(FIXTURES / "malformed-gap.txt").diagnostics[0]
    assert repr(d).startswith("<Diagnostic warning[numbering-gap] at 17:1: ")
    att = gongwen.load(FIXTURES / "notice-attachments.txt").attachments[1]
    assert repr(att).startswith("<Attachment '附件2' '临江市2024年度")
    assert repr(sample.meta.adopted).startswith("Adoption(meeting='中国共产党")


def test_views_share_the_document(sample: Document) -> None:
    """Navigation does not copy: two reads of the same node are equal views of one tree."""
    a = sample.parts[1].sections[0]
    b = sample.node((1, 0))
    assert a == b
    assert a is not b
    assert a.document == sample


def test_equality(sample: Document, sample_text: str) -> None:
    again = gongwen.parse(sample_text)
    assert again == sample
    assert not (again != sample)
    assert sample != gongwen.load(FIXTURES / "canonical-opinion.txt")
    assert sample != "not a document"
    assert sample.parts[0] != sample.parts[1]
    assert sample.meta == again.meta
    for obj in (sample, sample.meta, sample.parts[0]):
        with pytest.raises(TypeError):
            hash(obj)


SCHEMA = REPO / "schemas" / "gongwen.schema.json"
#: model fields whose Python accessors have other names
RENAMED = {
    ("Node", "num"): ["num", "num_text"],
    ("Node", "heading"): ["heading", "heading_end", "run_in"],
}
#: model structs folded into the attributes of another class
FOLDED = {"Num", "Heading"}


def test_every_model_field_has_an_accessor() -> None:
    """The binding follows the model: a field added to the model (and its schema) without an
    accessor here, or an enum value missing from the Literal types, fails this test."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    structs = {"Document": schema["properties"]}
    enums: dict[str, set[str]] = {}
    for name, d in schema["$defs"].items():
        if "properties" in d:
            structs[name] = d["properties"]
        elif "oneOf" in d:
            enums[name] = {x.get("const") or x["enum"][0] for x in d["oneOf"]}
        elif "enum" in d:
            enums[name] = set(d["enum"])
    for name, fields in structs.items():
        if name in FOLDED:
            continue
        cls = getattr(gongwen, name)
        for field in fields:
            for attr in RENAMED.get((name, field), [field]):
                assert hasattr(cls, attr), f"{name}.{attr} (model field `{field}`)"
    for name, values in enums.items():
        alias = getattr(gongwen, name)
        assert set(typing.get_args(alias)) == values, name
