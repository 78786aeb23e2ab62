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
        nodes = gongwen.dask.read_corpus(str(wide), blocksize=32)
        assert nodes.npartitions == -(-len(names) // 32)
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
    frame = docs.compute()
    assert list(frame["doc_id"]) == [0, 1]
    assert frame["error"].isna().tolist() == [True, False]
    with pytest.raises(ValueError):
        gongwen.dask.read_corpus(str(tmp_path), table="pages")
