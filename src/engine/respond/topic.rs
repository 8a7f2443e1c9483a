//! Answers found by words rather than by structure: what the sources say
//! about a topic ("Engage", "domestic abuse") for one force or across forces,
//! and a force's areas with one grade.

use super::{Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::knowledge::{AreaGrade, Force, Grade};

/// The best findings and quotes for a topic, best first: (score, force, inspection index, text, url, is quote).
fn matches<'a>(
    ctx: &Ctx<'a>,
    forces: &[&'a Force],
    topic: &[String],
) -> Vec<(f32, &'a Force, usize, usize, bool)> {
    let mut out = Vec::new();
    for f in forces {
        for (ii, ins) in f.inspections.iter().enumerate() {
            for (k, fd) in ins.findings.iter().enumerate() {
                let s = ctx.index.topic_score(topic, &fd.text);
                if s >= 0.5 {
                    out.push((s - ii as f32 * 0.01, *f, ii, k, false));
                }
            }
            for (k, q) in ins.quotes.iter().enumerate() {
                let s = ctx.index.topic_score(topic, &q.text);
                if s >= 0.5 {
                    out.push((s - ii as f32 * 0.01, *f, ii, k, true));
                }
            }
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

/// True when some finding or quote of these forces matches the topic well.
pub fn has_matches(ctx: &Ctx, forces: &[&Force], topic: &[String]) -> bool {
    !topic.is_empty() && !matches(ctx, forces, topic).is_empty()
}

/// What the sources say about a topic, for one force or all.
pub fn about(
    ctx: &Ctx,
    force: Option<&Force>,
    topic: &[String],
    label: &str,
    question: &str,
    confidence: f32,
) -> Answer {
    let forces: Vec<&Force> = match force {
        Some(f) => vec![f],
        None => ctx.kb.forces.iter().collect(),
    };
    let found = matches(ctx, &forces, topic);
    let mut b = Builder::new(question, Status::Answered, "topic", confidence);
    if let Some(f) = force {
        b.force(f);
    }
    b.title(match force {
        Some(f) => format!("{} — what the sources say about {label}", f.name),
        None => format!("What the sources say about {label}"),
    });
    if found.is_empty() {
        b.say(format!(
            "Our sources say nothing about {label}{}.",
            force
                .map(|f| format!(" for {}", f.name))
                .unwrap_or_default()
        ));
        return b.build();
    }
    b.say(match force {
        Some(f) => format!("What our sources say about {label} for {}:", f.name),
        None => format!("What our sources say about {label}:"),
    });
    let limit = if force.is_some() { 4 } else { 6 };
    for (_, f, ii, k, is_quote) in found.into_iter().take(limit) {
        let ins = &f.inspections[ii];
        b.force(f);
        b.cycle(ctx.cycle_name(ins));
        if is_quote {
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
            b.cite(ctx.cite_quote(q, f, ins));
        } else {
            let fd = &ins.findings[k];
            b.field(
                format!("{} ({})", f.short_name(), ctx.cycle_name(ins)),
                fd.text.clone(),
                None,
            );
            b.cite(ctx.cite(
                &fd.source,
                f,
                Some(ins),
                fd.published.map(|d| d.to_string()),
            ));
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
        "improve"
    } else {
        "grade"
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
            b.cite(ctx.cite(&g.source, force, Some(ins), None));
        }
    }
    if let Some(s) = ctx.coverage_sentence(ins) {
        b.footnote(s);
    }
    if let Some(url) = ins.main_url() {
        b.cite(ctx.cite(url, force, Some(ins), None));
    }
    b.build()
}
