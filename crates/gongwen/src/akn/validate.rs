//! What the AKN schema cannot check: eIds (naming convention, uniqueness), FRBR URIs (shape and
//! consistency between work, expression and manifestation), required metadata and references.
//!
//! Codes:
//!
//! | code | severity | what |
//! |---|---|---|
//! | `xml-syntax`, `xml-limit`, `xml-empty` | error | the input is not XML gongwen reads (see [`crate::xmlsafe`]) |
//! | `akn-root` | error | the root is not `akomaNtoso` in the AKN 3.0 namespace |
//! | `eid-shape` | error | an eId or wId outside the naming convention (components `name_num` joined by `__`, ASCII, Arabic numbers) |
//! | `eid-duplicate` | error | an eId used twice (wIds alike) |
//! | `eid-name` | warning | a hierarchical element whose eId does not end in its abbreviation (`section` → `sec_…`) |
//! | `eid-prefix` | warning | a hierarchical element whose eId does not start with its parent's |
//! | `missing-metadata` | error | `meta`, `identification` or a required FRBR element is missing |
//! | `frbr-date` | error | an `FRBRdate` that is not a full date |
//! | `frbr-uri` | error | an FRBR URI that is not `/akn/{country}/{type}[/{subtype}][/{actor}]/{date}/{number}[/{lang}@{date}][/!{component}][.{format}]` |
//! | `frbr-consistency` | error | work, expression and manifestation disagree (prefixes, dates, language, country, type) |
//! | `dangling-reference` | warning | `href`, `refersTo`, `as` or `source` naming an eId the document does not have |

use crate::error::{Error, Format};
use crate::model::{Date, Diagnostic, Severity, Span};
use crate::xmlsafe::{self, Element, Tree, AKN_NS};
use std::collections::HashMap;

/// Checks an AKN document for what the XSD cannot check; diagnostics are in source order, with
/// spans into `src` (render them with [`crate::render::render`]).
pub fn validate(src: &str) -> Vec<Diagnostic> {
    let tree = match xmlsafe::parse(src, Format::Akn) {
        Ok(t) => t,
        Err(e) => return vec![from_error(src, &e)],
    };
    let mut v = V {
        tree: &tree,
        out: Vec::new(),
    };
    v.run();
    let mut out = v.out;
    out.sort_by_key(|d| (d.span.offset, d.code.clone()));
    out
}

fn from_error(src: &str, e: &Error) -> Diagnostic {
    let code = match e {
        Error::Limit { .. } => "xml-limit",
        Error::Empty => "xml-empty",
        _ => "xml-syntax",
    };
    let span = e
        .position()
        .map(|p| Span {
            offset: p.offset,
            len: src[p.offset.min(src.len())..]
                .chars()
                .next()
                .map_or(0, char::len_utf8),
            line: u32::try_from(p.line).unwrap_or(u32::MAX),
            column: u32::try_from(p.column).unwrap_or(u32::MAX),
        })
        .unwrap_or_default();
    Diagnostic {
        code: code.into(),
        severity: Severity::Error,
        message: e.to_string(),
        span,
    }
}

struct V<'t, 'a> {
    tree: &'t Tree<'a>,
    out: Vec<Diagnostic>,
}

/// A parsed FRBR URI.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Uri {
    country: String,
    doctype: String,
    subtype: Option<String>,
    date: String,
    /// The work URI: everything up to the number.
    work: String,
    language: Option<String>,
    expression_date: Option<String>,
    component: Option<String>,
}

const FORMATS: &[&str] = &["xml", "akn", "html", "pdf", "epub", "json", "txt", "docx"];

