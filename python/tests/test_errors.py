"""Each exception with its position: `.line`, `.column` (characters) and `.offset` (bytes of
UTF-8) are checked against values computed here from the input itself."""

from __future__ import annotations

import json
import math

import pytest
from conftest import FIXTURES

import gongwen
from gongwen import Document, GongwenError, ParseError, SchemaError


def position_of_byte(data: bytes, offset: int) -> tuple[int, int, int]:
    """(line, column, offset) of byte `offset`: 1-based line, 1-based column in characters."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8")) + 1
    return line, column, offset


def position_of(text: str, needle: str) -> tuple[int, int, int]:
    """The position of the first `needle` in `text`."""
    data = text.encode("utf-8")
    return position_of_byte(data, data.index(needle.encode("utf-8")))


def where(e: GongwenError) -> tuple[int | None, int | None, int | None]:
    return e.line, e.column, e.offset


def test_invalid_utf8_fixture() -> None:
    data = (FIXTURES / "not-utf8.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError) as decode:
        data.decode("utf-8")
    bad = decode.value.start
    with pytest.raises(ParseError) as info:
        gongwen.parse(data)
    e = info.value
    assert where(e) == position_of_byte(data, bad)
    assert e.line == 7
    assert e.path is None and e.index is None
    assert f"at byte {bad} (line {e.line}, column {e.column})" in str(e)
    assert isinstance(e, ValueError)
    # the same through load, loads and from_text
    for read in (
        lambda: gongwen.load(FIXTURES / "not-utf8.txt"),
        lambda: gongwen.loads(data),
        lambda: Document.from_text(data),
    ):
        with pytest.raises(ParseError) as again:
            read()
        assert where(again.value) == where(e)


def test_invalid_utf8_mid_line() -> None:
    data = "标题\n第二行abc".encode() + b"\xc3\x28" + "后面".encode()
    with pytest.raises(ParseError) as info:
        gongwen.parse(data)
    assert where(info.value) == position_of_byte(data, data.index(b"\xc3"))
    assert where(info.value) == (2, 7, len("标题\n第二行abc".encode()))


def test_lone_surrogate_in_str() -> None:
    text = "第一行\n第二\ud800行"
    with pytest.raises(ParseError) as info:
        gongwen.parse(text)
    prefix = "第一行\n第二"
    assert where(info.value) == (2, 3, len(prefix.encode()))
    assert "surrogate" in str(info.value)


@pytest.mark.parametrize("text", ["", " \n\t\r\n\u3000", b"", "\ufeff"])
def test_empty_input(text: str | bytes) -> None:
    with pytest.raises(ParseError, match="input is empty") as info:
        gongwen.parse(text)
    assert where(info.value) == (None, None, None)


def test_whitespace_only_fixture() -> None:
    with pytest.raises(ParseError, match="empty"):
        gongwen.load(FIXTURES / "whitespace-only.txt")
    with pytest.raises(ParseError, match="empty"):
        gongwen.load(FIXTURES / "empty.txt")


def test_input_beyond_the_limit() -> None:
    limit = gongwen.MAX_INPUT_BYTES
    assert limit >= 1 << 20
    line = "一二三\n"  # 10 bytes: the limit falls inside a character
    text = line * (limit // len(line.encode()) + 1)
    data = text.encode()
    offset = limit
    while data[offset] & 0xC0 == 0x80:  # the position is rounded down to a character
        offset -= 1
    with pytest.raises(ParseError, match="exceeds the limit") as info:
        gongwen.parse(text)
    assert where(info.value) == position_of_byte(data, offset)


def test_json_syntax_error_points_at_the_fault() -> None:
    src = '{\n  "meta": {\n    "title": "标题" x\n}}'
    with pytest.raises(ParseError) as info:
        Document.from_json(src)
    assert where(info.value) == position_of(src, "x")
    assert where(info.value) == (3, 19, 36)
    assert info.value.path is None
    assert "not well-formed" in str(info.value)


def test_json_trailing_characters() -> None:
    src = '{"meta": {}}\n\n  trailing'
    with pytest.raises(ParseError, match="trailing characters") as info:
        gongwen.loads(src)
    assert where(info.value) == position_of(src, "trailing")


def test_json_truncated() -> None:
    src = '{"meta": {"title": "标'
    with pytest.raises(ParseError, match="EOF") as info:
        gongwen.loads(src)
    # serde points at the last character it read
    assert where(info.value) == position_of(src, "标")


def test_schema_error_names_path_and_position() -> None:
    src = '{"meta": {"kind": "bogus"}}'
    with pytest.raises(SchemaError) as info:
        Document.from_json(src)
    e = info.value
    assert e.path == "meta.kind"
    # serde points at the last character of the faulty value
    assert where(e) == position_of_byte(src.encode(), src.index('"bogus"') + len('"bogus"') - 1)
    assert "unknown variant `bogus`" in str(e)


def test_schema_error_after_a_bom_and_on_a_later_line() -> None:
    src = '\ufeff{\n  "meta": {\n    "kind": "memo"\n  }\n}'
    with pytest.raises(SchemaError) as info:
        gongwen.loads(src.encode())
    e = info.value
    assert e.path == "meta.kind"
    data = src.encode()
    end_of_value = data.index(b'"memo"') + len(b'"memo"') - 1
    assert where(e) == position_of_byte(data, end_of_value)
    assert e.line == 3


def test_schema_error_of_a_date() -> None:
    src = '{"meta": {"signed": "2024-02-30"}}'
    with pytest.raises(SchemaError, match="invalid date `2024-02-30`") as info:
        Document.from_json(src)
    e = info.value
    assert e.path == "meta.signed"
    # serde_json places errors of `try_from` conversions after the value, at the end of the
    # object that holds it
    assert where(e) == position_of_byte(src.encode(), src.index("}"))


def test_schema_error_unknown_field_in_body() -> None:
    doc = gongwen.load(FIXTURES / "sample-decision.txt")
    data = json.loads(doc.to_json())
    data["body"][1]["children"][0]["colour"] = "red"
    src = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(SchemaError) as info:
        Document.from_json(src)
    assert info.value.path == "body[1].children[0].colour"
    line, column, offset = where(info.value)
    assert line is not None and column is not None and offset is not None
    # the position is inside the `"colour"` key
    key = src.encode().index(b'"colour"')
    assert key <= offset < key + len(b'"colour"')
    assert (line, column) == position_of_byte(src.encode(), offset)[:2]


def test_from_dict_errors_name_the_path() -> None:
    doc = gongwen.load(FIXTURES / "sample-decision.txt")
    cases: list[tuple[object, str, str]] = []
    d = doc.to_dict()
    d["meta"]["kind"] = "memo"
    cases.append((d, "meta.kind", "unknown variant"))
    d = doc.to_dict()
    d["body"][0]["num"]["value"] = "one"
    cases.append((d, "body[0].num.value", "invalid type"))
    d = doc.to_dict()
    d["extra"] = 1
    cases.append((d, "extra", "unknown field"))
    d = doc.to_dict()
    d["meta"]["issuers"] = {"a", "b"}
    cases.append((d, "meta.issuers", "has no JSON form"))
    d = doc.to_dict()
    d["meta"][1] = "x"
    cases.append((d, "meta", "keys must be strings"))
    d = doc.to_dict()
    d["body"][0]["num"]["value"] = math.nan
    cases.append((d, "body[0].num.value", "not a finite number"))
    d = doc.to_dict()
    d["body"][0]["num"]["value"] = 1 << 70
    cases.append((d, "body[0].num.value", "integer out of range"))
    d = doc.to_dict()
    d["body"][0]["children"][1]["paragraphs"][0]["text"] = b"bytes"
    cases.append((d, "body[0].children[1].paragraphs[0].text", "has no JSON form"))
    cases.append(({"meta": "决定"}, "meta", "invalid type"))
    for data, path, message in cases:
        with pytest.raises(SchemaError) as info:
            Document.from_dict(data)  # type: ignore[arg-type]
        e = info.value
        assert e.path == path, (path, str(e))
        assert message in str(e)
        assert where(e) == (None, None, None)


def test_from_dict_wants_a_dict() -> None:
    with pytest.raises(TypeError, match="expected a dict"):
        Document.from_dict([1, 2])  # type: ignore[arg-type]


def test_from_dict_refuses_deep_nesting() -> None:
    deep: object = "x"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(SchemaError, match="nested deeper"):
        Document.from_dict({"meta": {}, "body": deep})  # type: ignore[dict-item]


def nested_parts(depth: int) -> str:
    node = '{"kind": "part"}'
    for _ in range(depth - 1):
        node = '{"kind": "part", "children": [' + node + "]}"
    return '{"meta": {}, "body": [' + node + "]}"


def test_json_refuses_deep_nesting() -> None:
    shallow = gongwen.loads(nested_parts(50))
    assert max(len(p) for p, _ in shallow.walk()) == 50
    assert Document.from_dict(shallow.to_dict()) == shallow
    src = nested_parts(5000)
    with pytest.raises(ParseError, match="recursion limit") as info:
        gongwen.loads(src)
    e = info.value
    assert e.line == 1 and e.offset is not None
    # the fault is inside the nesting, before the innermost node
    assert 0 < e.offset < src.index('{"kind": "part"}]')
    node: dict[str, object] = {"kind": "part"}
    for _ in range(500):
        node = {"kind": "part", "children": [node]}
    with pytest.raises(SchemaError, match="nested deeper"):
        Document.from_dict({"meta": {}, "body": [node]})


def test_errors_are_value_errors_not_panics() -> None:
    for bad in (b"\xff\xfe", "", "{", '{"meta": 1}'):
        try:
            gongwen.loads(bad)
        except ValueError as e:
            assert isinstance(e, GongwenError)
        else:
            raise AssertionError(f"{bad!r} was accepted")
