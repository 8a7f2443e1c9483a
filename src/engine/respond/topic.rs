//! Answers found by words rather than by structure: what the sources say
//! about a topic ("Engage", "inclusion training") for one force or across
//! forces, from the best passages verbatim; and a force's areas with one grade.

use super::{Ask, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::Intent;
use crate::engine::passages::{Hit, Kind, Scope};
use crate::knowledge::{AreaGrade, Force, Grade};

/// Share of the topic's distinct stems a passage must hold to count as about it.
const MIN_SHARE: f32 = 0.34;

/// Passages about the topic in scope, best first: BM25 hits for `stems`
/// holding enough of the `core` words (all of `stems` when `core` is
/// empty), and not far behind the best.
pub fn matches(ctx: &Ctx, stems: &[String], core: &[String], scope: &Scope) -> Vec<Hit> {
    let core = if core.is_empty() { stems } else { core };
    let mut distinct: Vec<&String> = core.iter().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let about: Vec<Hit> = ctx
        .index
        .passages
        .search(ctx.kb, stems, scope)
        .into_iter()
        .filter(|h| {
            let p = &ctx.index.passages.all[h.passage];
            let held = distinct
                .iter()
                .filter(|s| p.stems.binary_search(s).is_ok())
                .count();
            held as f32 / distinct.len() as f32 >= MIN_SHARE
        })
        .collect();
    let Some(best) = about.first().map(|h| h.score) else {
        return Vec::new();
    };
    about
        .into_iter()
        .filter(|h| h.score >= 0.4 * best)
        .collect()
}

/// "Is Cleveland in Engage?", "did derbyshire give staff inclusion training?"
pub fn about(ctx: &Ctx, ask: &Ask) -> Answer {
    let label = label(ask);
    let pool: Vec<&Force> = if !ask.forces.is_empty() {
        ask.forces.clone()
    } else {
        ask.pool.clone()
    };
    let search = ask.search();
    let mut a = about_in(
        ctx,
        &Search {
            pool: &pool,
            cycle: ask.cycle,
            outlet: ask.outlet,
            stems: &search,
            core: ask.core(),
            label: &label,
        },
        ask.question,
        ask.confidence,
    );
    if a.fields.is_empty() {
        // Nothing in the sources: not an answer.
        a.status = Status::NoMatch;
    }
    a
}

/// The topic's words as the asker wrote them, for titles.
pub fn label(ask: &Ask) -> String {
    if ask.query.topic.is_empty() {
        "this topic".to_string()
    } else {
        format!("\"{}\"", ask.query.topic.join(" "))
    }
}

/// What the sources say about some stems, for one force or all.
pub fn about_words(ctx: &Ctx, force: Option<&Force>, ask: &Ask, label: &str) -> Answer {
    let pool: Vec<&Force> = force.into_iter().collect();
    let search = ask.search();
    about_in(
        ctx,
        &Search {
            pool: &pool,
            cycle: None,
            outlet: ask.outlet,
            stems: &search,
            core: ask.core(),
            label,
        },
        ask.question,
        ask.confidence,
    )
}

/// What to look for in the sources, and where.
struct Search<'a> {
    /// The forces whose passages count; none for every force.
    pool: &'a [&'a Force],
    cycle: Option<usize>,
    outlet: Option<&'a str>,
    stems: &'a [String],
    core: &'a [String],
    /// The topic as the asker wrote it, for titles.
    label: &'a str,
}