/// Parses an FRBR URI, or says what is wrong with it.
fn parse_uri(s: &str) -> Result<Uri, String> {
    let mut rest = s;
    if let Some((head, ext)) = rest.rsplit_once('.') {
        if FORMATS.contains(&ext) && !head.ends_with('/') {
            rest = head;
        }
    }
    let Some(path) = rest.strip_prefix("/akn/") else {
        return Err("it does not start with `/akn/`".into());
    };
    let segs: Vec<&str> = path.split('/').collect();
    if segs.iter().any(|s| s.is_empty()) {
        return Err("it has an empty segment".into());
    }
    if segs.len() < 4 {
        return Err("it lacks segments: `/akn/{country}/{type}/…/{date}/{number}`".into());
    }
    let place = segs[0];
    let country = place.split('-').next().unwrap_or("");
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(format!("country `{country}` is not two lowercase letters"));
    }
    let doctype = segs[1];
    if !doctype.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!("document type `{doctype}` is not a name"));
    }
    let mut i = 2;
    let mut names = Vec::new();
    while i < segs.len() && !segs[i].starts_with(|c: char| c.is_ascii_digit()) {
        if segs[i].starts_with('!') || names.len() == 2 {
            return Err(format!(
                "`{}` stands where the date is expected (a date YYYY[-MM[-DD]])",
                segs[i]
            ));
        }
        names.push(segs[i]);
        i += 1;
    }
    let Some(date) = segs.get(i) else {
        return Err("it has no date".into());
    };
    if !valid_uri_date(date) {
        return Err(format!("date `{date}` is not YYYY, YYYY-MM or YYYY-MM-DD"));
    }
    let Some(number) = segs.get(i + 1) else {
        return Err("it has no number after the date".into());
    };
    if number.starts_with('!') {
        return Err("it has no number after the date".into());
    }
    let work = format!("/akn/{}", segs[..i + 2].join("/"));
    let mut uri = Uri {
        country: country.to_string(),
        doctype: doctype.to_string(),
        subtype: names.first().map(|s| (*s).to_string()),
        date: (*date).to_string(),
        work,
        language: None,
        expression_date: None,
        component: None,
    };
    let mut j = i + 2;
    if let Some(seg) = segs.get(j).filter(|s| !s.starts_with('!')) {
        let (lang, at) = match seg.find(['@', ':']) {
            Some(k) => (&seg[..k], Some(&seg[k + 1..])),
            None => (*seg, None),
        };
        if lang.len() != 3 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(format!(
                "`{seg}` is not a language code of three lowercase letters with an optional @date"
            ));
        }
        if let Some(d) = at.filter(|d| !d.is_empty()) {
            if !valid_uri_date(d) {
                return Err(format!("expression date `{d}` is not a date"));
            }
        }
        uri.language = Some(lang.to_string());
        uri.expression_date = at.filter(|d| !d.is_empty()).map(str::to_string);
        j += 1;
    }
    if let Some(seg) = segs.get(j) {
        match seg.strip_prefix('!') {
            Some(c) if !c.is_empty() => uri.component = Some(c.to_string()),
            _ => return Err(format!("unexpected segment `{seg}`")),
        }
        j += 1;
    }
    if let Some(seg) = segs.get(j) {
        return Err(format!("unexpected segment `{seg}` after the component"));
    }
    Ok(uri)
}

fn valid_uri_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && matches!(m.parse::<u8>(), Ok(1..=12)),
        [_, _, _] => Date::try_from(s.to_string()).is_ok(),
        _ => false,
    }
}

/// A full date (`YYYY-MM-DD`, or a dateTime whose date part is one).
fn full_date(s: &str) -> bool {
    s.get(..10)
        .is_some_and(|d| Date::try_from(d.to_string()).is_ok())
        && (s.len() == 10 || s[10..].starts_with('T'))
}

/// Checks an eId or wId against the naming convention.
fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".into());
    }
    for comp in id.split("__") {
        if comp.is_empty() {
            return Some("it has an empty component (`____`, or `__` at an end)".into());
        }
        let (name, num) = match comp.split_once('_') {
            Some((n, x)) => (n, Some(x)),
            None => (comp, None),
        };
        let name_ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !name_ok {
            return Some(format!(
                "component `{comp}`: the element name must be ASCII letters, digits and `-`"
            ));
        }
        if let Some(num) = num {
            let ok = !num.is_empty()
                && num
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if !ok {
                return Some(format!(
                    "component `{comp}`: the number must be written with Arabic numbers (ASCII \
                     letters, digits, `.` and `-`), not `{num}`"
                ));
            }
        }
    }
    None
}

