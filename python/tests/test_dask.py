"""gongwen.dask: the nodes of ../shared/wide on a two-worker LocalCluster equal, row for row,
what gongwen.read_corpus gives in process."""

from __future__ import annotations

import pytest
from conftest import REPO

import gongwen

dd = pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install 'dask[dataframe]')")
distributed = pytest.importorskip("distributed", reason="distributed is not installed")


def test_the_nodes_of_the_wide_corpus_on_two_workers_equal_the_in_process_table() -> None:
    import gongwen.dask

    wide = REPO.parent / "shared" / "wide"
    if not wide.is_dir():
        pytest.skip("../shared/wide is not beside the repository")
    names = gongwen.dask.files(wide)
    assert len(names) > 200
    want = gongwen.read_corpus(names)["nodes"].to_pandas()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster):
        nodes = gongwen.dask.read_corpus(str(wide), blocksize="512kB")
        assert nodes.npartitions == len(gongwen.dask.blocks(names, 512_000)) > 8
        got = nodes.compute().reset_index(drop=True)
    assert len(got) == len(want) > 10_000
    assert list(got.columns) == list(want.columns)
    # row for row, value for value (dask keeps strings as string[pyarrow], pandas as str)
    assert records(got) == records(want)


def records(frame) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return frame.astype(object).where(frame.notna(), None).to_dict("records")  # type: ignore[no-any-return]


def test_documents_and_bad_arguments(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gongwen.dask

    (tmp_path / "a.txt").write_text("关于加强某项工作的通知\n各单位：\n一、总体要求\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    docs = gongwen.dask.read_corpus(str(tmp_path / "*.txt"), blocksize=1, table="documents")
    assert docs.npartitions == 2
    frame = docs.compute()
    assert list(frame["doc_id"]) == [0, 1]
    assert frame["error"].isna().tolist() == [True, False]
    with pytest.raises(ValueError):
        gongwen.dask.read_corpus(str(tmp_path), table="pages")
    with pytest.raises(ValueError):
        gongwen.dask.read_corpus(str(tmp_path), blocksize=0)


def test_blocks_cut_the_files_in_order_by_bytes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gongwen.dask

    names = []
    for name, size in [("a", 300), ("b", 300), ("c", 900), ("d", 10), ("e", 10)]:
        (tmp_path / name).write_bytes(b"x" * size)
        names.append(str(tmp_path / name))
    missing = str(tmp_path / "missing")
    got = gongwen.dask.blocks([*names, missing], 500)
    # a block closes once it holds 500 bytes; a larger file is a block of its own; the rest,
    # the unreadable file included, is the last block
    assert got == [(0, names[:2]), (2, names[2:3]), (3, [*names[3:], missing])]
    assert gongwen.dask.blocks([], 500) == []
