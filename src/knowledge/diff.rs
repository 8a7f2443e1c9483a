//! What changed between two knowledge bases, for the reload report an admin sees.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::model::KnowledgeBase;

/// Counts of what was added, removed or changed, plus the forces touched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    pub forces_added: Vec<String>,
    pub forces_removed: Vec<String>,
    pub inspections_added: usize,
    pub inspections_removed: usize,
    pub grades_added: usize,
    pub grades_removed: usize,
    pub grades_changed: usize,
    pub quotes_added: usize,
    pub quotes_removed: usize,
    pub findings_added: usize,
    pub findings_removed: usize,
    /// Slugs of forces whose content changed in any way.
    pub forces_changed: Vec<String>,
}

impl Diff {
    pub fn between(old: &KnowledgeBase, new: &KnowledgeBase) -> Diff {
        let mut d = Diff::default();
        let old_forces: BTreeMap<&str, _> =
            old.forces.iter().map(|f| (f.slug.as_str(), f)).collect();
        let new_forces: BTreeMap<&str, _> =
            new.forces.iter().map(|f| (f.slug.as_str(), f)).collect();
        for slug in old_forces.keys().filter(|s| !new_forces.contains_key(*s)) {
            d.forces_removed.push(slug.to_string());
        }
        for (slug, nf) in &new_forces {
            let Some(of) = old_forces.get(slug) else {
                d.forces_added.push(slug.to_string());
                d.inspections_added += nf.inspections.len();
                for i in &nf.inspections {
                    d.grades_added += i.grades.len();
                    d.quotes_added += i.quotes.len();
                    d.findings_added += i.findings.len();
                }
                continue;
            };
            let before = d.clone();
            let cycle_of = |kb: &KnowledgeBase, c: usize| kb.cycles[c].name.clone();
            let old_ins: BTreeMap<String, _> = of
                .inspections
                .iter()
                .map(|i| (cycle_of(old, i.cycle), i))
                .collect();
            let new_ins: BTreeMap<String, _> = nf
                .inspections
                .iter()
                .map(|i| (cycle_of(new, i.cycle), i))
                .collect();
            d.inspections_removed += old_ins.keys().filter(|k| !new_ins.contains_key(*k)).count();
            for (cycle, ni) in &new_ins {
                let empty = Vec::new();
                let (og, oq, ofd) = match old_ins.get(cycle) {
                    Some(oi) => (&oi.grades, &oi.quotes, &oi.findings),
                    None => {
                        d.inspections_added += 1;
                        (&Vec::new(), &Vec::new(), &empty)
                    }
                };
                let grade_map = |gs: &Vec<super::model::AreaGrade>| -> BTreeMap<String, String> {
                    gs.iter()
                        .map(|g| (g.wording.clone(), g.grade.label().to_string()))
                        .collect()
                };
                let (om, nm) = (grade_map(og), grade_map(&ni.grades));
                for (area, g) in &nm {
                    match om.get(area) {
                        None => d.grades_added += 1,
                        Some(old_g) if old_g != g => d.grades_changed += 1,
                        _ => {}
                    }
                }
                d.grades_removed += om.keys().filter(|k| !nm.contains_key(*k)).count();
                let texts =
                    |v: Vec<&String>| -> BTreeSet<String> { v.into_iter().cloned().collect() };
                // Every printing counts: a longer wording added beside a
                // shorter one merges them, and loses neither.
                let printed = |qs: &Vec<super::model::Quote>| -> BTreeSet<String> {
                    qs.iter()
                        .flat_map(|q| q.printings().map(|p| p.text.to_string()))
                        .collect()
                };
                let (oqs, nqs) = (printed(oq), printed(&ni.quotes));
                d.quotes_added += nqs.difference(&oqs).count();
                d.quotes_removed += oqs.difference(&nqs).count();
                let (ofs, nfs) = (
                    texts(ofd.iter().map(|f| &f.text).collect()),
                    texts(ni.findings.iter().map(|f| &f.text).collect()),
                );
                d.findings_added += nfs.difference(&ofs).count();
                d.findings_removed += ofs.difference(&nfs).count();
            }
            for (cycle, oi) in &old_ins {
                if !new_ins.contains_key(cycle) {
                    d.grades_removed += oi.grades.len();
                    d.quotes_removed += oi.quotes.len();
                    d.findings_removed += oi.findings.len();
                }
            }
            let changed = d != before
                || of.name != nf.name
                || of.aliases != nf.aliases
                || of.nicknames != nf.nicknames;
            if changed {
                d.forces_changed.push(slug.to_string());
            }
        }
        d
    }

    pub fn is_empty(&self) -> bool {
        self.forces_added.is_empty()
            && self.forces_removed.is_empty()
            && self.forces_changed.is_empty()
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("no changes to forces, inspections, grades, findings or quotes");
        }
        let mut parts = Vec::new();
        if !self.forces_added.is_empty() {
            parts.push(format!("forces added: {}", self.forces_added.join(", ")));
        }
        if !self.forces_removed.is_empty() {
            parts.push(format!(
                "forces removed: {}",
                self.forces_removed.join(", ")
            ));
        }
        let counts = [
            (
                "inspections",
                self.inspections_added,
                self.inspections_removed,
                0,
            ),
            (
                "grades",
                self.grades_added,
                self.grades_removed,
                self.grades_changed,
            ),
            ("findings", self.findings_added, self.findings_removed, 0),
            ("quotes", self.quotes_added, self.quotes_removed, 0),
        ];
        for (what, added, removed, changed) in counts {
            if added + removed + changed > 0 {
                let mut s = format!("{what}: +{added} -{removed}");
                if changed > 0 {
                    s.push_str(&format!(" ~{changed} changed"));
                }
                parts.push(s);
            }
        }
        if !self.forces_changed.is_empty() {
            parts.push(format!(
                "forces changed: {}",
                self.forces_changed.join(", ")
            ));
        }
        f.write_str(&parts.join("; "))
    }
}
