"""gongwen XML and Akoma Ntoso both ways, their detection, `XmlError` with its position, and the
AKN that Python produces validated against the official OASIS schema with lxml."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, READABLE, REPO, SAMPLE

import gongwen
from gongwen import Document, XmlError

AKN_XSD = Path(REPO.parent / "shared" / "akn" / "akomantoso30.xsd")
GONGWEN_XSD = REPO / "schemas" / "gongwen.xsd"


def where(e: gongwen.GongwenError) -> tuple[int | None, int | None, int | None]:
    return e.line, e.column, e.offset


def position_of(text: str, needle: str) -> tuple[int, int, int]:
    data = text.encode()
    offset = data.index(needle.encode())
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode()) + 1, offset


def test_xml_both_ways(sample: Document) -> None:
    xml = sample.to_xml()
    assert isinstance(xml, bytes)
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<document xmlns=')
    assert f"<title>{sample.meta.title}</title>".encode() in xml
    text = sample.to_xml(encoding="unicode")
    assert isinstance(text, str) and text.encode() == xml
    assert Document.from_xml(xml) == sample
    assert Document.from_xml(text) == sample
    assert gongwen.loads(xml) == sample
    assert gongwen.loads(xml, format="xml") == sample


def test_akn_both_ways(sample: Document) -> None:
    akn = sample.to_akn()
    assert isinstance(akn, bytes)
    assert b"<akomaNtoso" in akn and b'<statement name="decision">' in akn
    text = sample.to_akn(encoding="unicode")
    assert isinstance(text, str) and text.encode() == akn
    assert sample.to_akn(encoding="UTF8") == akn
    assert Document.from_akn(akn) == sample
    assert Document.from_akn(text) == sample
    assert gongwen.loads(akn) == sample
    assert gongwen.loads(akn, format="akn") == sample


def test_xml_encoding_is_utf8_or_unicode(sample: Document) -> None:
    for write in (sample.to_xml, sample.to_akn):
        with pytest.raises(ValueError, match='encoding must be "utf-8"'):
            write(encoding="gb18030")  # type: ignore[call-overload]


def test_akn_bytes_parse_in_lxml_as_they_are(sample: Document) -> None:
    # lxml refuses a str that carries an encoding declaration; the default bytes go straight in
    if importlib.util.find_spec("lxml") is None:
        pytest.skip("lxml is not installed (pip install lxml)")
    from lxml import etree

    root = etree.fromstring(sample.to_akn())
    assert etree.QName(root).localname == "akomaNtoso"


def test_load_detects_xml_and_akn(sample: Document, tmp_path: Path) -> None:
    for name, data in (("a.xml", sample.to_xml()), ("b.akn.xml", sample.to_akn())):
        path = tmp_path / name
        path.write_bytes("\ufeff\n".encode() + data)
        assert gongwen.load(path) == sample
        with open(path, "rb") as f:
            assert gongwen.load(f) == sample
    # forcing the wrong XML format is an error, not a guess
    with pytest.raises(XmlError):
        gongwen.loads(sample.to_xml(), format="akn")
    with pytest.raises(XmlError):
        gongwen.loads(sample.to_akn(), format="xml")


@pytest.mark.parametrize("name", READABLE)
def test_fixture_xml_round_trips(name: str) -> None:
    doc = gongwen.load(FIXTURES / name)
    assert Document.from_xml(doc.to_xml()) == doc
    assert Document.from_akn(doc.to_akn()) == doc


def test_corpus_xml_round_trips() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}: skipping corpus cases")
    for path in sorted(CORPUS.glob("*.txt")):
        doc = gongwen.load(path)
        assert Document.from_xml(doc.to_xml()) == doc, path.name
        assert Document.from_akn(doc.to_akn()) == doc, path.name


def test_xml_syntax_error_position() -> None:
    src = '<?xml version="1.0"?>\n<document xmlns="https://gongwen.dev/ns/gongwen/1.0">\n  <meta><title>标题</title></meta\n</document>\n'
    with pytest.raises(XmlError, match="not well-formed") as info:
        Document.from_xml(src)
    e = info.value
    assert e.line is not None and e.column is not None and e.offset is not None
    assert e.path is None
    assert (e.line, e.column, e.offset) == position_of(src, "</meta")[:2] + (e.offset,)
    assert src.encode()[e.offset :].startswith(b"</meta")


def test_xml_shape_error_position_and_path() -> None:
    src = (
        '<?xml version="1.0"?>\n<document xmlns="https://gongwen.dev/ns/gongwen/1.0">\n'
        "  <meta><title>标题</title><kind>memo</kind></meta>\n</document>\n"
    )
    with pytest.raises(XmlError) as info:
        gongwen.loads(src)
    e = info.value
    assert e.path == "document/meta/kind"
    assert where(e) == position_of(src, "<kind>")
    assert "memo" in str(e)
    assert isinstance(e, gongwen.GongwenError) and isinstance(e, ValueError)


def test_akn_shape_error() -> None:
    src = '<akomaNtoso xmlns="urn:not-akn"/>'
    with pytest.raises(XmlError, match="not the Akoma Ntoso 3.0 namespace") as info:
        gongwen.loads(src)
    assert where(info.value) == (1, 1, 0)


def test_unwritable_character_raises_xml_error() -> None:
    doc = gongwen.parse("关于\x01测试的通知\n一、总体要求\n（一）内容。正文。\n")
    assert Document.from_json(doc.to_json()) == doc  # JSON can hold it
    for write in (doc.to_xml, doc.to_akn):
        with pytest.raises(XmlError, match="U\\+0001 cannot be written in XML 1.0"):
            write()


def test_hostile_xml_never_panics(sample: Document) -> None:
    import random

    rng = random.Random(8)
    for src in (sample.to_xml(encoding="unicode"), sample.to_akn(encoding="unicode")):
        for _ in range(150):
            cut = src[: rng.randrange(len(src))]
            for read in (Document.from_xml, Document.from_akn, gongwen.loads):
                try:
                    read(cut)
                except gongwen.GongwenError:
                    pass
    bombs = [
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<document xmlns="https://gongwen.dev/ns/gongwen/1.0"><meta><title>&b;</title></meta></document>',
        "<document>" * 100_000,
        '<document xmlns="https://gongwen.dev/ns/gongwen/1.0">' + "<meta>" * 10_000,
    ]
    for bomb in bombs:
        with pytest.raises(gongwen.GongwenError):
            gongwen.loads(bomb)


def lxml_schema(path: Path) -> object:
    if importlib.util.find_spec("lxml") is None:
        pytest.skip("lxml is not installed (pip install lxml): skipping XSD validation")
    if not path.is_file():
        pytest.skip(f"{path} not found: skipping XSD validation")
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(path)))


def validate(schema: object, xml: bytes) -> None:
    from lxml import etree

    assert isinstance(schema, etree.XMLSchema)
    tree = etree.fromstring(xml)
    if not schema.validate(tree):
        raise AssertionError(str(schema.error_log)[:2000])


def test_akn_from_python_validates_against_the_oasis_schema() -> None:
    schema = lxml_schema(AKN_XSD)
    docs = [gongwen.load(FIXTURES / n) for n in READABLE]
    if CORPUS.is_dir():
        docs += [gongwen.load(p) for p in sorted(CORPUS.glob("*.txt"))]
    for doc in docs:
        validate(schema, doc.to_akn())
    # and the schema does reject what is not AKN
    from lxml import etree

    bad = docs[0].to_akn().replace(b"<preface>", b"<prefatory>", 1).replace(b"</preface>", b"</prefatory>", 1)
    assert not schema.validate(etree.fromstring(bad))  # type: ignore[attr-defined]


def test_xml_from_python_validates_against_gongwen_xsd() -> None:
    schema = lxml_schema(GONGWEN_XSD)
    for name in READABLE:
        validate(schema, gongwen.load(FIXTURES / name).to_xml())
    validate(schema, gongwen.load(SAMPLE).to_xml())
