"""The names gongwen uses for its enumerations, as ``Literal`` types for annotations."""

from __future__ import annotations

from typing import Literal, Protocol

#: The genre of a document (文种), from the last word of its title.
DocKind = Literal[
    "decision",
    "opinion",
    "plan",
    "notice",
    "order",
    "reply",
    "report",
    "resolution",
    "regulation",
    "other",
]
#: Where a document's title was read from.
TitleSource = Literal["document", "lead", "metadata-box"]
#: The level of a node: 一、 part, （一） section, 1. item, （1） subitem, run-in measure; a law's
#: 编 book, 分编 subbook, 章 chapter, 节 division, 条 article, 项 point, 目 subpoint.
NodeKind = Literal[
    "book",
    "subbook",
    "chapter",
    "division",
    "article",
    "part",
    "section",
    "item",
    "subitem",
    "measure",
    "point",
    "subpoint",
]
#: The role of a line of the closing block.
ClosingRole = Literal["signature", "date", "note", "attachment-list", "copy-to", "printed"]
#: What a piece of residue is.
ResidueRole = Literal[
    "chrome", "metadata-box", "publication", "lead", "unplaced", "furniture"
]
#: The kind of a piece of legislation (立法法).
LawKind = Literal[
    "law",
    "administrative-regulation",
    "local-regulation",
    "rule",
    "judicial-interpretation",
    "amending-decision",
]
#: What an event of a law's history did: 通过, 批准, 公布, 修正, 修订, 施行.
LawAction = Literal[
    "adopted", "approved", "promulgated", "amended", "revised", "effective"
]
#: How serious a diagnostic is.
Severity = Literal["error", "warning", "note"]
#: The formats ``loads`` and ``load`` read.
Format = Literal["text", "json", "xml", "akn", "html"]

__all__ = [
    "ClosingRole",
    "DocKind",
    "Format",
    "LawAction",
    "LawKind",
    "NodeKind",
    "ResidueRole",
    "Severity",
    "TitleSource",
]


class ArrowStream(Protocol):
    """A table readable through the Arrow PyCapsule interface (``pyarrow.table(t)``)."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
