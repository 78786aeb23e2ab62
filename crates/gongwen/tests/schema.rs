//! The committed JSON Schema (`schemas/gongwen.schema.json`): it is the one the model generates,
//! and every JSON gongwen writes for the fixtures and the corpus validates against it.

mod common;

use common::Input;
use serde_json::Value;

const BLESS: &str = "GONGWEN_BLESS=1 cargo test -p gongwen --test schema schema_is_current";

#[test]
fn schema_is_current() {
    let path = common::schema_path();
    let generated = gongwen::json::schema_string();
    if std::env::var_os("GONGWEN_BLESS").is_some_and(|v| v == "1") {
        let dir = path.parent().expect("schemas/ has a parent");
        std::fs::create_dir_all(dir).expect("create schemas/");
        std::fs::write(&path, &generated).expect("write the schema");
        eprintln!("blessed {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nto write it from the model, run:\n  {BLESS}",
            path.display()
        )
    });
    assert!(
        committed == generated,
        "{} is not the schema the model generates (gongwen::json::schema_string()):\n{}\n\
         if the model change is intended, regenerate the file and commit it:\n  {BLESS}",
        path.display(),
        common::labelled_diff(("committed", &committed), ("generated", &generated), 3, 80)
    );
}

/// A validator for the committed schema, checking `format` too (dates are `format: date`).
fn committed_validator() -> jsonschema::Validator {
    let path = common::schema_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nwrite it with:\n  {BLESS}",
            path.display()
        )
    });
    let schema: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{} is not a valid JSON Schema: {e}", path.display()))
}

/// The schema's complaints about `json`, one line each with the instance path.
fn violations(v: &jsonschema::Validator, json: &str) -> Vec<String> {
    let instance: Value = serde_json::from_str(json).expect("gongwen writes JSON");
    v.iter_errors(&instance)
        .map(|e| format!("at `{}`: {e}", e.instance_path()))
        .collect()
}

/// Every JSON produced for `input`: the model read from the text, and the model read back from
/// the canonical text gongwen writes for it (compact and pretty JSON of each).
fn produced_json(input: &Input) -> Vec<(String, String)> {
    let doc = common::parse(input);
    let canonical = gongwen::text::write(&doc);
    let mut out = vec![
        ("text".to_string(), gongwen::json::to_string(&doc)),
        (
            "text, pretty".to_string(),
            gongwen::json::to_string_pretty(&doc),
        ),
    ];
    match gongwen::parse(&canonical) {
        Ok(doc2) => out.push((
            "canonical text".to_string(),
            gongwen::json::to_string(&doc2),
        )),
        // the round-trip tests report this; here there is no second JSON to validate
        Err(e) => eprintln!("{}: canonical text does not parse: {e}", input.name),
    }
    out
}

fn assert_all_validate(inputs: &[Input]) {
    let v = committed_validator();
    let mut failures = Vec::new();
    for input in inputs {
        for (what, json) in produced_json(input) {
            let errs = violations(&v, &json);
            if !errs.is_empty() {
                failures.push(format!(
                    "{} (JSON of the model read from {what}):\n  {}",
                    input.name,
                    errs.iter()
                        .take(10)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n  ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents write JSON that breaks {}:\n{}",
        failures.len(),
        inputs.len(),
        common::schema_path().display(),
        failures.join("\n")
    );
}

#[test]
fn fixture_json_validates_against_committed_schema() {
    assert_all_validate(&common::document_fixtures());
}

#[test]
fn corpus_json_validates_against_committed_schema() {
    let docs = common::corpus_documents();
    if docs.is_empty() {
        return; // notice printed by corpus_documents
    }
    assert_all_validate(&docs);
}

/// The schema and the JSON reader agree: what one refuses the other refuses too, so a passing
/// validation above means something.
#[test]
fn schema_and_reader_agree_on_hand_written_json() {
    let v = committed_validator();
    let cases: &[(&str, bool, &str)] = &[
        ("minimal document", true, r#"{"meta":{}}"#),
        (
            "node with number and heading",
            true,
            r#"{"meta":{"kind":"decision","signed":"2020-06-30"},
               "body":[{"kind":"part","num":{"text":"一、","value":1},"heading":{"text":"总体要求"}}]}"#,
        ),
        ("no meta", false, r#"{}"#),
        ("unknown top-level field", false, r#"{"meta":{},"extra":1}"#),
        ("unknown meta field", false, r#"{"meta":{"titel":"x"}}"#),
        ("unknown kind", false, r#"{"meta":{"kind":"memo"}}"#),
        (
            "date not YYYY-MM-DD",
            false,
            r#"{"meta":{"signed":"2020-6-30"}}"#,
        ),
        ("no such date", false, r#"{"meta":{"signed":"2020-02-30"}}"#),
        (
            "number value a string",
            false,
            r#"{"meta":{},"body":[{"kind":"part","num":{"text":"一、","value":"1"}}]}"#,
        ),
        (
            "negative number value",
            false,
            r#"{"meta":{},"body":[{"kind":"part","num":{"text":"一、","value":-1}}]}"#,
        ),
        (
            "node without kind",
            false,
            r#"{"meta":{},"body":[{"children":[]}]}"#,
        ),
        (
            "unknown severity",
            false,
            r#"{"meta":{},"diagnostics":[{"code":"x","severity":"fatal","message":"m"}]}"#,
        ),
    ];
    let mut disagreements = Vec::new();
    for (what, valid, json) in cases {
        let by_schema = violations(&v, json).is_empty();
        let by_reader = gongwen::json::from_str(json).is_ok();
        if by_schema != *valid || by_reader != *valid {
            disagreements.push(format!(
                "{what}: expected {}, schema says {by_schema}, reader says {by_reader}",
                if *valid { "valid" } else { "invalid" }
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
