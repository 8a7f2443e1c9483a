//! How much of each inspection the knowledge base knows: for `peelbot check`,
//! `/about`, and answers that must say "5 of the 9 graded areas are known".

use super::model::{Inspection, KnowledgeBase};

/// How completely one force's inspection of one cycle is graded in the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageLevel {
    /// Every graded area is known (a source states how many were graded).
    Full,
    /// Some grades are known, but not all (or the total is unknown).
    Partial,
    /// The inspection is recorded, but no grade is known.
    NoGrades,
    /// No entry for this cycle.
    NoEntry,
}

impl CoverageLevel {
    pub fn of(inspection: Option<&Inspection>) -> CoverageLevel {
        let Some(i) = inspection else {
            return CoverageLevel::NoEntry;
        };
        let known = i.known_areas();
        match i.areas_graded {
            _ if known == 0 => CoverageLevel::NoGrades,
            Some(total) if known >= total as usize => CoverageLevel::Full,
            _ => CoverageLevel::Partial,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CoverageLevel::Full => "full",
            CoverageLevel::Partial => "partial",
            CoverageLevel::NoGrades => "no grades",
            CoverageLevel::NoEntry => "-",
        }
    }
}

/// Counts over the whole base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub forces: usize,
    pub inspections: usize,
    pub grades: usize,
    /// Sum of `areas_graded` over inspections that state it.
    pub grades_awarded_stated: usize,
    /// Known grades in those same inspections (distinct areas).
    pub grades_known_of_stated: usize,
    pub findings: usize,
    pub quotes: usize,
    pub glossary_terms: usize,
    /// Per cycle (newest first): name, inspections, inspections with any grade, full.
    pub cycles: Vec<(String, usize, usize, usize)>,
}

impl Summary {
    pub fn of(kb: &KnowledgeBase) -> Summary {
        let all = || kb.forces.iter().flat_map(|f| &f.inspections);
        let stated: Vec<&Inspection> = all().filter(|i| i.areas_graded.is_some()).collect();
        Summary {
            forces: kb.forces.len(),
            inspections: all().count(),
            grades: all().map(|i| i.grades.len()).sum(),
            grades_awarded_stated: stated
                .iter()
                .map(|i| i.areas_graded.unwrap_or(0) as usize)
                .sum(),
            grades_known_of_stated: stated.iter().map(|i| i.known_areas()).sum(),
            findings: all().map(|i| i.findings.len()).sum(),
            quotes: all().map(|i| i.quotes.len()).sum(),
            glossary_terms: kb.glossary.len(),
            cycles: kb
                .cycles
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let ins: Vec<&Inspection> = all().filter(|i| i.cycle == ci).collect();
                    let graded = ins.iter().filter(|i| !i.grades.is_empty()).count();
                    let full = ins
                        .iter()
                        .filter(|i| CoverageLevel::of(Some(i)) == CoverageLevel::Full)
                        .count();
                    (c.name.clone(), ins.len(), graded, full)
                })
                .collect(),
        }
    }
}

/// The per-force coverage table: one row per force, one column per cycle.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub cycles: Vec<String>,
    /// (force name, level and "known/total" per cycle).
    pub rows: Vec<(String, Vec<(CoverageLevel, String)>)>,
}

impl Coverage {
    pub fn of(kb: &KnowledgeBase) -> Coverage {
        let rows = kb
            .forces
            .iter()
            .map(|f| {
                let cells = (0..kb.cycles.len())
                    .map(|ci| {
                        let ins = f.inspection(ci);
                        let level = CoverageLevel::of(ins);
                        let detail = match ins {
                            None => String::new(),
                            Some(i) => match i.areas_graded {
                                Some(t) => format!("{}/{t}", i.known_areas()),
                                None => format!("{}/?", i.known_areas()),
                            },
                        };
                        (level, detail)
                    })
                    .collect();
                (f.name.clone(), cells)
            })
            .collect();
        Coverage {
            cycles: kb.cycles.iter().map(|c| c.name.clone()).collect(),
            rows,
        }
    }

    /// A plain-text table for the terminal.
    pub fn render(&self) -> String {
        let name_w = self
            .rows
            .iter()
            .map(|r| r.0.len())
            .max()
            .unwrap_or(5)
            .max(5);
        let col_w = 20;
        let mut out = format!("{:<name_w$}", "Force");
        for c in &self.cycles {
            out.push_str(&format!("  {c:<col_w$}"));
        }
        out.push('\n');
        for (name, cells) in &self.rows {
            out.push_str(&format!("{name:<name_w$}"));
            for (level, detail) in cells {
                let cell = if detail.is_empty() {
                    level.label().to_string()
                } else {
                    format!("{} ({detail})", level.label())
                };
                out.push_str(&format!("  {cell:<col_w$}"));
            }
            out.push('\n');
        }
        out
    }
}
