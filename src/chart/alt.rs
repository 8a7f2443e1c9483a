//! Alt text: what a picture shows, in words, from the same [`Grid`] it was
//! drawn from. It fits Discord's attachment description limit; what does not
//! fit is left off at a sentence boundary and said to be left off.

use crate::engine::palette::{swatch, PALETTE};
use crate::knowledge::Grade;

use super::grid::{Cell, Grid, Row};
use super::words::{and_list, capitalise, plural};
use crate::engine::picture::ChartKind;

/// Discord's limit on an attachment's description, in characters.
pub const ALT_MAX: usize = 1024;

pub fn alt_text(grid: &Grid) -> String {
    let mut head = vec![format!("{}. {}.", grid.title, grid.as_of)];
    let mut body = Vec::new();
    match grid.kind {
        ChartKind::Heatmap => heatmap(grid, &mut head, &mut body),
        ChartKind::Card | ChartKind::Compare => {
            head.extend(grid.notes.iter().cloned());
            head.extend(column_summaries(grid));
            let (unknown, known): (Vec<&Row>, Vec<&Row>) = grid
                .rows()
                .partition(|r| r.cells.iter().all(|c| *c == Cell::Unknown));
            body.extend(known.iter().map(|r| row_sentence(grid, r)));
            if !unknown.is_empty() {
                let labels: Vec<&str> = unknown.iter().map(|r| r.label.as_str()).collect();
                let scope = match grid.kind {
                    ChartKind::Card => "in any cycle shown",
                    _ => "for any of these forces",
                };
                body.push(format!(
                    "No grade in our sources {scope}: {}.",
                    and_list(&labels)
                ));
            }
        }
    }
    // A split is rare and the picture shows only the worse grade: always say so.
    head.extend(splits(grid));
    fit(head, body, ALT_MAX)
}

/// A grade as running text, from the palette's name ("requires improvement").
fn word(g: Option<Grade>) -> String {
    swatch(g).name.to_lowercase()
}

/// "3 good, 2 adequate" for the graded cells among `cells`, best grade first.
fn counts(cells: &[&Cell]) -> String {
    let parts: Vec<String> = PALETTE
        .iter()
        .filter_map(|s| s.grade)
        .filter_map(|g| {
            let n = cells.iter().filter(|c| c.shown() == Some(g)).count();
            (n > 0).then(|| format!("{n} {}", word(Some(g))))
        })
        .collect();
    if parts.is_empty() {
        "no grades".to_string()
    } else {
        parts.join(", ")
    }
}

fn heatmap(grid: &Grid, head: &mut Vec<String>, body: &mut Vec<String>) {
    let rows = grid.rows().count();
    let all: Vec<&Cell> = grid.cells().map(|(_, _, c)| c).collect();
    let unknown = all.iter().filter(|c| ***c == Cell::Unknown).count();
    let focus = grid.columns.iter().position(|c| c.focus);
    // With a focus, the focus comes first and the overall counts may be left off.
    let mut summary = Vec::new();
    head.push(format!(
        "A grid of {} (rows, grouped by region) by {} (columns).",
        plural(rows, "force"),
        plural(grid.columns.len(), "area"),
    ));
    summary.push(format!(
        "Of {} cells, {} have a grade in our sources: {}; {} {} not in our sources (hatched).",
        all.len(),
        all.len() - unknown,
        counts(&all),
        unknown,
        if unknown == 1 { "is" } else { "are" },
    ));
    if let Some((ci, col)) = focus.map(|ci| (ci, &grid.columns[ci])) {
        let mut parts = Vec::new();
        for g in PALETTE.iter().map(|s| s.grade) {
            let names: Vec<&str> = grid
                .rows()
                .filter(|r| r.cells[ci].shown() == g && r.cells[ci] != Cell::Absent)
                .map(|r| r.label.as_str())
                .collect();
            if names.is_empty() {
                continue;
            }
            if g.is_some() {
                parts.push(format!(
                    "{} ({}): {}",
                    word(g),
                    names.len(),
                    names.join(", ")
                ));
            } else {
                parts.push(format!("{}: {}", word(g), plural(names.len(), "force")));
            }
        }
        head.push(format!(
            "Highlighted column, {}: {}.",
            col.label,
            parts.join("; ")
        ));
    }
    let empty: Vec<&str> = grid
        .rows()
        .filter(|r| r.cells.iter().all(|c| *c == Cell::Unknown))
        .map(|r| r.label.as_str())
        .collect();
    if !empty.is_empty() {
        summary.push(format!(
            "No grades in our sources for {}.",
            and_list(&empty)
        ));
    }
    if focus.is_some() || grid.outline.is_some() {
        body.splice(0..0, summary);
    } else {
        head.extend(summary);
    }
    match (grid.outline, focus) {
        (Some(g), Some(ci)) => {
            let all = grid.cells().filter(|(_, _, c)| c.outlined()).count();
            let here = grid.rows().filter(|r| r.cells[ci].outlined()).count();
            head.push(format!(
                "Outlined: the {} graded {}, {here} of them in the highlighted column.",
                plural(all, "cell"),
                word(Some(g))
            ));
        }
        (Some(g), None) => {
            let all = grid.cells().filter(|(_, _, c)| c.outlined()).count();
            head.push(format!(
                "Outlined: the {} graded {}.",
                plural(all, "cell"),
                word(Some(g))
            ));
            body.extend(by_force(grid, Cell::outlined));
        }
        (None, _) => {
            // Without a focus, name where the worst grade in the picture was given.
            if let Some(worst) = grid.cells().filter_map(|(_, _, c)| c.shown()).max() {
                head.push(format!(
                    "{} grades, by force:",
                    capitalise(&word(Some(worst)))
                ));
                body.extend(by_force(grid, |c| c.shown() == Some(worst)));
            }
        }
    }
}

