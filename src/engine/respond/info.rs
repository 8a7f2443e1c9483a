//! Facts about inspections and words: who led an inspection and when it was
//! published, glossary terms, and help.

use super::grades::{pick, unpicked, Pick};
use super::{Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::understand::Understanding;
use crate::knowledge::{Force, Term};

/// "Who led the inspection of Thames Valley Police?" / "When was it published?"
pub fn who_when(
    ctx: &Ctx,
    force: &Force,
    u: &Understanding,
    question: &str,
    confidence: f32,
) -> Answer {
    let intent = if u.cues.who { "who" } else { "when" };
    let template = |f: &str| format!("Who led the {f} inspection?");
    let ins = match pick(ctx, force, u) {
        Pick::One(i) => i,
        other => {
            if let Some(a) = unpicked(ctx, force, &other, intent, question, &template) {
                return a;
            }
            return super::fallback::no_match(ctx, u, question);
        }
    };
    let mut b = Builder::new(question, Status::Answered, intent, confidence);
    b.force(force);
    b.cycle(ctx.cycle_name(ins));
    b.title(format!(
        "{} — {} inspection",
        force.name,
        ctx.cycle_name(ins)
    ));
    match &ins.inspector {
        Some(name) => b.say(format!(
            "The {} inspection of {} was led by {name}.",
            ctx.cycle_name(ins),
            force.name
        )),
        None => b.say(format!(
            "Our sources do not name who led the {} inspection of {}.",
            ctx.cycle_name(ins),
            force.name
        )),
    };
    match ins.published {
        Some(d) => b.say(format!("It was published on {}.", d.long())),
        None => b.say("Its publication date is not in our sources."),
    };
    if let Some(url) = &ins.report_url {
        b.cite(ctx.cite(url, force, Some(ins), None));
    }
    if let Some(url) = &ins.published_source {
        b.cite(ctx.cite(url, force, Some(ins), None));
    }
    if let Some(url) = &ins.grades_source {
        b.cite(ctx.cite(url, force, Some(ins), None));
    }
    if ins.inspector.is_none() || ins.published.is_none() {
        for other in force.inspections.iter().filter(|o| o.cycle != ins.cycle) {
            let mut bits = Vec::new();
            if let Some(n) = &other.inspector {
                bits.push(format!("led by {n}"));
            }
            if let Some(d) = other.published {
                bits.push(format!("published {}", d.long()));
            }
            if !bits.is_empty() {
                b.footnote(format!("{}: {}.", ctx.cycle_name(other), bits.join(", ")));
                if let Some(url) = other.main_url() {
                    b.cite(ctx.cite(url, force, Some(other), None));
                }
            }
        }
    }
    if let Some(note) = &ins.note {
        b.footnote(format!("Note: {note}"));
    }
    b.build()
}

/// A glossary entry.
pub fn glossary(ctx: &Ctx, term: &Term, question: &str, confidence: f32) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "glossary", confidence);
    b.title(term.term.clone());
    b.say(&term.text);
    let folded = crate::text::fold(&term.term);
    if folded.contains("grade") {
        for c in &ctx.kb.cycles {
            let scale: Vec<&str> = c.scale.iter().map(|g| g.label()).collect();
            b.field(c.name.clone(), format!("Scale: {}", scale.join(", ")), None);
            if let Some(src) = &c.source {
                b.cite(super::super::answer::Citation {
                    url: src.clone(),
                    title: ctx.page_title(src, Some(&c.name)),
                    speaker: None,
                    role: None,
                    quote: None,
                    published: None,
                });
            }
        }
    }
    b.cite(super::super::answer::Citation {
        url: term.source.clone(),
        title: ctx.page_title(&term.source, Some(&term.term)),
        speaker: None,
        role: None,
        quote: None,
        published: None,
    });
    b.build()
}

/// What the bot can answer, with examples drawn from the knowledge base.
pub fn help(ctx: &Ctx, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "help", 1.0);
    b.title("PEEL Bot — what I can answer");
    b.say(format!(
        "I answer questions about HMICFRS PEEL inspections of the {} territorial police forces in England and Wales, from a curated set of sourced facts. Every answer says where it comes from.",
        ctx.kb.forces.len()
    ));
    let examples = [
        ("Areas to improve", "What does Derbyshire need to improve?"),
        (
            "One grade",
            "How was Kent graded for recording crime in 2021/22?",
        ),
        ("All grades", "Show all grades for Thames Valley Police"),
        ("Quotes", "What did Roy Wilsher say about Derbyshire?"),
        (
            "Official responses",
            "How did the Chief Constable of Derbyshire respond?",
        ),
        (
            "Who and when",
            "Who led the inspection of Suffolk and when was it published?",
        ),
        (
            "Across forces",
            "Which forces are inadequate at responding to the public?",
        ),
        ("Compare", "Compare Essex and Kent on investigating crime"),
        ("Change over time", "Has Derbyshire improved since 2021/22?"),
        ("Glossary", "What is a cause of concern?"),
    ];
    for (name, q) in examples {
        b.field(name, q, None);
    }
    b.footnote("Names can be short or misspelt (\"the Met\", \"Notts\", \"derbyshre\"); name a cycle (\"2021/22\", \"2023-25\") or a year to pick an inspection, otherwise I use the most recent one.");
    b.build()
}

/// "Which forces did Wendy Williams inspect?": inspections a person led.
pub fn led_by(ctx: &Ctx, person: &str, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "who", 0.9);
    b.title(format!("Inspections led by {person}"));
    let mut n = 0;
    for f in &ctx.kb.forces {
        for ins in f
            .inspections
            .iter()
            .filter(|i| i.inspector.as_deref() == Some(person))
        {
            n += 1;
            b.force(f);
            b.cycle(ctx.cycle_name(ins));
            b.field(f.name.clone(), ctx.inspection_label(ins), None);
            if let Some(url) = ins.main_url() {
                b.cite(ctx.cite(url, f, Some(ins), None));
            }
        }
    }
    if n == 0 {
        b.say(format!("Our sources name no inspection led by {person}."));
    } else {
        b.say(format!(
            "Our sources name {person} as leading {n} inspection{}:",
            if n == 1 { "" } else { "s" }
        ));
        b.footnote("Only inspections whose lead inspector a source names are listed.");
    }
    b.build()
}

/// One or two glossary entries ("the difference between a cause of concern and an area for improvement").
pub fn glossary_terms(ctx: &Ctx, terms: &[usize], question: &str, confidence: f32) -> Answer {
    let Some(&first) = terms.first() else {
        return help(ctx, question);
    };
    let mut a = glossary(ctx, &ctx.kb.glossary[first], question, confidence);
    if let Some(&second) = terms.get(1) {
        let b = glossary(ctx, &ctx.kb.glossary[second], question, confidence);
        a.title = format!(
            "{} and {}",
            ctx.kb.glossary[first].term, ctx.kb.glossary[second].term
        );
        a.fields.insert(
            0,
            crate::engine::answer::Field {
                name: ctx.kb.glossary[first].term.clone(),
                value: a.summary.clone(),
                grade: None,
            },
        );
        a.fields.insert(
            1,
            crate::engine::answer::Field {
                name: ctx.kb.glossary[second].term.clone(),
                value: b.summary.clone(),
                grade: None,
            },
        );
        a.summary.clear();
        for c in b.citations {
            if !a.citations.iter().any(|x| x.url == c.url) {
                a.citations.push(c);
            }
        }
        let mut text = a.title.clone();
        for f in &a.fields {
            text.push_str(&format!("\n• {}: {}", f.name, f.value));
        }
        a.text = text;
    }
    a
}
