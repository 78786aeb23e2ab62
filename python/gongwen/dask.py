"""gongwen on Dask: a corpus's tables as ``dask.dataframe`` partitions, each read on a worker.

``read_corpus(paths_or_glob, blocksize="8MB")`` splits the files, in order, into blocks of
about ``blocksize`` bytes (as ``dask.dataframe.read_csv`` does; a larger file is a block of its
own) and builds the dataframe with ``dask.dataframe.from_map``: each partition reads and parses
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

__all__ = ["read_corpus", "files", "blocks"]

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


def blocks(names: list[str], blocksize: int) -> list[tuple[int, list[str]]]:
    """The files in order, cut into blocks of at least ``blocksize`` bytes (the last one
    smaller), each with the index of its first file. A file that cannot be sized counts as
    empty: reading it gives its row and its error."""
    out: list[tuple[int, list[str]]] = []
    start, size = 0, 0
    for i, name in enumerate(names):
        try:
            size += os.stat(name).st_size
        except OSError:
            pass
        if size >= blocksize:
            out.append((start, names[start : i + 1]))
            start, size = i + 1, 0
    if start < len(names):
        out.append((start, names[start:]))
    return out


def read_corpus(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    blocksize: int | str = "8MB",
    table: str = "nodes",
) -> Any:
    """The ``table`` (``"nodes"``, ``"documents"`` or ``"diagnostics"``) of the files as a
    ``dask.dataframe.DataFrame``, a partition per block of about ``blocksize`` bytes of input
    (an integer, or a string such as ``"64MB"``)."""
    import dask.dataframe as dd
    from dask.utils import parse_bytes

    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
    size = parse_bytes(blocksize) if isinstance(blocksize, str) else blocksize
    if size < 1:
        raise ValueError("blocksize must be at least 1 byte")
    names = files(paths_or_glob)
    blocks_ = blocks(names, size)
    meta = gongwen.read_corpus([], threads=1)[table].to_pandas()
    if not blocks_:
        return dd.from_pandas(meta, npartitions=1)  # type: ignore[no-untyped-call]
    return dd.from_map(_partition, blocks_, table=table, meta=meta)  # type: ignore[no-untyped-call]
