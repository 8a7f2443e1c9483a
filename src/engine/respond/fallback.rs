//! Answers when there is no straight answer: rejected input, questions out of
//! scope or not understood (saying what the sources do hold on a force that
//! was named), and questions that need the asker to choose.

use super::{Ask, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::Intent;
use crate::engine::query::Query;
use crate::knowledge::Force;

/// Input the engine will not read (empty, too long, binary).
pub fn rejected(question: &str, reason: &str) -> Answer {
    let mut b = Builder::new(question, Status::Rejected, Intent::Rejected, 1.0);
    b.say(reason);
    b.suggest("What does Derbyshire need to improve?");
    b.build()
}

/// "Our sources hold Kent Police's PEEL grades from 2023-25 and 2021/22, 5
/// findings and 3 quotes." — what a no-match can still offer on a force.
pub fn what_we_hold(ctx: &Ctx, f: &Force) -> String {
    let graded: Vec<&str> = f
        .inspections
        .iter()
        .filter(|i| !i.grades.is_empty() || !i.grade_counts.is_empty())
        .map(|i| ctx.cycle_name(i).trim_start_matches("PEEL "))
        .collect();
    let findings: usize = f
        .inspections
        .iter()
        .map(|i| i.findings.len() + i.concerns.len())
        .sum();
    let quotes: usize = f.inspections.iter().map(|i| i.quotes.len()).sum();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut held = Vec::new();
    if !graded.is_empty() {
        held.push(format!("PEEL grades from {}", graded.join(" and ")));
    }
    if findings > 0 {
        held.push(plural(findings, "inspection finding"));
    }
    if quotes > 0 {
        held.push(plural(quotes, "quote"));
    }
    if held.is_empty() {
        return format!("Our sources hold little on {} yet.", f.name);
    }
    let last = held.pop().unwrap_or_default();
    let list = if held.is_empty() {
        last
    } else {
        format!("{} and {last}", held.join(", "))
    };
    format!("What our sources do hold on {}: {list}.", f.name)
}

/// Not something the knowledge base covers; says what it can do, what it
/// holds on any force named, and suggests close questions.
pub fn no_match(ctx: &Ctx, ask: &Ask, out_of_scope: Option<&str>) -> Answer {
    let mut b = Builder::new(ask.question, Status::NoMatch, Intent::None, 0.0);
    for f in &ask.forces {
        b.force(f);
    }
    match (out_of_scope, ask.forces.first()) {
        (Some("football"), _) => b.say(format!(
            "Sorry, I don't follow football: I answer questions about HMICFRS PEEL inspections of the {} territorial police forces of England and Wales.",
            ctx.kb.forces.len()
        )),
        (Some(name), _) => b.say(format!(
            "Sorry, {name} is not covered: this bot's sources cover the PEEL inspections of the {} territorial police forces of England and Wales only.",
            ctx.kb.forces.len()
        )),
        (None, Some(f)) => b.say(format!(
            "Sorry, our sources don't answer that about {}: they cover what HMICFRS found in its PEEL inspections (grades, areas to improve, findings, quotes and official responses), not other matters or what is happening now.",
            f.name
        )),
        (None, None) => b.say(format!(
            "Sorry, I can't answer that. I answer questions about HMICFRS PEEL inspections of the {} police forces in England and Wales: grades, areas to improve, quotes, official responses, who led an inspection and when it was published.",
            ctx.kb.forces.len()
        )),
    };
    for f in ask.forces.iter().take(2) {
        b.say(what_we_hold(ctx, f));
        b.offer(Intent::Overview, f);
        b.offer(Intent::Improve, f);
    }
    if ask.forces.is_empty() {
        b.suggest("What does Derbyshire need to improve?");
        b.suggest("Which forces are inadequate at responding to the public?");
        b.suggest("help");
    }
    b.build()
}

/// Words we could not place that look like a force's name: did you mean?
pub fn near_forces(ctx: &Ctx, unknown: &[String]) -> Vec<usize> {
    let mut near: Vec<(f64, usize)> = Vec::new();
    for w in unknown {
        for (i, words) in ctx.index.short_words.iter().enumerate() {
            // Cheap filters first: a near miss shares its first letter and length.
            for part in words.iter().filter(|p| {
                p.len() >= 4
                    && p.len().abs_diff(w.len()) <= 3
                    && p.as_bytes().first() == w.as_bytes().first()
            }) {
                let sim = strsim::jaro_winkler(w, part);
                if sim >= 0.85 && !near.iter().any(|n| n.1 == i) {
                    near.push((sim, i));
                }
            }
        }
    }
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    near.into_iter().take(3).map(|(_, i)| i).collect()
}

/// Several forces fit a word or region ("Yorkshire", "the Midlands"): list
/// them and offer each.
pub fn clarify_forces(
    ctx: &Ctx,
    label: &str,
    candidates: &[usize],
    question: &str,
    base: &Query,
) -> Answer {
    let intent = base.intent;
    let mut b = Builder::new(question, Status::Clarify, Intent::Clarify, 0.4);
    let names: Vec<&str> = candidates
        .iter()
        .map(|&i| ctx.kb.forces[i].name.as_str())
        .collect();
    b.title("Which force do you mean?");
    b.say(format!(
        "\"{}\" could mean {} forces: {}. Which one do you mean?",
        super::capitalise(label),
        names.len(),
        names.join(", ")
    ));
    for &i in candidates {
        let f = &ctx.kb.forces[i];
        b.force(f);
        // The same question about each force, as a typed query.
        let query = Query {
            forces: vec![f.slug.clone()],
            regions: Vec::new(),
            ..base.clone()
        };
        b.offer_query(intent.ask_about(&f.name), query);
    }
    b.build()
}

/// A region alone ("east midlands police grades"): which of its forces?
pub fn clarify_pool(ctx: &Ctx, ask: &Ask) -> Answer {
    let ids: Vec<usize> = ask
        .pool
        .iter()
        .filter_map(|f| ctx.index.slug_of.get(&f.slug).copied())
        .collect();
    let label = if ask.query.regions.is_empty() {
        "that".to_string()
    } else {
        ask.query.regions.join(" and ")
    };
    let base = Query {
        intent: Intent::Overview,
        ..ask.query.clone()
    };
    clarify_forces(ctx, &label, &ids, ask.question, &base)
}

/// A first name several people we quote share ("What did Rachel say?").
pub fn clarify_people(ctx: &Ctx, people: &[usize], question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Clarify, Intent::Clarify, 0.5);
    let names: Vec<&str> = people
        .iter()
        .map(|&p| ctx.kb.people[p].name.as_str())
        .collect();
    let first = names
        .first()
        .and_then(|n| n.split(' ').next())
        .unwrap_or("that name");
    b.title("Which person do you mean?");
    b.say(format!(
        "We quote more than one {first}: {}. Which one do you mean?",
        names.join(", ")
    ));
    for n in names {
        b.suggest(format!("What did {n} say?"));
    }
    b.build()
}