fn about_in(ctx: &Ctx, s: &Search, question: &str, confidence: f32) -> Answer {
    let Search {
        pool,
        cycle,
        outlet,
        stems,
        core,
        label,
    } = *s;
    let ids: Vec<usize> = pool
        .iter()
        .filter_map(|f| ctx.index.slug_of.get(&f.slug).copied())
        .collect();
    let scope = Scope {
        forces: &ids,
        cycle,
        outlet,
        ..Scope::default()
    };
    // What an outlet printed, when no topic narrows it.
    let found = if stems.is_empty() && outlet.is_some() {
        ctx.index.passages.all_in(ctx.kb, &scope)
    } else {
        matches(ctx, stems, core, &scope)
    };
    let one = (pool.len() == 1).then(|| pool[0]);
    let mut b = Builder::new(question, Status::Answered, Intent::Topic, confidence);
    for f in pool.iter().take(6) {
        b.force(f);
    }
    b.title(match (one, outlet, stems.is_empty()) {
        (Some(f), Some(o), true) => format!("{} — what {o} reported", f.name),
        (None, Some(o), true) => format!("What {o} reported"),
        (Some(f), Some(o), false) => format!("{} — what {o} reported about {label}", f.name),
        (None, Some(o), false) => format!("What {o} reported about {label}"),
        (Some(f), None, _) => format!("{} — what the sources say about {label}", f.name),
        (None, None, _) => format!("What the sources say about {label}"),
    });
    if found.is_empty() {
        b.say(format!(
            "Our sources say nothing about {label}{}.",
            one.map(|f| format!(" for {}", f.name)).unwrap_or_default()
        ));
        if let Some(f) = one {
            b.say(super::fallback::what_we_hold(ctx, f));
            b.offer(Intent::Overview, f);
            b.offer(Intent::Quote, f);
            if let Some(ins) = f.latest() {
                if let Some(url) = ins.main_url() {
                    b.cite_page(ctx, url, f, Some(ins), None);
                }
            }
        }
        if one.is_none() {
            b.suggest("What did inspectors say about 999 calls?");
        }
        return b.build();
    }
    b.say(match (one, outlet) {
        (Some(f), Some(o)) => format!("What {o} reported on {}, as our sources hold it:", f.name),
        (None, Some(o)) => format!("What {o} reported, as our sources hold it:"),
        (Some(f), None) => format!("What our sources say about {label} for {}:", f.name),
        (None, None) => format!("What our sources say about {label}:"),
    });
    let limit = if one.is_some() { 4 } else { 6 };
    for h in found.into_iter().take(limit) {
        let p = &ctx.index.passages.all[h.passage];
        let f = &ctx.kb.forces[p.force];
        let ins = p.ins(ctx.kb);
        b.force(f);
        b.cycle(ctx.cycle_name(ins));
        match p.kind {
            Kind::Quote(k) => {
                let q = &ins.quotes[k];
                b.field(
                    format!(
                        "{}, {} — {} ({})",
                        q.speaker,
                        q.role,
                        f.short_name(),
                        ctx.cycle_name(ins)
                    ),
                    format!("\"{}\"", q.text.trim()),
                    None,
                );
                b.quote(ctx, q, f, ins);
            }
            Kind::Finding(k) => {
                let fd = &ins.findings[k];
                b.field(
                    format!("{} ({})", f.short_name(), ctx.cycle_name(ins)),
                    fd.text.clone(),
                    None,
                );
                b.cite_page(
                    ctx,
                    &fd.source,
                    f,
                    Some(ins),
                    fd.published.map(|d| d.to_string()),
                );
            }
            Kind::Concern(k) => {
                let c = &ins.concerns[k];
                b.field(
                    format!(
                        "{} ({}, {})",
                        f.short_name(),
                        ctx.cycle_name(ins),
                        c.kind.label()
                    ),
                    c.text.clone(),
                    None,
                );
                b.cite_page(ctx, &c.source, f, Some(ins), None);
            }
        }
    }
    b.build()
}

/// A force's areas with one grade in its latest inspection that has any.
pub fn areas_with_grade(
    ctx: &Ctx,
    force: &Force,
    grade: Grade,
    question: &str,
    confidence: f32,
) -> Answer {
    let intent = if grade.needs_improvement() {
        Intent::Improve
    } else {
        Intent::Grade
    };
    let mut b = Builder::new(question, Status::Answered, intent, confidence);
    b.force(force);
    b.title(format!("{} — areas graded {}", force.name, grade.lower()));
    let Some(ins) = force
        .inspections
        .iter()
        .find(|i| !i.grades.is_empty() || !i.grade_counts.is_empty())
    else {
        b.say(format!("Our sources have no grades for {}.", force.name));
        b.answer.status = Status::NoMatch;
        b.offer(Intent::Quote, force);
        return b.build();
    };
    b.cycle(ctx.cycle_name(ins));
    let gs: Vec<&AreaGrade> = ins.grades.iter().filter(|g| g.grade == grade).collect();
    let counted = ctx.count_of(ins, grade);
    if gs.is_empty() {
        match counted {
            Some(n) if n > 0 => b.say(format!(
                "In {}, the inspectorate graded {n} area{} of {} {}, but our sources do not name {}.",
                ctx.inspection_label(ins),
                if n == 1 { "" } else { "s" },
                force.name,
                grade.lower(),
                if n == 1 { "it" } else { "them" }
            )),
            _ => b.say(format!("In {}, none of the grades we know for {} is {}.", ctx.inspection_label(ins), force.name, grade.lower())),
        };
    } else {
        b.say(format!(
            "In {}, {} was graded {} in:",
            ctx.inspection_label(ins),
            force.name,
            grade.lower()
        ));
        for g in &gs {
            b.field(ctx.area_label(ins, g.area), g.grade.label(), Some(g.grade));
            b.grade(ctx, g, force, ins);
        }
    }
    if let Some(s) = ctx.coverage_sentence(ins) {
        b.footnote(s);
    }
    if let Some(url) = ins.main_url() {
        b.cite_page(ctx, url, force, Some(ins), None);
    }
    b.build()
}
