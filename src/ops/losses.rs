//! What a reload would lose, and whether it may.
//!
//! A file deleted by mistake, or truncated by an editor at an
//! `[[inspection]]` boundary, still loads as valid TOML; swapping it in
//! would silently turn answers into "No answer found" or an older cycle.
//! So before a new base replaces the serving one:
//! - a force that is serving but missing from the new base refuses the
//!   reload outright (nothing overrides it: restore the file);
//! - removing an inspection, or dropping more than `knowledge.max_drop_share`
//!   of the grades, findings or quotes, refuses it unless removals are
//!   allowed (`knowledge.allow_removals`, or an admin's confirmation of
//!   exactly this change).

use std::fmt;

use crate::knowledge::{Diff, KnowledgeBase};

/// What the new base would lose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Losses {
    /// Serving forces the new base lacks: always refused.
    pub missing_forces: Vec<String>,
    /// `force: cycle` of each inspection the new base lacks.
    pub removed_inspections: Vec<String>,
    /// (what, removed, of how many) where the share removed is over the limit.
    pub drops: Vec<(&'static str, usize, usize)>,
}

impl Losses {
    /// What replacing `old` with `new` (whose difference is `diff`) loses,
    /// with drops over `max_drop_share` (0..1) counted.
    pub fn between(
        old: &KnowledgeBase,
        new: &KnowledgeBase,
        diff: &Diff,
        max_drop_share: f64,
    ) -> Losses {
        let mut losses = Losses {
            missing_forces: diff.forces_removed.clone(),
            ..Losses::default()
        };
        for force in &old.forces {
            let Some(after) = new.force(&force.slug) else {
                continue;
            };
            for inspection in &force.inspections {
                let cycle = &old.cycles[inspection.cycle].name;
                let kept = after
                    .inspections
                    .iter()
                    .any(|i| new.cycles.get(i.cycle).is_some_and(|c| &c.name == cycle));
                if !kept {
                    losses
                        .removed_inspections
                        .push(format!("{}: {cycle}", force.slug));
                }
            }
        }
        let totals = totals(old);
        for (what, removed, total) in [
            ("grades", diff.grades_removed, totals.0),
            ("findings", diff.findings_removed, totals.1),
            ("quotes", diff.quotes_removed, totals.2),
        ] {
            if total > 0 && removed as f64 > max_drop_share * total as f64 {
                losses.drops.push((what, removed, total));
            }
        }
        losses
    }

    /// Nothing is lost that needs permission.
    pub fn is_empty(&self) -> bool {
        self.missing_forces.is_empty() && !self.needs_permission()
    }

    /// Removals an admin or `knowledge.allow_removals` may accept.
    pub fn needs_permission(&self) -> bool {
        !self.removed_inspections.is_empty() || !self.drops.is_empty()
    }
}

/// (grades, findings, quotes) in a base; quotes count every outlet's
/// printing, as the diff does.
fn totals(kb: &KnowledgeBase) -> (usize, usize, usize) {
    kb.forces
        .iter()
        .flat_map(|f| &f.inspections)
        .fold((0, 0, 0), |(g, f, q), i| {
            let printed: usize = i.quotes.iter().map(|q| 1 + q.also.len()).sum();
            (g + i.grades.len(), f + i.findings.len(), q + printed)
        })
}

impl fmt::Display for Losses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut lines = Vec::new();
        if !self.missing_forces.is_empty() {
            lines.push(format!(
                "forces missing from the new base (their files deleted or renamed?): {}",
                self.missing_forces.join(", ")
            ));
        }
        if !self.removed_inspections.is_empty() {
            lines.push(format!(
                "inspections removed: {}",
                self.removed_inspections.join(", ")
            ));
        }
        for (what, removed, total) in &self.drops {
            lines.push(format!("{what} dropped: {removed} of {total}"));
        }
        f.write_str(&lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> KnowledgeBase {
        crate::knowledge::load_embedded().expect("embedded knowledge loads")
    }

    #[test]
    fn losses_none_for_the_same_base() {
        let (a, b) = (base(), base());
        let l = Losses::between(&a, &b, &Diff::between(&a, &b), 0.1);
        assert!(l.is_empty(), "{l}");
    }

    #[test]
    fn losses_a_missing_force_and_a_removed_inspection_are_named() {
        let old = base();
        let mut new = base();
        new.forces.retain(|f| f.slug != "kent");
        let derby = new
            .forces
            .iter_mut()
            .find(|f| f.slug == "derbyshire")
            .expect("derbyshire");
        let dropped = derby.inspections.remove(0);
        let l = Losses::between(&old, &new, &Diff::between(&old, &new), 0.1);
        assert_eq!(l.missing_forces, ["kent"]);
        let cycle = &old.cycles[dropped.cycle].name;
        assert_eq!(l.removed_inspections, [format!("derbyshire: {cycle}")]);
        assert!(l.needs_permission());
    }

    #[test]
    fn losses_drops_count_only_over_the_share() {
        let old = base();
        let mut new = base();
        let quotes: usize = old
            .forces
            .iter()
            .flat_map(|f| &f.inspections)
            .flat_map(|i| &i.quotes)
            .map(|q| 1 + q.also.len())
            .sum();
        // Drop quotes force by force until just over a fifth are gone.
        let mut dropped = 0;
        'outer: for f in &mut new.forces {
            for i in &mut f.inspections {
                while let Some(q) = i.quotes.pop() {
                    dropped += 1 + q.also.len();
                    if dropped * 5 > quotes {
                        break 'outer;
                    }
                }
            }
        }
        let diff = Diff::between(&old, &new);
        // The diff counts distinct quote texts, so a repeated quote counts once.
        assert!(diff.quotes_removed * 10 > quotes && diff.quotes_removed <= dropped);
        let strict = Losses::between(&old, &new, &diff, 0.1);
        assert_eq!(
            strict.drops,
            [("quotes", diff.quotes_removed, quotes)],
            "{strict}"
        );
        let lenient = Losses::between(&old, &new, &diff, 0.5);
        assert!(lenient.drops.is_empty(), "{lenient}");
    }
}
