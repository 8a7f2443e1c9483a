//! Loader tests on small broken knowledge bases: each problem is reported
//! with its file, line and field, all problems at once, and nothing loads.
//!
//! Fixtures live in tests/fixtures/knowledge: `base/` holds the shared files
//! and a good force, `cases/` one broken force file per kind of mistake,
//! and `bad_grade/` a complete directory for the `peelbot check` test.

use std::path::Path;

use peelbot::knowledge::{load_dir, load_files, KnowledgeBase, LoadError, Problem, SourceFile};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/knowledge");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The shared base files plus the given force files (fixture path → path in the base).
fn load_with(forces: &[(&str, &str)]) -> Result<KnowledgeBase, LoadError> {
    let texts: Vec<(&str, String)> = forces.iter().map(|(f, p)| (*p, read(f))).collect();
    load_texts(&texts)
}

/// The shared base files plus force files given as (path in the base, text).
fn load_texts(forces: &[(&str, String)]) -> Result<KnowledgeBase, LoadError> {
    let mut files: Vec<SourceFile> = [
        "areas.toml",
        "people.toml",
        "glossary.toml",
        "outlets.toml",
        "regions.toml",
    ]
    .iter()
    .map(|n| SourceFile {
        path: n.to_string(),
        text: read(&format!("base/{n}")),
    })
    .collect();
    for (path, text) in forces {
        files.push(SourceFile {
            path: path.to_string(),
            text: text.clone(),
        });
    }
    load_files("fixture", &files)
}

fn problems(forces: &[(&str, &str)]) -> Vec<Problem> {
    match load_with(forces) {
        Ok(_) => panic!("expected the base to be rejected"),
        Err(e) => e.problems,
    }
}

