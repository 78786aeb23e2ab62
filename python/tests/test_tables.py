"""gongwen.read_corpus: the corpus tables in pyarrow, equal to what the documents hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

import gongwen

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install pyarrow)")


def count_nodes(doc: gongwen.Document) -> int:
    def walk(nodes: list[gongwen.Node]) -> int:
        return sum(1 + walk(n.children) for n in nodes)

    return walk(doc.body) + sum(count_nodes(a.document) for a in doc.attachments)


def test_read_corpus_gives_the_tables_of_the_documents(tmp_path: Path) -> None:
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    tables = gongwen.read_corpus([*paths, empty, missing], threads=2)
    docs, nodes = tables["documents"], tables["nodes"]
    assert isinstance(docs, pa.Table) and isinstance(nodes, pa.Table)
    assert docs.num_rows == len(paths) + 2
    assert docs.column_names[:3] == ["doc_id", "path", "error"]
    rows = docs.to_pylist()
    # one row per path, in order; the unreadable ones say why, no other row is lost
    assert [r["path"] for r in rows] == [str(p) for p in [*paths, empty, missing]]
    assert "empty" in rows[-2]["error"] and "missing.txt" in rows[-1]["error"]
    total = 0
    for p, r in zip(paths, rows):
        try:
            doc = gongwen.load(p)
        except gongwen.GongwenError:
            assert r["error"] is not None
            continue
        assert r["error"] is None, r["error"]
        assert r["nodes"] == count_nodes(doc), p.name
        assert r["title"] == doc.meta.title
        total += r["nodes"]
    assert nodes.num_rows == total
    # the node rows hold the nodes' texts and numbers as the documents do
    sample = gongwen.load(FIXTURES / "sample-decision.txt")
    sid = next(r["doc_id"] for r in rows if r["path"].endswith("sample-decision.txt"))
    mine = [r for r in nodes.to_pylist() if r["doc_id"] == sid]
    tops = [r for r in mine if r["parent_eid"] is None]
    assert [r["heading"] for r in tops] == [p.heading for p in sample.parts]
    assert [r["num"] for r in tops] == [p.num for p in sample.parts]
    with pytest.raises(ValueError):
        gongwen.read_corpus(paths, threads=0)
