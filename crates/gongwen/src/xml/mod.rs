//! gongwen XML: the model as XML, one element per field, in its own namespace
//! ([`NAMESPACE`], the default namespace, no prefix), described by `schemas/gongwen.xsd`.
//!
//! The mapping follows `model.rs` field by field, with the names serde gives them in JSON:
//! a struct is an element whose children are its fields in declaration order; a list is a
//! wrapper element named after the field holding one element per item, named after the item's
//! type (`preamble/paragraph`, `body/node`, `closing/closing_line`, `residue/residue`,
//! `meta/issuers/issuer`, `meta/title_lines/line`…); a string, number, date or enum is an element
//! holding its text exactly (no trimming, no added white space). A source span, which every
//! paragraph and node carries, is the one compact field: an empty element with four number
//! attributes, `<span offset="177" len="601" line="7" column="1"/>`. What JSON leaves out (`None`,
//! empty lists, `false`, empty spans) is left out here too, so the two formats hold the same.
//!
//! ```
//! let doc = gongwen::parse("关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n").unwrap();
//! let xml = gongwen::xml::to_string(&doc).unwrap();
//! assert!(xml.contains("<title>关于加强某项工作的通知</title>"));
//! assert_eq!(gongwen::xml::from_str(&xml).unwrap(), doc);
//! ```
//!
//! The reader shares the hostile-input limits of [`crate::xmlsafe`]; it refuses unknown
//! elements, repeated fields and text where none belongs, naming the element and its position.

pub(crate) mod read;
pub(crate) mod write;

pub use read::from_str;
pub use write::{to_string, to_writer};

/// The gongwen namespace.
pub const NAMESPACE: &str = crate::xmlsafe::GW_NS;

use crate::model::{ClosingRole, DocKind, NodeKind, ResidueRole, Severity, TitleSource};

/// The serde (kebab-case) names of the enums, shared by both XML formats.
pub(crate) fn doc_kind_str(k: DocKind) -> &'static str {
    match k {
        DocKind::Decision => "decision",
        DocKind::Opinion => "opinion",
        DocKind::Plan => "plan",
        DocKind::Notice => "notice",
        DocKind::Reply => "reply",
        DocKind::Report => "report",
        DocKind::Resolution => "resolution",
        DocKind::Regulation => "regulation",
        DocKind::Other => "other",
    }
}

pub(crate) fn doc_kind(s: &str) -> Option<DocKind> {
    Some(match s {
        "decision" => DocKind::Decision,
        "opinion" => DocKind::Opinion,
        "plan" => DocKind::Plan,
        "notice" => DocKind::Notice,
        "reply" => DocKind::Reply,
        "report" => DocKind::Report,
        "resolution" => DocKind::Resolution,
        "regulation" => DocKind::Regulation,
        "other" => DocKind::Other,
        _ => return None,
    })
}

pub(crate) fn title_source_str(t: TitleSource) -> &'static str {
    match t {
        TitleSource::Document => "document",
        TitleSource::Lead => "lead",
        TitleSource::MetadataBox => "metadata-box",
    }
}

pub(crate) fn title_source(s: &str) -> Option<TitleSource> {
    Some(match s {
        "document" => TitleSource::Document,
        "lead" => TitleSource::Lead,
        "metadata-box" => TitleSource::MetadataBox,
        _ => return None,
    })
}

pub(crate) fn node_kind(s: &str) -> Option<NodeKind> {
    Some(match s {
        "part" => NodeKind::Part,
        "section" => NodeKind::Section,
        "item" => NodeKind::Item,
        "subitem" => NodeKind::Subitem,
        "measure" => NodeKind::Measure,
        _ => return None,
    })
}

pub(crate) fn closing_role_str(r: ClosingRole) -> &'static str {
    match r {
        ClosingRole::Signature => "signature",
        ClosingRole::Date => "date",
        ClosingRole::Note => "note",
        ClosingRole::AttachmentList => "attachment-list",
    }
}

pub(crate) fn closing_role(s: &str) -> Option<ClosingRole> {
    Some(match s {
        "signature" => ClosingRole::Signature,
        "date" => ClosingRole::Date,
        "note" => ClosingRole::Note,
        "attachment-list" => ClosingRole::AttachmentList,
        _ => return None,
    })
}

pub(crate) fn residue_role_str(r: ResidueRole) -> &'static str {
    match r {
        ResidueRole::Chrome => "chrome",
        ResidueRole::MetadataBox => "metadata-box",
        ResidueRole::Publication => "publication",
        ResidueRole::Lead => "lead",
        ResidueRole::Unplaced => "unplaced",
        ResidueRole::Furniture => "furniture",
    }
}

pub(crate) fn residue_role(s: &str) -> Option<ResidueRole> {
    Some(match s {
        "chrome" => ResidueRole::Chrome,
        "metadata-box" => ResidueRole::MetadataBox,
        "publication" => ResidueRole::Publication,
        "lead" => ResidueRole::Lead,
        "unplaced" => ResidueRole::Unplaced,
        "furniture" => ResidueRole::Furniture,
        _ => return None,
    })
}

pub(crate) fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

pub(crate) fn severity(s: &str) -> Option<Severity> {
    Some(match s {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "note" => Severity::Note,
        _ => return None,
    })
}