impl V<'_, '_> {
    fn push(&mut self, code: &str, severity: Severity, span: Span, message: String) {
        self.out.push(Diagnostic {
            code: code.into(),
            severity,
            message,
            span,
        });
    }

    fn error(&mut self, code: &str, span: Span, message: String) {
        self.push(code, Severity::Error, span, message);
    }

    fn is(e: &Element, name: &str) -> bool {
        e.is(AKN_NS, name)
    }

    fn run(&mut self) {
        let root = &self.tree.root;
        if !Self::is(root, "akomaNtoso") {
            let span = self.tree.span(root);
            self.error(
                "akn-root",
                span,
                format!(
                    "the root element is `{}` in namespace `{}`, expected `akomaNtoso` in {AKN_NS}",
                    root.name, root.ns
                ),
            );
            return;
        }
        // eIds and wIds: shape and uniqueness, hierarchy names and prefixes
        let mut eids: HashMap<String, usize> = HashMap::new();
        let mut wids: HashMap<String, usize> = HashMap::new();
        self.walk_ids(root, None, &mut eids, &mut wids);
        // identification of the document and of every attached document
        let docs: Vec<&Element> = root.elements().filter(|e| &*e.ns == AKN_NS).collect();
        for d in docs {
            self.document(d, true);
        }
        self.references(root, &eids);
    }

