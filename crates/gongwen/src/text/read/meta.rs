//! Metadata derived from the document and the page around it: genre from the title, issuers
//! from the title or the signatures, dates, the metadata box's fields, publication data, and
//! the adoption that a news lead reports.

use super::classify::Kind;
use super::Reader;
use crate::model::{
    Adoption, ClosingRole, Date, Document, Field, Publication, ResidueRole, TitleSource,
};
use crate::numbering::parse_date;
use crate::text::rules::{
    box_fields, chars_ge, chars_le, doc_number, key_value, lead_meeting, publication_datetime,
    publication_pairs, title_kind, PUBLICATION_KEYS,
};

impl Reader<'_, '_> {
    /// The fields of the metadata box among the residue blocks, a key alone on its line taking
    /// the next box line as its value.
    fn fields(&self, residue: &[(usize, ResidueRole)]) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        for (k, role) in residue {
            if *role != ResidueRole::MetadataBox {
                continue;
            }
            let t = self.text(*k);
            if self.c[*k].kind == Kind::BoxValue {
                // (a value set as an item of a Markdown list, `- 綦油联办发〔2024〕2号`)
                let t = t.strip_prefix("- ").unwrap_or(t);
                match fields.last_mut() {
                    Some(f) if f.value.is_empty() => f.value = t.to_string(),
                    _ => fields.push(Field {
                        key: String::new(),
                        value: t.to_string(),
                    }),
                }
            } else if let Some(key) = super::classify::bare_box_key(t) {
                // a key alone, its value on the box line after it (or none)
                fields.push(Field {
                    key,
                    value: String::new(),
                });
            } else if let Some(f) = box_fields(t) {
                fields.extend(f);
            } else if let Some((key, value)) = super::classify::box_key(t) {
                // (a key we do not know, in a run of box lines)
                fields.push(Field {
                    key: key.to_string(),
                    value: value.to_string(),
                });
            } else if let Some(v) = t.strip_prefix("title:") {
                // a Markdown file's front matter names the title
                fields.push(Field {
                    key: "title".to_string(),
                    value: v.trim().to_string(),
                });
            }
        }
        fields.retain(|f| !f.key.is_empty());
        fields
    }

    /// Fills in the metadata derived from the document and the residue around it.
    pub(crate) fn metadata(&self, doc: &mut Document, residue: &[(usize, ResidueRole)]) {
        let mut publication = Publication::default();
        let mut last_chrome_before_date: Option<&str> = None;
        let mut meeting: Option<String> = None;
        let mut adopted_in_lead = false;
        let mut relative_day: Option<i32> = None;
        for (k, role) in residue {
            let t = self.text(*k);
            match role {
                ResidueRole::Publication => {
                    if let Some(dt) = publication_datetime(t) {
                        publication.datetime.get_or_insert(dt);
                        if publication.headline.is_none() {
                            publication.headline = last_chrome_before_date.map(str::to_string);
                        }
                    } else {
                        // several pairs on the line (`作者:… 时间:… 来源:…`), or one
                        let one = key_value(t, PUBLICATION_KEYS);
                        let pairs = publication_pairs(t).unwrap_or_else(|| {
                            one.as_ref()
                                .map(|(k, v)| vec![(k.as_str(), *v)])
                                .unwrap_or_default()
                        });
                        for (key, value) in pairs {
                            if key == "原标题" {
                                let v = value
                                    .strip_prefix('《')
                                    .and_then(|v| v.strip_suffix('》'))
                                    .unwrap_or(value);
                                publication.headline = Some(v.to_string());
                            } else if key.ends_with("时间") || key.ends_with("日期") {
                                if let Some(dt) = publication_datetime(value) {
                                    publication.datetime = Some(dt);
                                }
                            } else if (key.ends_with("来源") || key.ends_with("稿源"))
                                && !value.is_empty()
                            {
                                publication.source.get_or_insert(value.to_string());
                            }
                        }
                    }
                }
                ResidueRole::Lead => {
                    if let Some((m, day)) = lead_meeting(t) {
                        meeting = Some(m);
                        relative_day = day;
                    }
                    if t.contains("通过") {
                        adopted_in_lead = true;
                    }
                }
                ResidueRole::Chrome if chars_ge(t, 8) && chars_le(t, 200) && !t.contains("ICP") => {
                    last_chrome_before_date = Some(t);
                }
                _ => {}
            }
        }
        let fields = self.fields(residue);
        let field = |key: &str| {
            fields
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.value.as_str())
                .filter(|v| !v.is_empty())
        };
        if publication.datetime.is_none() {
            if let Some(d) = field("发布日期").and_then(parse_date) {
                publication.datetime = Some(d.to_string());
            }
        }
        let meta = &mut doc.meta;
        if meta.title.is_none() {
            meta.title = field("标题")
                .or_else(|| field("名称"))
                .or_else(|| field("title"))
                .map(str::to_string);
            if meta.title.is_some() {
                meta.title_from = TitleSource::MetadataBox;
            }
        }
        if let Some(t) = &meta.title {
            meta.kind = title_kind(t).unwrap_or_default();
        }
        if meta.number.is_none() {
            meta.number = field("发文字号")
                .or_else(|| field("文号"))
                .and_then(doc_number);
        }
        if adopted_in_lead && meta.adopted.is_none() && meeting.is_some() {
            let date = match (relative_day, publication.datetime.as_deref()) {
                (Some(0), Some(dt)) => Date::try_from(dt[..10.min(dt.len())].to_string()).ok(),
                _ => None,
            };
            meta.adopted = Some(Adoption {
                meeting,
                date,
                line: None,
            });
        }
        meta.signed = doc
            .closing
            .iter()
            .find(|c| c.role == ClosingRole::Date)
            .and_then(|c| parse_date(&c.text));
        if meta.signed.is_none() {
            meta.signed = field("成文日期").and_then(parse_date);
        }
        let box_issuer = field("发文机关").or_else(|| field("发布机构")).map(|v| {
            v.split([' ', '　', '、', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        derive_issuers(doc);
        if doc.meta.issuers.is_empty() {
            if let Some(b) = box_issuer {
                doc.meta.issuers = b;
            }
        }
        if publication != Publication::default() {
            doc.meta.publication = Some(publication);
        }
        // a field the typed metadata holds as printed is not kept twice: the box's text stays
        // in the residue, the typed value in its field, and the rest as key-value pairs
        let mut fields = fields;
        fields.retain(|f| !typed_holds(&doc.meta, f));
        doc.meta.fields = fields;
    }
}

/// True when the typed metadata holds a box field's value: the title (标题/名称), the document
/// number (发文字号/文号), the signing date (成文日期) or the publication date (发布日期). The text
/// writer writes these back where no other line carries them.
fn typed_holds(m: &crate::model::Metadata, f: &Field) -> bool {
    let v = f.value.as_str();
    match f.key.as_str() {
        "标题" | "名称" | "title" => m.title.as_deref() == Some(v),
        "发文字号" | "文号" => m.number.as_ref().is_some_and(|n| n.text == v),
        "成文日期" => m.signed.is_some() && m.signed == parse_date(v),
        "发布日期" => {
            let day = parse_date(v).map(|d| d.to_string());
            let published = m.publication.as_ref().and_then(|p| p.datetime.as_deref());
            day.is_some_and(|d| published == Some(d.as_str()))
        }
        _ => false,
    }
}

/// Titles a notice names in 《》 in its own text (documents it issues or forwards).
pub(crate) fn quoted_titles(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut scan = |s: &str| {
        let mut rest = s;
        while let Some(a) = rest.find('《') {
            let after = &rest[a + '《'.len_utf8()..];
            let Some(b) = after.find('》') else { break };
            out.push(after[..b].to_string());
            rest = &after[b..];
        }
    };
    for p in &doc.preamble {
        scan(&p.text);
    }
    if let Some(t) = &doc.meta.title {
        scan(t);
    }
    out
}

/// Issuers from the title (`X关于…`), else from the signature lines.
pub(crate) fn derive_issuers(doc: &mut Document) {
    if let Some(t) = &doc.meta.title {
        // `X关于……`, not the 关于 of a title quoted in it; `X印发《关于……》的通知` and
        // `X转发Y关于……的通知` name X before the verb of issuing
        let outside = |word: &str| {
            t.match_indices(word)
                .map(|(p, _)| p)
                .find(|&p| crate::text::rules::open_brackets(&t[..p]) == 0)
        };
        let outside = ["关于", "印发", "转发", "批转"]
            .iter()
            .filter_map(|w| outside(w))
            .min();
        if let Some(p) = outside {
            let who = &t[..p];
            if !who.is_empty() && chars_le(who, 60) {
                doc.meta.issuers = who
                    .split(['、', ' ', '　'])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                return;
            }
        }
    }
    // the signatures directly above the date of signing
    let date_at = doc
        .closing
        .iter()
        .position(|c| c.role == ClosingRole::Date)
        .unwrap_or(doc.closing.len());
    let sigs: Vec<String> = doc.closing[..date_at]
        .iter()
        .rev()
        .take_while(|c| c.role == ClosingRole::Signature)
        .map(|c| c.text.clone())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !sigs.is_empty() {
        doc.meta.issuers = sigs;
    }
}
