//! Each model enum's names are spelled once (`names!` in `model.rs`): serde (JSON), `as_str`
//! (XML, AKN, outlines, Python), `Display` and `FromStr` agree on every value.

use gongwen::{ClosingRole, DocKind, NodeKind, ResidueRole, Severity, TitleSource};
use serde::Serialize;
use std::fmt::{Debug, Display};
use std::str::FromStr;

fn names_agree<T>(all: &[T], name: fn(T) -> &'static str)
where
    T: Copy + PartialEq + Debug + Serialize + serde::de::DeserializeOwned + FromStr + Display,
{
    assert!(!all.is_empty());
    for &v in all {
        let json = serde_json::to_value(v).expect("serialises");
        assert_eq!(
            json,
            serde_json::Value::String(name(v).to_string()),
            "{v:?}"
        );
        assert_eq!(v.to_string(), name(v));
        assert!(name(v).parse::<T>().ok() == Some(v), "{v:?} parses back");
        let back: T = serde_json::from_value(json).expect("deserialises");
        assert_eq!(back, v);
    }
}

#[test]
fn every_enum_has_one_spelling_of_its_names() {
    names_agree(DocKind::ALL, DocKind::as_str);
    names_agree(TitleSource::ALL, TitleSource::as_str);
    names_agree(NodeKind::ALL, NodeKind::as_str);
    names_agree(ClosingRole::ALL, ClosingRole::as_str);
    names_agree(ResidueRole::ALL, ResidueRole::as_str);
    names_agree(Severity::ALL, Severity::as_str);
    let e = "paragraph"
        .parse::<NodeKind>()
        .expect_err("not a node kind");
    assert_eq!(
        e.to_string(),
        "`paragraph` is no NodeKind: expected one of book, subbook, chapter, division, article, part, section, item, subitem, measure, point, subpoint"
    );
}
