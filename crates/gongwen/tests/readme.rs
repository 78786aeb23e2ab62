//! The README's Rust quick start, line for line, so that the API it shows keeps working.
//! (Doc tests run from the crate folder, where the README's relative path does not resolve.)

#[test]
fn readme_rust_quick_start() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md"))?;
    // the example below is the README's: fail when the README changes without it
    for line in [
        "let doc = gongwen::parse(&src)?;",
        "let json = gongwen::json::to_string(&doc);",
        "let back = gongwen::json::from_str(&json)?;",
        "let text = gongwen::text::write(&doc);",
        "assert_eq!(gongwen::parse(&text)?.without_page(), doc.without_page());",
    ] {
        assert!(readme.contains(line), "README no longer shows `{line}`");
    }

    let src = std::fs::read_to_string(root.join("tests/fixtures/sample-decision.txt"))?;
    let doc = gongwen::parse(&src)?;

    println!("{:?}", doc.meta.title);
    println!("{:?}", doc.meta.adopted);
    for part in &doc.body {
        println!(
            "{} {}",
            part.num.as_ref().map_or("", |n| n.text.as_str()),
            part.heading_text().unwrap_or("")
        );
    }
    for g in doc.guarantees() {
        println!("guarantees: {:?}", g.heading_text());
    }
    assert_eq!(doc.guarantees().len(), 1);

    let json = gongwen::json::to_string(&doc);
    let back = gongwen::json::from_str(&json)?;
    assert_eq!(back, doc);

    let text = gongwen::text::write(&doc);
    assert_eq!(gongwen::parse(&text)?.without_page(), doc.without_page());
    Ok(())
}
