"""gongwen.read_corpus: the corpus tables in pyarrow, equal to what the documents hold."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, REPO

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
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0")
    tables = gongwen.read_corpus([*paths, empty, binary, missing], threads=2)
    docs, nodes = tables["documents"], tables["nodes"]
    assert isinstance(docs, pa.Table) and isinstance(nodes, pa.Table)
    assert docs.num_rows == len(paths) + 3
    assert docs.column_names[:3] == ["doc_id", "path", "error"]
    rows = docs.to_pylist()
    # one row per path, in order; the unreadable ones say why, no other row is lost
    assert [r["path"] for r in rows] == [str(p) for p in [*paths, empty, binary, missing]]
    assert "empty" in rows[-3]["error"] and "binary" in rows[-2]["error"]
    assert "missing.txt" in rows[-1]["error"]
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


def node_text(node: gongwen.Node) -> str:
    """A node's text as docs/tables.md says: its paragraphs a line each, a table's rows a line
    each with cells apart by tabs (a cell's own lines joined by spaces)."""

    def para(p: gongwen.Paragraph) -> str:
        if p.table is None:
            return p.text
        return "\n".join(
            "\t".join(c.text.replace("\n", " ") for c in row) for row in p.table.rows
        )

    return "\n".join(para(p) for p in node.paragraphs)


def all_nodes(doc: gongwen.Document) -> list[gongwen.Node]:
    """Depth first, the body's nodes then each attachment's (the order of the nodes table)."""

    def walk(nodes: list[gongwen.Node]) -> list[gongwen.Node]:
        out: list[gongwen.Node] = []
        for n in nodes:
            out.append(n)
            out.extend(walk(n.children))
        return out

    out = walk(doc.body)
    for a in doc.attachments:
        out.extend(all_nodes(a.document))
    return out


def test_tables_of_documents_in_memory_equal_those_read_from_files() -> None:
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))
    docs, names = [], []
    for p in paths:
        try:
            docs.append(gongwen.load(p))
        except gongwen.GongwenError:
            continue
        names.append(str(p))
    assert len(docs) > 10
    mine = gongwen.tables(docs, names=names)
    read = gongwen.read_corpus(names)
    assert mine["nodes"].equals(read["nodes"])
    assert mine["diagnostics"].equals(read["diagnostics"])
    # the documents rows agree but for the bytes, which a document in memory no longer has:
    # there they are the canonical text's
    keep = [c for c in read["documents"].column_names if c not in ("source_bytes", "sha256")]
    assert mine["documents"].select(keep).equals(read["documents"].select(keep))
    text = docs[0].to_text().encode()
    first = mine["documents"].to_pylist()[0]
    assert first["source_bytes"] == len(text)
    assert first["sha256"] == hashlib.sha256(text).hexdigest()
    # without names, a document's path is its place in the list; an attachment's document and
    # an empty list are documents and tables too
    plain = gongwen.tables(docs[:2])["documents"].column("path").to_pylist()
    assert plain == ["0", "1"]
    assert gongwen.tables([])["nodes"].num_rows == 0
    with pytest.raises(ValueError, match="1 names for 2 documents"):
        gongwen.tables(docs[:2], names=["a"])


# ---- gongwen batch --to parquet, read back with pyarrow -------------------------------------

TYPES = {
    "uint32": "uint32",
    "uint64": "uint64",
    "int32": "int32",
    "int64": "int64",
    "utf8": "string",
    "bool": "bool",
    "date32": "date32[day]",
    "list<utf8>": "list<item: string>",
}


def documented_schemas() -> dict[str, list[tuple[str, str, bool]]]:
    """The three schemas as docs/tables.md gives them: per table, (column, pyarrow type,
    nullable) in order."""
    import re

    doc = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    schemas: dict[str, list[tuple[str, str, bool]]] = {}
    table = None
    for line in doc.splitlines():
        heading = re.match(r"## `(\w+)\.parquet`", line)
        if heading:
            table = heading.group(1)
            schemas[table] = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if table is None or len(cells) < 4 or not cells[0].startswith("`"):
            continue
        names = re.findall(r"`(\w+)`", cells[0])
        if cells[1].startswith("as in"):
            # "as in `nodes`": the same columns of that table
            same = {n: (t, z) for n, t, z in schemas[re.findall(r"`(\w+)`", cells[1])[0]]}
            schemas[table] += [(n, *same[n]) for n in names]
            continue
        schemas[table] += [(n, TYPES[cells[1]], cells[2] == "yes") for n in names]
    return schemas