/// "Kent: Responding to the public, Investigating crime." for each force
/// with cells that `pick` selects.
fn by_force(grid: &Grid, pick: impl Fn(&Cell) -> bool) -> Vec<String> {
    grid.rows()
        .filter_map(|r| {
            let areas: Vec<&str> = r
                .cells
                .iter()
                .zip(&grid.columns)
                .filter(|(c, _)| pick(c))
                .map(|(_, col)| col.word.as_str())
                .collect();
            (!areas.is_empty()).then(|| format!("{}: {}.", r.label, areas.join(", ")))
        })
        .collect()
}

/// "PEEL 2023-25 (8 of 9 grades known): 4 adequate, 4 requires improvement."
fn column_summaries(grid: &Grid) -> Vec<String> {
    grid.columns
        .iter()
        .enumerate()
        .map(|(ci, col)| {
            let cells: Vec<&Cell> = grid.rows().map(|r| &r.cells[ci]).collect();
            match &col.known {
                Some(k) => format!("{} ({}): {}.", col.label, k.long(), counts(&cells)),
                None => format!("{}: {}.", col.label, counts(&cells)),
            }
        })
        .collect()
}

/// "Investigating crime: Kent good, Essex not in our sources."
fn row_sentence(grid: &Grid, row: &Row) -> String {
    let parts: Vec<String> = row
        .cells
        .iter()
        .zip(&grid.columns)
        .map(|(c, col)| {
            let what = match c {
                Cell::Absent => "not an area then".to_string(),
                _ => word(c.shown()),
            };
            format!("{} {what}", col.word)
        })
        .collect();
    match &row.sub {
        Some(sub) => format!("{} ({sub}): {}.", row.label, parts.join(", ")),
        None => format!("{}: {}.", row.label, parts.join(", ")),
    }
}

/// One sentence per cell whose source gives two different grades.
fn splits(grid: &Grid) -> Vec<String> {
    grid.rows()
        .flat_map(|r| {
            r.cells
                .iter()
                .zip(&grid.columns)
                .map(move |(c, col)| (r, col, c))
        })
        .filter(|(_, _, c)| c.split())
        .map(|(r, col, c)| {
            let grades: Vec<String> = match c {
                Cell::Graded { grades, .. } => grades.iter().map(|g| word(Some(*g))).collect(),
                _ => Vec::new(),
            };
            format!(
                "{}, {}: the source gives two grades ({}); the picture shows the worse, {}.",
                r.label,
                col.label,
                and_list(&grades),
                word(c.shown())
            )
        })
        .collect()
}

/// Room kept for "(and N more in the picture)".
const NOTE_ROOM: usize = 32;

/// The head sentences, then as many body sentences as fit in `max`
/// characters, saying how many were left off.
fn fit(head: Vec<String>, body: Vec<String>, max: usize) -> String {
    let mut out = String::new();
    let push = |out: &mut String, s: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s);
    };
    for s in &head {
        push(&mut out, s);
    }
    let total = body.len();
    for (i, s) in body.iter().enumerate() {
        // Leave room for the note of what is left off, if more follow.
        let reserve = if i + 1 < total { NOTE_ROOM } else { 0 };
        if out.chars().count() + 1 + s.chars().count() + reserve > max {
            let note = format!("(and {} more in the picture)", total - i);
            if out.chars().count() + 1 + note.chars().count() <= max {
                push(&mut out, &note);
            }
            break;
        }
        push(&mut out, s);
    }
    if out.chars().count() > max {
        out = out.chars().take(max - 1).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_fit_keeps_head_and_says_what_is_left_off() {
        let body: Vec<String> = (0..100).map(|i| format!("Row {i} is good.")).collect();
        let s = fit(vec!["Head.".into()], body, 200);
        assert!(s.starts_with("Head. Row 0 is good."), "{s}");
        assert!(s.chars().count() <= 200, "{}", s.len());
        assert!(s.ends_with("more in the picture)"), "{s}");
    }

    #[test]
    fn alt_fit_all_when_short() {
        let s = fit(vec!["A.".into()], vec!["B.".into(), "C.".into()], 100);
        assert_eq!(s, "A. B. C.");
    }

    #[test]
    fn alt_fit_cuts_an_overlong_head() {
        let s = fit(vec!["x".repeat(2000)], vec![], ALT_MAX);
        assert_eq!(s.chars().count(), ALT_MAX);
    }
}
