"""gongwen on Dask: a corpus's tables as ``dask.dataframe`` partitions, each read on a worker.

``read_corpus(paths_or_glob, blocksize=64)`` splits the files into blocks of ``blocksize``
paths and builds the dataframe with ``dask.dataframe.from_map``: each partition reads and parses
its own files (in Rust, without the GIL) on whichever worker runs it, and numbers its documents
from its block's first index, so ``doc_id`` is the same as in :func:`gongwen.read_corpus` over
all the files. It runs on the local scheduler, or on a cluster once a ``distributed.Client`` is
connected::

    from distributed import Client
    client = Client("tcp://scheduler:8786")       # or Client(LocalCluster(n_workers=2))
    nodes = gongwen.dask.read_corpus("corpus/**/*.txt")
    nodes.groupby("kind").size().compute()

Needs ``pip install gongwen[dask]``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from typing import Any

import gongwen

__all__ = ["read_corpus", "files"]

TABLES = ("documents", "nodes", "diagnostics")


def files(paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files named: a directory's files (walked, sorted), a glob's matches (``**``
    recursive, sorted), or the paths given, in their order."""
    if isinstance(paths_or_glob, (str, os.PathLike)):
        s = os.fspath(paths_or_glob)
        if os.path.isdir(s):
            return sorted(
                os.path.join(root, f)
                for root, _, names in os.walk(s)
                for f in names
                if not f.startswith(".")
            )
        return sorted(p for p in glob.glob(s, recursive=True) if os.path.isfile(p))
    return [os.fspath(p) for p in paths_or_glob]


def _partition(block: tuple[int, list[str]], table: str) -> Any:
    start, paths = block
    frame = gongwen.read_corpus(paths, threads=1)[table].to_pandas()
    frame["doc_id"] = (frame["doc_id"] + start).astype("uint32")
    return frame


def read_corpus(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    blocksize: int = 64,
    table: str = "nodes",
) -> Any:
    """The ``table`` (``"nodes"``, ``"documents"`` or ``"diagnostics"``) of the files as a
    ``dask.dataframe.DataFrame``, one partition per ``blocksize`` files."""
    import dask.dataframe as dd

    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
    if blocksize < 1:
        raise ValueError("blocksize must be at least 1")
    names = files(paths_or_glob)
    blocks = [(i, names[i : i + blocksize]) for i in range(0, len(names), blocksize)]
    meta = gongwen.read_corpus([], threads=1)[table].to_pandas()
    if not blocks:
        return dd.from_pandas(meta, npartitions=1)  # type: ignore[no-untyped-call]
    return dd.from_map(_partition, blocks, table=table, meta=meta)  # type: ignore[no-untyped-call]