def gongwen_cli() -> Path:
    """The command-line tool: $GONGWEN_BIN (scripts/test-python.sh builds and sets it), or the
    release build of the checkout; a skip that says so when there is none."""
    given = os.environ.get("GONGWEN_BIN")
    if given:
        assert Path(given).is_file(), f"GONGWEN_BIN={given} is not a file"
        return Path(given)
    built = REPO / "target" / "release" / "gongwen"
    if not built.is_file():
        pytest.skip("no gongwen binary (set GONGWEN_BIN or cargo build --release): skipping the CLI read-back")
    return built


def test_cli_parquet_of_the_corpus_reads_back_as_documented(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    shared = REPO.parent / "shared"
    if not (shared / "wide").is_dir() or not CORPUS.is_dir():
        pytest.skip(f"../shared/wide or {CORPUS} not found: skipping the corpus read-back")
    # the two folders as one input (copies: batch follows no link to a directory)
    src = tmp_path / "in"
    shutil.copytree(shared / "wide", src / "wide")
    shutil.copytree(CORPUS, src / "corpus")
    out = tmp_path / "out"
    run = subprocess.run(
        [str(gongwen_cli()), "batch", str(src), "--to", "parquet", "--out", str(out)],
        capture_output=True,
        text=True,
    )
    files = sorted(p for p in src.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(files) > 230
    read = {t: pq.read_table(out / f"{t}.parquet") for t in ("documents", "nodes", "diagnostics")}

    # the schemas are the documented ones, column for column
    for table, columns in documented_schemas().items():
        schema = read[table].schema
        got = [(f.name, str(f.type), f.nullable) for f in schema]
        assert got == columns, table

    # a row per file, in path order; a file that is not a document says why (and then the run
    # exits 1, naming it)
    rows = read["documents"].to_pylist()
    assert [r["path"] for r in rows] == [str(p.relative_to(src)) for p in files]
    failed = [r for r in rows if r["error"] is not None]
    assert run.returncode == (1 if failed else 0), run.stderr
    for r in failed:
        assert r["path"] in run.stderr

    # each document's node rows are its nodes as read in this process: as many, the same texts,
    # headings and numbers, in the same order
    nodes = read["nodes"].to_pylist()
    by_doc: dict[int, list[dict[str, object]]] = {}
    for n in nodes:
        by_doc.setdefault(int(n["doc_id"]), []).append(n)  # type: ignore[call-overload]
    total = 0
    for r, path in zip(rows, files):
        if r["error"] is not None:
            with pytest.raises(gongwen.GongwenError):
                gongwen.load(path)
            continue
        doc = gongwen.load(path)
        mine = all_nodes(doc)
        theirs = by_doc.get(r["doc_id"], [])
        assert r["nodes"] == len(mine) == len(theirs), r["path"]
        assert [n["text"] for n in theirs] == [node_text(n) for n in mine], r["path"]
        assert [n["heading"] for n in theirs] == [n.heading for n in mine], r["path"]
        assert [n["num_text"] for n in theirs] == [n.num_text for n in mine], r["path"]
        assert [n["kind"] for n in theirs] == [n.kind for n in mine], r["path"]
        assert r["diagnostics"] == len(list(every_diagnostic(doc)))
        total += len(mine)
    assert len(nodes) == total > 20_000


def every_diagnostic(doc: gongwen.Document) -> Iterator[gongwen.Diagnostic]:
    yield from doc.diagnostics
    for a in doc.attachments:
        yield from every_diagnostic(a.document)


def test_read_corpus_in_runs_on_threads_equals_one_thread() -> None:
    # more paths than one thread's run (64): the runs' rows come back in path order, numbered
    # on from run to run, whatever thread read them
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html")) * 6
    assert len(paths) > 2 * 64
    two = gongwen.read_corpus(paths, threads=2)
    one = gongwen.read_corpus(paths, threads=1)
    for name in ("documents", "nodes", "diagnostics"):
        assert two[name].equals(one[name]), name
    docs = two["documents"].to_pylist()
    assert [r["doc_id"] for r in docs] == list(range(len(paths)))
    assert [r["path"] for r in docs] == [str(p) for p in paths]
    ids = two["nodes"].column("doc_id").to_pylist()
    assert ids == sorted(ids)
