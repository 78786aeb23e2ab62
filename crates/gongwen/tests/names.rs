//! Each model enum's names are spelled once (`names!` in `model.rs`): serde (JSON), `as_str`
//! (XML, AKN, outlines, Python), `Display` and `FromStr` agree on every value.

use gongwen::{
    ClosingRole, DocKind, LawAction, LawKind, NodeKind, ResidueRole, Severity, TitleSource,
};
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
    names_agree(LawKind::ALL, LawKind::as_str);
    names_agree(LawAction::ALL, LawAction::as_str);
    let e = "paragraph"
        .parse::<NodeKind>()
        .expect_err("not a node kind");
    assert_eq!(
        e.to_string(),
        "`paragraph` is no NodeKind: expected one of book, subbook, chapter, division, article, part, section, item, subitem, measure, point, subpoint"
    );
}

/// The values of the XSD's `simpleType name="{ty}"` enumeration.
fn xsd_values(xsd: &str, ty: &str) -> Vec<String> {
    let start = xsd
        .find(&format!("<xs:simpleType name=\"{ty}\">"))
        .unwrap_or_else(|| panic!("the XSD has no simple type {ty}"));
    let body = &xsd[start..start + xsd[start..].find("</xs:simpleType>").expect("closed")];
    body.split("<xs:enumeration value=\"")
        .skip(1)
        .map(|x| x[..x.find('"').expect("quoted")].to_string())
        .collect()
}

#[test]
fn the_xsd_lists_every_name() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/gongwen.xsd");
    let xsd = std::fs::read_to_string(path).expect("schemas/gongwen.xsd");
    let check = |ty: &str, names: Vec<&str>| {
        assert_eq!(xsd_values(&xsd, ty), names, "{ty} in schemas/gongwen.xsd");
    };
    check("DocKind", DocKind::ALL.iter().map(|k| k.as_str()).collect());
    check(
        "NodeKind",
        NodeKind::ALL.iter().map(|k| k.as_str()).collect(),
    );
    check("LawKind", LawKind::ALL.iter().map(|k| k.as_str()).collect());
    check(
        "LawAction",
        LawAction::ALL.iter().map(|k| k.as_str()).collect(),
    );
}