/// An office with no force ("What did the chief constable say?").
pub fn clarify_role(ctx: &Ctx, role: crate::engine::query::Role, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Clarify, Intent::Clarify, 0.5);
    b.title("Which force do you mean?");
    b.say(format!(
        "Every force has a {}; which force's words do you want? Name the force, for example:",
        role.label()
    ));
    let example = ctx
        .kb
        .force("derbyshire")
        .or(ctx.kb.forces.first())
        .map(|f| f.short_name().to_string())
        .unwrap_or_default();
    b.suggest(format!("What did the {} of {example} say?", role.label()));
    b.suggest(format!("How did {example} respond to the inspection?"));
    b.build()
}

/// A force meant but not named ("what grade did they get for investigating
/// crime?"): ask which, with the same question about an example force.
pub fn clarify_referent(ctx: &Ctx, base: &Query, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Clarify, Intent::Clarify, 0.5);
    b.title("Which force do you mean?");
    b.say(format!(
        "Which force do you mean? Name one of the {} police forces of England and Wales, for example:",
        ctx.kb.forces.len()
    ));
    if let Some(f) = ctx.kb.force("derbyshire").or(ctx.kb.forces.first()) {
        let query = Query {
            forces: vec![f.slug.clone()],
            ..base.clone()
        };
        b.offer_query(base.intent.ask_about(f.short_name()), query);
    }
    b.build()
}

/// A low-confidence reading: offer the best guesses instead of answering.
pub fn clarify_guess(
    ctx: &Ctx,
    forces: &[usize],
    question: &str,
    base: &Query,
    intents: &[Intent],
    confidence: f32,
) -> Answer {
    let mut b = Builder::new(question, Status::Clarify, Intent::Clarify, confidence);
    b.title("Did you mean...?");
    let names: Vec<&str> = forces
        .iter()
        .map(|&i| ctx.kb.forces[i].name.as_str())
        .collect();
    b.say(format!(
        "I'm not sure I read that right. Did you mean {}?",
        names.join(" or ")
    ));
    for &i in forces {
        b.force(&ctx.kb.forces[i]);
        for &intent in intents {
            let query = Query {
                intent,
                forces: vec![ctx.kb.forces[i].slug.clone()],
                ..base.clone()
            };
            b.offer_query(intent.ask_about(&ctx.kb.forces[i].name), query);
        }
    }
    b.build()
}