    fn walk_ids<'e>(
        &mut self,
        el: &'e Element,
        parent: Option<&'e str>,
        eids: &mut HashMap<String, usize>,
        wids: &mut HashMap<String, usize>,
    ) {
        let mut next_parent = parent;
        if &*el.ns == AKN_NS {
            for (attr, seen) in [("eId", &mut *eids), ("wId", &mut *wids)] {
                let Some(id) = el.attr(attr) else { continue };
                if let Some(p) = id_problem(id) {
                    let span = self.tree.attr_span(el, attr);
                    self.error(
                        "eid-shape",
                        span,
                        format!(
                            "{attr} `{id}` of `{}` is not in the naming convention: {p}",
                            el.name
                        ),
                    );
                }
                match seen.get(id) {
                    Some(first) => {
                        let line = self.tree.position(*first).line;
                        let span = self.tree.attr_span(el, attr);
                        self.error(
                            "eid-duplicate",
                            span,
                            format!("{attr} `{id}` is used twice (first on line {line})"),
                        );
                    }
                    None => {
                        seen.insert(id.to_string(), el.offset);
                    }
                }
            }
            let abbr = match &*el.name {
                "attachment" => Some("att"),
                n => super::abbreviation(n),
            };
            if let (Some(abbr), Some(id)) = (abbr, el.attr("eId")) {
                let span = || self.tree.attr_span(el, "eId");
                let last = id.rsplit("__").next().unwrap_or(id);
                let name = last.split('_').next().unwrap_or(last);
                // an hcontainer may be named after its `name` too (`hcontainer name="part"`)
                let named = el.name == "hcontainer" && el.attr("name") == Some(name);
                if name != abbr && !named {
                    let span = span();
                    self.push(
                        "eid-name",
                        Severity::Warning,
                        span,
                        format!("eId `{id}` of `{}` should end in `{abbr}_…`", el.name),
                    );
                }
                if let Some(p) = parent {
                    if !id.starts_with(&format!("{p}__")) {
                        let span = span();
                        self.push(
                            "eid-prefix",
                            Severity::Warning,
                            span,
                            format!("eId `{id}` of `{}` should start with `{p}__`, the eId of the element around it", el.name),
                        );
                    }
                }
                next_parent = Some(id);
            }
        }
        for c in el.elements() {
            self.walk_ids(c, next_parent, eids, wids);
        }
    }

    fn document(&mut self, d: &Element, main: bool) {
        self.identification(d, main);
        for group in d
            .elements()
            .filter(|e| Self::is(e, "attachments") || Self::is(e, "components"))
        {
            for a in group.elements() {
                for inner in a.elements().filter(|e| {
                    matches!(
                        &*e.name,
                        "statement"
                            | "doc"
                            | "act"
                            | "bill"
                            | "debate"
                            | "judgment"
                            | "portion"
                            | "amendment"
                            | "debateReport"
                            | "amendmentList"
                            | "officialGazette"
                            | "documentCollection"
                    ) && &*e.ns == AKN_NS
                }) {
                    self.document(inner, false);
                }
            }
        }
    }

    fn identification(&mut self, d: &Element, main: bool) {
        let span = self.tree.span(d);
        let Some(meta) = d.elements().find(|e| Self::is(e, "meta")) else {
            self.error(
                "missing-metadata",
                span,
                format!("`{}` has no `meta`", d.name),
            );
            return;
        };
        let Some(ident) = meta.elements().find(|e| Self::is(e, "identification")) else {
            let span = self.tree.span(meta);
            self.error(
                "missing-metadata",
                span,
                "`meta` has no `identification`".into(),
            );
            return;
        };
        let levels = [
            (
                "FRBRWork",
                &[
                    "FRBRthis",
                    "FRBRuri",
                    "FRBRdate",
                    "FRBRauthor",
                    "FRBRcountry",
                ][..],
            ),
            (
                "FRBRExpression",
                &[
                    "FRBRthis",
                    "FRBRuri",
                    "FRBRdate",
                    "FRBRauthor",
                    "FRBRlanguage",
                ][..],
            ),
            (
                "FRBRManifestation",
                &["FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor"][..],
            ),
        ];
        let mut found: Vec<Option<&Element>> = Vec::new();
        for (level, required) in levels {
            let Some(l) = ident.elements().find(|e| Self::is(e, level)) else {
                let span = self.tree.span(ident);
                self.error(
                    "missing-metadata",
                    span,
                    format!("`identification` has no `{level}`"),
                );
                found.push(None);
                continue;
            };
            for r in required {
                if !l.elements().any(|e| Self::is(e, r)) {
                    let span = self.tree.span(l);
                    self.error("missing-metadata", span, format!("`{level}` has no `{r}`"));
                }
            }
            for fd in l.elements().filter(|e| Self::is(e, "FRBRdate")) {
                let v = fd.attr("date").unwrap_or("");
                if !full_date(v) {
                    let span = self.tree.attr_span(fd, "date");
                    self.error(
                        "frbr-date",
                        span,
                        format!("FRBRdate `{v}` in `{level}` is not a full date (YYYY-MM-DD)"),
                    );
                }
            }
            found.push(Some(l));
        }
        // the URIs
        fn get<'e, 'a>(
            l: Option<&'e Element<'a>>,
            name: &str,
        ) -> Option<(&'e Element<'a>, String)> {
            let e = l?.elements().find(|e| e.is(AKN_NS, name))?;
            Some((e, e.attr("value").unwrap_or("").to_string()))
        }
        let mut uris: Vec<Option<(Uri, Span, String)>> = Vec::new();
        for (i, name) in [
            (0, "FRBRthis"),
            (0, "FRBRuri"),
            (1, "FRBRthis"),
            (1, "FRBRuri"),
            (2, "FRBRthis"),
            (2, "FRBRuri"),
        ] {
            let Some((e, value)) = get(found[i], name) else {
                uris.push(None);
                continue;
            };
            let span = self.tree.attr_span(e, "value");
            match parse_uri(&value) {
                Ok(u) => uris.push(Some((u, span, value))),
                Err(why) => {
                    self.error(
                        "frbr-uri",
                        span,
                        format!("{name} `{value}` is not an FRBR URI: {why}"),
                    );
                    uris.push(None);
                }
            }
        }
        let [wthis, wuri, ethis, euri, mthis, muri] = [0, 1, 2, 3, 4, 5].map(|i| uris[i].clone());
        let mut inconsistent = |span: Span, msg: String| {
            self.out.push(Diagnostic {
                code: "frbr-consistency".into(),
                severity: Severity::Error,
                message: msg,
                span,
            })
        };
        if let Some((wu, wspan, wv)) = &wuri {
            if wu.language.is_some() || wu.component.is_some() || *wv != wu.work {
                inconsistent(
                    *wspan,
                    format!(
                        "work FRBRuri `{wv}` should be the work URI alone (`{}`)",
                        wu.work
                    ),
                );
            }
            for (u, what) in [
                (&wthis, "work FRBRthis"),
                (&euri, "expression FRBRuri"),
                (&ethis, "expression FRBRthis"),
                (&mthis, "manifestation FRBRthis"),
                (&muri, "manifestation FRBRuri"),
            ] {
                if let Some((x, span, v)) = u {
                    if x.work != wu.work {
                        inconsistent(
                            *span,
                            format!(
                                "{what} `{v}` does not start with the work URI `{}`",
                                wu.work
                            ),
                        );
                    }
                }
            }
            if let Some(l) = found[0] {
                if let Some(fd) = l.elements().find(|e| Self::is(e, "FRBRdate")) {
                    let v = fd.attr("date").unwrap_or("");
                    if !v.starts_with(&wu.date) {
                        let span = self.tree.attr_span(fd, "date");
                        self.out.push(Diagnostic {
                            code: "frbr-consistency".into(),
                            severity: Severity::Error,
                            message: format!(
                                "work FRBRdate `{v}` does not agree with the date `{}` of the work URI",
                                wu.date
                            ),
                            span,
                        });
                    }
                }
                if let Some(c) = l.elements().find(|e| Self::is(e, "FRBRcountry")) {
                    let v = c.attr("value").unwrap_or("");
                    if v.split('-').next() != Some(wu.country.as_str()) {
                        let span = self.tree.attr_span(c, "value");
                        self.out.push(Diagnostic {
                            code: "frbr-consistency".into(),
                            severity: Severity::Error,
                            message: format!(
                                "FRBRcountry `{v}` does not agree with the country `{}` of the work URI",
                                wu.country
                            ),
                            span,
                        });
                    }
                }
                if main {
                    if let Some(st) = l.elements().find(|e| Self::is(e, "FRBRsubtype")) {
                        let v = st.attr("value").unwrap_or("");
                        if wu.subtype.as_deref().is_some_and(|s| s != v) {
                            let span = self.tree.attr_span(st, "value");
                            self.out.push(Diagnostic {
                                code: "frbr-consistency".into(),
                                severity: Severity::Error,
                                message: format!(
                                    "FRBRsubtype `{v}` does not agree with the work URI's `{}`",
                                    wu.subtype.as_deref().unwrap_or("")
                                ),
                                span,
                            });
                        }
                    }
                }
            }
            if main && wu.doctype != d.name {
                let span = *wspan;
                self.out.push(Diagnostic {
                    code: "frbr-consistency".into(),
                    severity: Severity::Error,
                    message: format!(
                        "the work URI names document type `{}`, the document is `{}`",
                        wu.doctype, d.name
                    ),
                    span,
                });
            }
        }
        if let Some((eu, espan, ev)) = &euri {
            if eu.language.is_none() || eu.component.is_some() {
                self.out.push(Diagnostic {
                    code: "frbr-consistency".into(),
                    severity: Severity::Error,
                    message: format!(
                        "expression FRBRuri `{ev}` should be the work URI with `/{{language}}@{{date}}`"
                    ),
                    span: *espan,
                });
            }
            for (u, what) in [
                (&ethis, "expression FRBRthis"),
                (&mthis, "manifestation FRBRthis"),
                (&muri, "manifestation FRBRuri"),
            ] {
                if let Some((x, span, v)) = u {
                    if x.language != eu.language || x.expression_date != eu.expression_date {
                        self.out.push(Diagnostic {
                            code: "frbr-consistency".into(),
                            severity: Severity::Error,
                            message: format!(
                                "{what} `{v}` does not start with the expression URI `{ev}`"
                            ),
                            span: *span,
                        });
                    }
                }
            }
            if let Some(l) = found[1] {
                if let Some(lang) = l.elements().find(|e| Self::is(e, "FRBRlanguage")) {
                    let v = lang.attr("language").unwrap_or("");
                    if eu.language.as_deref().is_some_and(|x| x != v) {
                        let span = self.tree.attr_span(lang, "language");
                        self.out.push(Diagnostic {
                            code: "frbr-consistency".into(),
                            severity: Severity::Error,
                            message: format!(
                                "FRBRlanguage `{v}` does not agree with the language `{}` of the expression URI",
                                eu.language.as_deref().unwrap_or("")
                            ),
                            span,
                        });
                    }
                }
                if let (Some(ed), Some(fd)) = (
                    eu.expression_date.as_deref(),
                    l.elements().find(|e| Self::is(e, "FRBRdate")),
                ) {
                    let v = fd.attr("date").unwrap_or("");
                    if !v.starts_with(ed) {
                        let span = self.tree.attr_span(fd, "date");
                        self.out.push(Diagnostic {
                            code: "frbr-consistency".into(),
                            severity: Severity::Error,
                            message: format!(
                                "expression FRBRdate `{v}` does not agree with the date `{ed}` of the expression URI"
                            ),
                            span,
                        });
                    }
                }
            }
        }
        if let Some((x, span, v)) = &wthis {
            if x.language.is_some() {
                self.out.push(Diagnostic {
                    code: "frbr-consistency".into(),
                    severity: Severity::Error,
                    message: format!("work FRBRthis `{v}` names a language; a work has none"),
                    span: *span,
                });
            }
        }
    }

    /// `href`, `refersTo`, `as` and `source` that point into the document must find an eId.
    fn references(&mut self, root: &Element, eids: &HashMap<String, usize>) {
        let mut all = vec![root];
        all.extend(root.descendants());
        for e in all {
            if &*e.ns != AKN_NS {
                continue;
            }
            for a in &e.attrs {
                if !a.ns.is_empty() || !matches!(&*a.name, "href" | "refersTo" | "as" | "source") {
                    continue;
                }
                for token in a.value.split_ascii_whitespace() {
                    let Some(id) = token.strip_prefix('#') else {
                        continue;
                    };
                    if !eids.contains_key(id) {
                        let span = self.tree.attr_span(e, &a.name);
                        self.push(
                            "dangling-reference",
                            Severity::Warning,
                            span,
                            format!(
                                "`{}` of `{}` points at `#{id}`, which no element of the document has as eId",
                                a.name, e.name
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        let u =
            parse_uri("/akn/cn/statement/decision/cpc-cc/2024-07-18/x/zho@2024-07-18/!main.xml")
                .expect("parses");
        assert_eq!(u.work, "/akn/cn/statement/decision/cpc-cc/2024-07-18/x");
        assert_eq!(u.language.as_deref(), Some("zho"));
        assert_eq!(u.component.as_deref(), Some("main"));
        assert!(parse_uri("/akn/cn/doc/notice/2019/2019-5/zho@2019-01-01.akn").is_ok());
        assert!(parse_uri("/cn/statement/decision/2024-07-18/x").is_err());
        assert!(parse_uri("/akn/china/statement/2024-07-18/x").is_err());
        assert!(parse_uri("/akn/cn/statement/decision/2024-13-18/x").is_err());
        assert!(parse_uri("/akn/cn/statement/a/b/c/2024-01-18/x").is_err());
    }

    #[test]
    fn ids() {
        assert_eq!(id_problem("part_1__sec_2__para_3"), None);
        assert_eq!(id_problem("org-1a2b3c4d"), None);
        assert_eq!(id_problem("sec_2-2"), None);
        assert!(id_problem("part_一、").is_some());
        assert!(id_problem("part_1____sec_1").is_some());
    }
}
