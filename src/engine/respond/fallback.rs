//! Answers when there is no straight answer: rejected input, questions out of
//! scope or not understood, and questions that need the asker to choose.

use super::{Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::understand::Understanding;

/// Input the engine will not read (empty, too long, binary).
pub fn rejected(question: &str, reason: &str) -> Answer {
    let mut b = Builder::new(question, Status::Rejected, "rejected", 1.0);
    b.say(reason);
    b.suggest("What does Derbyshire need to improve?");
    b.build()
}

/// Not something the knowledge base covers; says what it can do and suggests close questions.
pub fn no_match(ctx: &Ctx, u: &Understanding, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::NoMatch, "none", 0.0);
    match u.out_of_scope {
        Some(name) => b.say(format!(
            "Sorry, {name} is not covered: this bot's sources cover the PEEL inspections of the {} territorial police forces of England and Wales only.",
            ctx.kb.forces.len()
        )),
        None => b.say(format!(
            "Sorry, I can't answer that. I answer questions about HMICFRS PEEL inspections of the {} police forces in England and Wales: grades, areas to improve, quotes, official responses, who led an inspection and when it was published.",
            ctx.kb.forces.len()
        )),
    };
    // "Did you mean": forces whose names look like an unknown word.
    let mut near: Vec<(f64, usize)> = Vec::new();
    for w in &u.unknown {
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
    for (_, i) in near.iter().take(3) {
        let f = &ctx.kb.forces[*i];
        b.suggest(format!("What does {} need to improve?", f.name));
    }
    if near.is_empty() {
        b.suggest("What does Derbyshire need to improve?");
        b.suggest("Which forces are inadequate at responding to the public?");
        b.suggest("help");
    }
    b.build()
}

/// Several forces fit a word ("Yorkshire"): list them and offer each.
pub fn clarify_forces(
    ctx: &Ctx,
    word: &str,
    candidates: &[usize],
    question: &str,
    template: &dyn Fn(&str) -> String,
) -> Answer {
    let mut b = Builder::new(question, Status::Clarify, "clarify", 0.4);
    let names: Vec<&str> = candidates
        .iter()
        .map(|&i| ctx.kb.forces[i].name.as_str())
        .collect();
    b.title("Which force do you mean?");
    b.say(format!(
        "\"{}\" could mean {} forces: {}. Which one do you mean?",
        super::capitalise(word),
        names.len(),
        names.join(", ")
    ));
    for &i in candidates {
        let f = &ctx.kb.forces[i];
        b.force(f);
        b.suggest(template(&f.name));
    }
    b.build()
}

/// A low-confidence reading: offer the best guesses instead of answering.
pub fn clarify_guess(
    ctx: &Ctx,
    forces: &[usize],
    question: &str,
    template: &dyn Fn(&str) -> String,
    confidence: f32,
) -> Answer {
    let mut b = Builder::new(question, Status::Clarify, "clarify", confidence);
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
        b.suggest(template(&ctx.kb.forces[i].name));
    }
    b.build()
}
