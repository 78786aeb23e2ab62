"""gongwen: Chinese official documents (公文) as a typed model.

Read a document with :func:`parse` (plain text), :func:`loads` (text or JSON, detected from the
content) or :func:`load` (a path or a file object), then navigate it::

    doc = gongwen.load("tests/fixtures/sample-decision.txt")
    doc.meta.title, doc.meta.adopted.date
    for part in doc.parts:
        for section in part.sections:
            print(section.num_text, section.heading)

and write it with :meth:`Document.to_text`, :meth:`Document.to_json`, :meth:`Document.to_xml`,
:meth:`Document.to_akn` or :meth:`Document.to_dict`.
:func:`parse_many` parses many texts in parallel. Errors about the input derive from
:class:`GongwenError` (a ``ValueError``) and say where: ``.line``, ``.column``, ``.offset``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

from gongwen import _gongwen

if TYPE_CHECKING:
    import pyarrow

    from gongwen._typing import ArrowStream

from gongwen._gongwen import (
    MAX_INPUT_BYTES,
    Adoption,
    Attachment,
    Cell,
    ClosingLine,
    Diagnostic,
    DocNumber,
    Decision,
    Document,
    Field,
    GongwenError,
    LawEvent,
    LawMeta,
    Metadata,
    Node,
    Notes,
    Paragraph,
    ParseError,
    Publication,
    Residue,
    SchemaError,
    Span,
    Table,
    XmlError,
    __version__,
    explain,
    loads,
    parse,
    parse_many,
)
from gongwen._typing import (
    ClosingRole,
    DocKind,
    Format,
    LawAction,
    LawKind,
    NodeKind,
    ResidueRole,
    Severity,
    TitleSource,
)


def load(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    format: Format | None = None,
    encoding: str | None = None,
) -> Document:
    """Reads a document from a path or an open file (text or binary).

    ``format`` is ``"text"``, ``"json"``, ``"xml"``, ``"akn"`` or ``"html"``; by default it is
    detected from the content (an HTML page by its doctype or first element, JSON starts with
    ``{``, XML with ``<``; Akoma Ntoso by its root element). A text file or page in another
    encoding than UTF-8 (GBK, GB18030, UTF-16 with a BOM…) is decoded by what its bytes (or its
    ``<meta>``) show, or by ``encoding`` when given (``"gbk"``, ``"gb18030"``, ``"utf-16le"``…). A path
    that cannot be opened raises ``OSError``; content that cannot be read raises a
    :class:`GongwenError` subclass.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            data: str | bytes = f.read()
    elif hasattr(source, "read"):
        data = source.read()
    else:
        raise TypeError(
            f"expected a path or a file object, not {type(source).__name__}"
        )
    return loads(data, format=format, encoding=encoding)


def _tables(
    name: str, make: Callable[[], tuple[ArrowStream, ArrowStream, ArrowStream]]
) -> dict[str, pyarrow.Table]:
    """The three tables ``make`` builds in Rust, as ``pyarrow.Table`` (without a copy)."""
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"gongwen.{name} needs pyarrow: pip install 'gongwen[arrow]'"
        ) from e
    documents, nodes, diagnostics = make()
    return {
        "documents": pyarrow.table(documents),
        "nodes": pyarrow.table(nodes),
        "diagnostics": pyarrow.table(diagnostics),
    }


def read_corpus(
    paths: Iterable[str | os.PathLike[str]], threads: int | None = None
) -> dict[str, pyarrow.Table]:
    """Reads every path (a file each) into three ``pyarrow.Table``: ``"documents"`` (one row per
    path, ``error`` saying why one could not be read), ``"nodes"`` (one row per structural node)
    and ``"diagnostics"``, with the schemas of ``docs/tables.md`` (those of ``gongwen batch
    --to parquet``). Files are read and parsed in Rust, on ``threads`` threads (one per core by
    default) without the GIL; the tables come through the Arrow C stream interface, without a
    copy. Needs pyarrow (``pip install gongwen[arrow]``).
    """
    files = [os.fspath(p) for p in paths]
    return _tables("read_corpus", lambda: _gongwen.read_corpus(files, threads))


def tables(
    docs: Iterable[Document], names: Iterable[str] | None = None
) -> dict[str, pyarrow.Table]:
    """The tables of :func:`read_corpus` for documents already read: ``"documents"``,
    ``"nodes"`` and ``"diagnostics"``, with the schemas of ``docs/tables.md``. ``names`` fills
    the ``path`` column (each document's place in ``docs``, from ``"0"``, by default);
    ``source_bytes`` and ``sha256`` are those of the document's canonical text
    (:meth:`Document.to_text`), as the bytes it was read from are not kept. Needs pyarrow.
    """
    listed, labels = list(docs), None if names is None else list(names)
    return _tables("tables", lambda: _gongwen.tables(listed, labels))


__all__ = [
    "MAX_INPUT_BYTES",
    "read_corpus",
    "tables",
    "Adoption",
    "Attachment",
    "Cell",
    "ClosingLine",
    "ClosingRole",
    "Decision",
    "Diagnostic",
    "DocKind",
    "DocNumber",
    "Document",
    "Field",
    "Format",
    "GongwenError",
    "LawAction",
    "LawEvent",
    "LawKind",
    "LawMeta",
    "Metadata",
    "Node",
    "NodeKind",
    "Notes",
    "Paragraph",
    "ParseError",
    "Publication",
    "Residue",
    "ResidueRole",
    "SchemaError",
    "Severity",
    "Span",
    "Table",
    "TitleSource",
    "XmlError",
    "__version__",
    "explain",
    "load",
    "loads",
    "parse",
    "parse_many",
]
