//! Which picture an answer has: a heatmap for answers across forces, a
//! report card for one force's grades or their change, a comparison for two
//! to four forces. Decided here from the typed query, drawn by `chart`.

use super::{Ask, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::Intent;
use crate::engine::picture::{CardSpec, CompareSpec, HeatmapSpec, Spec, COMPARE_FORCES};

/// The picture that shows what an answered question asks, if one does.
pub fn picture_for(ctx: &Ctx, ask: &Ask, answer: &Answer) -> Option<Spec> {
    if answer.status != Status::Answered {
        return None;
    }
    let cycle_id = ask.cycle.map(|c| ctx.kb.cycles[c].id.clone());
    match ask.query.intent {
        Intent::Across => {
            // The area's column in the cycle drawn (the newest unless named).
            let cycle = ask.cycle.unwrap_or(0);
            let area = ask
                .family
                .and_then(|f| {
                    ctx.index.families[f]
                        .per_cycle
                        .get(cycle)
                        .copied()
                        .flatten()
                })
                .map(|a| ctx.kb.cycles[cycle].areas[a].id.clone());
            let region = match ask.query.regions.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            };
            Some(Spec::Heatmap(HeatmapSpec {
                cycle: cycle_id,
                area,
                grade: ask.query.grade,
                region,
            }))
        }
        Intent::Overview | Intent::Change if answer.forces.len() == 1 => {
            Some(Spec::Card(CardSpec {
                force: answer.forces[0].clone(),
            }))
        }
        Intent::Compare if COMPARE_FORCES.contains(&ask.forces.len()) => {
            Some(Spec::Compare(CompareSpec {
                forces: ask.forces.iter().map(|f| f.slug.clone()).collect(),
                cycle: cycle_id,
            }))
        }
        _ => None,
    }
}
