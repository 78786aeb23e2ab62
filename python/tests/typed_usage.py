"""A typed use of the public API: `mypy --strict` checks it against the stubs, and
`test_typed_usage.py` runs it against the built module."""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Iterator
from pathlib import Path

import gongwen
from gongwen import Document, GongwenError, Node, NodeKind, ParseError, Span

REPO = Path(__file__).resolve().parents[2]


def headings(doc: Document) -> list[tuple[NodeKind, int | None, str | None]]:
    return [(node.kind, node.num, node.heading) for _, node in doc.walk()]


def lines_of(nodes: list[Node]) -> Iterator[int]:
    for node in nodes:
        span: Span | None = node.span
        if span is not None:
            yield span.line


def main() -> None:
    doc: Document = gongwen.load(REPO / "tests" / "fixtures" / "sample-decision.txt")
    title: str | None = doc.meta.title
    signed: datetime.date | None = doc.meta.signed
    adopted = doc.meta.adopted
    meeting: str | None = adopted.meeting if adopted is not None else None
    assert title is not None and signed is not None and meeting is not None
    kinds = headings(doc)
    assert kinds[0] == ("part", 1, "深刻把握深化数字化改革的重大意义")
    sections: list[Node] = [s for p in doc.parts for s in p.sections]
    measures: list[Node] = [m for s in sections for m in s.measures]
    items: list[Node] = [i for s in sections for i in s.items]
    assert len(measures) == 9 and len(items) == 3
    assert list(lines_of(doc.parts)) == sorted(lines_of(doc.parts))
    path: tuple[int, ...] = doc.guarantees[0].path
    assert doc.node(path).guarantees
    text: str = doc.to_text()
    as_json: str = doc.to_json(indent=2)
    as_xml: bytes = doc.to_xml()
    as_akn: bytes = doc.to_akn()
    xml_text: str = doc.to_xml(encoding="unicode")
    akn_text: str = doc.to_akn(encoding="unicode")
    data: dict[str, object] = doc.to_dict()
    for other in (
        gongwen.parse(text).without_page(),
        Document.from_json(as_json),
        Document.from_xml(as_xml),
        Document.from_akn(as_akn),
        Document.from_dict(data),
        gongwen.loads(as_json, format="json"),
    ):
        assert other == doc or other == doc.without_page()
    docs: list[Document] = gongwen.parse_many([text, text.encode()], threads=2)
    assert docs[0] == docs[1]
    roles: list[str] = [c.role for c in doc.closing] + [r.role for r in doc.residue]
    assert "signature" in roles
    for d in doc.diagnostics:
        print(d.code, d.severity, d.render(text))
    for a in doc.attachments:
        print(a.label, a.num, a.document.meta.title)
    assert pickle.loads(pickle.dumps(doc)) == doc
    try:
        gongwen.parse(b"\xff")
    except ParseError as e:
        where: tuple[int | None, int | None, int | None] = (e.line, e.column, e.offset)
        assert where == (1, 1, 0)
    try:
        Document.from_json('{"meta": {"kind": "memo"}}')
    except GongwenError as e:
        assert isinstance(e, gongwen.SchemaError) and e.path == "meta.kind"


if __name__ == "__main__":
    main()