fn has(problems: &[Problem], file: &str, line: usize, field: &str, message_part: &str) {
    assert!(
        problems.iter().any(|p| p.file == file
            && p.line == line
            && p.field == field
            && p.message.contains(message_part)),
        "no problem {file}:{line} {field} containing {message_part:?} in:\n{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn good_fixture_loads() {
    let kb = load_with(&[("base/good.toml", "forces/testshire.toml")]).unwrap();
    assert_eq!(kb.forces.len(), 1);
    let ins = &kb.forces[0].inspections[0];
    assert_eq!(ins.grades.len(), 2);
    assert_eq!(ins.grades[0].wording, "Crime investigation");
    assert_eq!(
        kb.cycles[0].areas[ins.grades[0].area].name,
        "Investigating crime"
    );
    assert_eq!(
        ins.grades[1].source,
        "https://hmicfrs.justiceinspectorates.gov.uk/peel-reports/testshire-2021-22/"
    );
}

#[test]
fn bad_grade_word_names_file_line_and_field() {
    let err = load_dir(&Path::new(FIXTURES).join("bad_grade")).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!(
        (p.file.as_str(), p.line, p.field.as_str()),
        ("forces/testshire.toml", 11, "inspection[0].grade[0].grade")
    );
    assert!(p.message.contains("unknown grade word \"Gud\""), "{p}");
    assert!(
        p.to_string()
            .starts_with("forces/testshire.toml:11: inspection[0].grade[0].grade: "),
        "{p}"
    );
}

#[test]
fn unknown_region_and_region_of_another_nation_are_reported() {
    let ps = problems(&[("cases/bad_region.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        4,
        "region",
        "unknown region \"Middle Earth\"",
    );
    let ps = problems(&[("cases/region_other_nation.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        4,
        "region",
        "is in Wales, but the force's nation is England",
    );
}

#[test]
fn unknown_area_is_reported() {
    let ps = problems(&[("cases/unknown_area.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        10,
        "inspection[0].grade[0].area",
        "maps to no canonical area",
    );
}

#[test]
fn missing_source_url_is_reported() {
    let ps = problems(&[("cases/missing_source.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        8,
        "inspection[0].grade[0].source",
        "missing source URL",
    );
    has(
        &ps,
        "forces/testshire.toml",
        12,
        "inspection[0].finding[0].source",
        "missing source URL",
    );
}

#[test]
fn malformed_date_and_url_are_reported() {
    let ps = problems(&[("cases/malformed.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        7,
        "inspection[0].published",
        "malformed date",
    );
    has(
        &ps,
        "forces/testshire.toml",
        8,
        "inspection[0].report_url",
        "malformed URL",
    );
}

#[test]
fn quote_without_speaker_role_or_source_is_reported() {
    let ps = problems(&[("cases/quote_incomplete.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        8,
        "inspection[0].quote[0].speaker",
        "is missing",
    );
    has(
        &ps,
        "forces/testshire.toml",
        8,
        "inspection[0].quote[0].role",
        "is missing",
    );
    has(
        &ps,
        "forces/testshire.toml",
        8,
        "inspection[0].quote[0].source",
        "missing source URL",
    );
}

#[test]
fn unknown_cycle_is_reported() {
    let ps = problems(&[("cases/unknown_cycle.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        6,
        "inspection[0].cycle",
        "unknown cycle \"PEEL 2030/31\"",
    );
}

#[test]
fn duplicate_slug_is_reported() {
    let ps = problems(&[
        ("base/good.toml", "forces/testshire.toml"),
        ("cases/duplicate_slug.toml", "forces/testshire-again.toml"),
    ]);
    has(
        &ps,
        "forces/testshire-again.toml",
        2,
        "slug",
        "does not match the file name",
    );
    has(
        &ps,
        "forces/testshire-again.toml",
        1,
        "slug",
        "duplicate slug \"testshire\"",
    );
}

#[test]
fn alias_claimed_by_two_forces_is_reported() {
    let ps = problems(&[
        ("base/good.toml", "forces/testshire.toml"),
        ("cases/other_force.toml", "forces/otherton.toml"),
    ]);
    has(
        &ps,
        "forces/otherton.toml",
        4,
        "aliases",
        "already claimed by force \"testshire\"",
    );
}

#[test]
fn grade_counts_must_add_up() {
    let ps = problems(&[("cases/counts_mismatch.toml", "forces/testshire.toml")]);
    has(
        &ps,
        "forces/testshire.toml",
        9,
        "inspection[0].grade_counts",
        "add up to 8, but areas_graded is 9",
    );
}

#[test]
fn syntax_error_names_the_line() {
    let ps = problems(&[("cases/syntax_error.toml", "forces/testshire.toml")]);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].file, "forces/testshire.toml");
    assert_eq!(ps[0].line, 3);
}

#[test]
fn every_problem_is_reported_at_once_and_nothing_loads() {
    let err = load_with(&[
        ("cases/unknown_area.toml", "forces/testshire.toml"),
        ("cases/malformed.toml", "forces/malformed.toml"),
        ("cases/unknown_cycle.toml", "forces/cycle.toml"),
    ])
    .unwrap_err();
    let files: std::collections::BTreeSet<&str> =
        err.problems.iter().map(|p| p.file.as_str()).collect();
    assert!(
        files.contains("forces/testshire.toml")
            && files.contains("forces/malformed.toml")
            && files.contains("forces/cycle.toml"),
        "{err}"
    );
    assert!(err.problems.len() >= 5, "{err}");
}

#[test]
fn missing_directory_is_a_clear_error() {
    let err = load_dir(Path::new("/nonexistent/knowledge")).unwrap_err();
    assert!(err.to_string().contains("cannot read"), "{err}");
}

#[test]
fn a_quote_said_after_its_page_or_with_a_malformed_date_is_rejected() {
    let ps = problems(&[("cases/quote_dates.toml", "forces/testshire.toml")]);
    // After the page's own date.
    has(
        &ps,
        "forces/testshire.toml",
        19,
        "inspection[0].quote[0].said",
        "said 2022-05-04 is after the date of its source page, 2022-05-03",
    );
    // A month after the day a press-release reprint was posted (its URL's date).
    has(
        &ps,
        "forces/testshire.toml",
        27,
        "inspection[0].quote[1].said",
        "said 2022-06 is after the date of its source page, 2022-05-01",
    );
    has(
        &ps,
        "forces/testshire.toml",
        35,
        "inspection[0].quote[2].said",
        "malformed date \"May 2022\" (expected YYYY-MM-DD or YYYY-MM)",
    );
    assert_eq!(ps.len(), 3, "{ps:?}");
}

#[test]
fn quotes_are_dated_from_their_evidence_and_wordings_of_one_sentence_merge() {
    let good = read("base/good.toml");
    let extra = r#"
[[inspection.quote]]
speaker = "Ann Example"
role = "HM Inspector of Constabulary"
kind = "inspector"
text = "Testshire doesn't answer calls quickly, and it must improve."
source = "https://example.org/news/2022/05/09/testshire"

[[inspection.quote]]
speaker = "Ann Example"
role = "HM Inspector of Constabulary"
kind = "inspector"
text = "Testshire does not answer calls quickly"
source = "https://hmicfrs.justiceinspectorates.gov.uk/peel-reports/testshire-2021-22/"
"#;
    let kb = load_texts(&[("forces/testshire.toml", format!("{good}{extra}"))]).unwrap();
    let quotes = &kb.forces[0].inspections[0].quotes;
    // The page holds no date and its URL none: unknown, not the report's date.
    assert_eq!(quotes[0].text, "Testshire answers calls too slowly.");
    assert_eq!(quotes[0].said, None);
    // Two wordings of one sentence: one quote, in the longer wording, dated
    // by its URL, with the inspectorate's shorter printing kept for citing.
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    let merged = &quotes[1];
    assert_eq!(
        merged.text,
        "Testshire doesn't answer calls quickly, and it must improve."
    );
    assert_eq!(
        merged.said.map(|s| s.to_string()).as_deref(),
        Some("2022-05-09")
    );
    assert_eq!(merged.also.len(), 1);
    assert_eq!(
        merged.also[0].text,
        "Testshire does not answer calls quickly"
    );
}
