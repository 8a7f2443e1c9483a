//! Facts about inspections and words: who led an inspection and when it was
//! published, glossary terms, and help.

use super::grades::{pick, unpicked, Pick};
use super::{Ask, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::{Intent, INTENTS};
use crate::engine::words::year_of;
use crate::knowledge::{Force, Term};

/// "Who led the inspection of Thames Valley Police?" / "When was it published?"
pub fn who_when(ctx: &Ctx, force: &Force, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let intent = ask.query.intent;
    // "When did the Met leave Engage?": a date of something the sources
    // tell, not of the report; passages that hold a year answer it.
    if intent == Intent::When && dated_topic(ctx, force, ask) {
        return super::topic::about(ctx, ask);
    }
    let template = |f: &str| format!("Who led the {f} inspection?");
    let ins = match pick(ctx, force, ask) {
        Pick::One(i) => i,
        other => {
            if let Some(a) = unpicked(ctx, force, &other, intent, question, &template) {
                return a;
            }
            return super::fallback::no_match(ctx, ask, None);
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
    // The fact asked for is not held: say so, and what is.
    let missing = match intent {
        Intent::Who => ins.inspector.is_none(),
        _ => ins.published.is_none(),
    };
    if missing {
        b.answer.status = Status::NoMatch;
        b.offer(Intent::Overview, force);
        b.offer(Intent::Improve, force);
    }
    if let Some(url) = &ins.report_url {
        b.cite_page(ctx, url, force, Some(ins), None);
    }
    if let Some(url) = &ins.published_source {
        b.cite_page(ctx, url, force, Some(ins), None);
    }
    if let Some(url) = &ins.grades_source {
        b.cite_page(ctx, url, force, Some(ins), None);
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
                    b.cite_page(ctx, url, force, Some(other), None);
                }
            }
        }
    }
    if let Some(note) = &force.note {
        b.note(ctx, force, None, note);
    }
    if let Some(note) = &ins.note {
        b.note(ctx, force, Some(ins), note);
    }
    b.build()
}

/// A glossary entry.
pub fn glossary(ctx: &Ctx, term: &Term, question: &str, confidence: f32) -> Answer {
    let mut b = Builder::new(question, Status::Answered, Intent::Glossary, confidence);
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
                    force: None,
                    cycle: Some(c.name.clone()),
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
        force: None,
        cycle: None,
    });
    b.build()
}

/// What the bot can answer: an example per intent, from the intent table.
pub fn help(ctx: &Ctx, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Answered, Intent::Help, 1.0);
    b.title("PEEL Bot — what I can answer");
    b.say(format!(
        "I answer questions about HMICFRS PEEL inspections of the {} territorial police forces in England and Wales, from a curated set of sourced facts. Every answer says where it comes from.",
        ctx.kb.forces.len()
    ));
    for spec in INTENTS.iter().filter(|s| s.intent != Intent::Help) {
        if let Some(example) = spec.example {
            b.field(spec.label, example, None);
        }
    }
    b.footnote("Names can be short or misspelt (\"the Met\", \"Notts\", \"derbyshre\"); name a cycle (\"2021/22\", \"2023-25\") or a year to pick an inspection, otherwise I use the most recent one. Ask several things at once (\"Kent's grade for investigating crime and who led it?\") and each is answered in turn.");
    b.build()
}

/// "Which forces did Wendy Williams inspect?": inspections a person led.
pub fn led_by(ctx: &Ctx, person: &str, ask: &Ask) -> Answer {
    let mut b = Builder::new(ask.question, Status::Answered, Intent::Who, ask.confidence);
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
                b.cite_page(ctx, url, f, Some(ins), None);
            }
        }
    }
    if n == 0 {
        b.say(format!("Our sources name no inspection led by {person}."));
        b.answer.status = Status::NoMatch;
        b.suggest(format!("What did {person} say?"));
    } else {
        b.say(format!(
            "Our sources name {person} as leading {n} inspection{}:",
            if n == 1 { "" } else { "s" }
        ));
        b.footnote("Only inspections whose lead inspector a source names are listed.");
    }
    b.build()
}

/// What an inspection cycle was: its years, grade scale, areas and notes.
fn cycle_info(ctx: &Ctx, c: usize, question: &str, confidence: f32) -> Answer {
    let cycle = &ctx.kb.cycles[c];
    let mut b = Builder::new(question, Status::Answered, Intent::Glossary, confidence);
    b.title(cycle.name.clone());
    let years: Vec<String> = cycle.years.iter().map(|y| y.to_string()).collect();
    b.say(format!(
        "{} is a cycle of HMICFRS PEEL inspections, its reports published in {}. It graded forces on a scale of {} grades: {}.",
        cycle.name,
        years.join(", "),
        match cycle.scale.len() {
            5 => "five".to_string(),
            n => n.to_string(),
        },
        cycle
            .scale
            .iter()
            .map(|g| g.lower())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let areas: Vec<&str> = cycle.areas.iter().map(|a| a.name.as_str()).collect();
    b.field("Areas inspected", areas.join("; "), None);
    if let Some(n) = &cycle.note {
        b.footnote(n);
    }
    if let Some(src) = &cycle.source {
        b.cite(crate::engine::answer::Citation {
            url: src.clone(),
            title: ctx.page_title(src, Some(&cycle.name)),
            speaker: None,
            role: None,
            quote: None,
            published: None,
            force: None,
            cycle: Some(cycle.name.clone()),
        });
    }
    b.cycle(&cycle.name);
    b.build()
}

/// One or two glossary entries ("the difference between a cause of concern
/// and an area for improvement"), or how grading works.
pub fn glossary_terms(ctx: &Ctx, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let find = |name: &str| ctx.kb.glossary.iter().position(|t| t.term == name);
    let mut terms: Vec<usize> = ask.query.terms.iter().filter_map(|t| find(t)).collect();
    // The entry that tells what was asked ("no reports in 2020" is in the
    // 2021/22 entry), when it is not one of the terms named.
    let mut words = ask.search();
    if let Some(y) = ask.year() {
        words.push(y.to_string());
    }
    if let Some((best, _)) = ctx.index.glossary_for(&words) {
        let held = |e: usize, w: &String| ctx.index.glossary_stems[e].binary_search(w).is_ok();
        // Only when it tells something the named terms' entries do not.
        let tells_more = words
            .iter()
            .any(|w| held(best, w) && !terms.iter().any(|&t| held(t, w)));
        if !terms.contains(&best) && tells_more {
            terms.insert(0, best);
            terms.truncate(2);
            return glossary(ctx, &ctx.kb.glossary[best], question, confidence);
        }
    }
    let generic = |t: &usize| crate::text::fold(&ctx.kb.glossary[*t].term) == "peel";
    // "What does requires improvement mean?", "How are forces graded?": the
    // grades entry, before the generic PEEL one.
    if ask.query.grade.is_some() || terms.is_empty() || terms.iter().all(generic) {
        if let Some(c) = ask.cycle.filter(|_| terms.iter().all(generic)) {
            return cycle_info(ctx, c, question, confidence);
        }
        let grades = ctx
            .kb
            .glossary
            .iter()
            .position(|t| crate::text::fold(&t.term) == "grades");
        if let Some(g) = grades.filter(|g| !terms.contains(g)) {
            if ask.query.grade.is_some() || terms.is_empty() {
                terms.insert(0, g);
            }
        }
    }
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

/// True when passages of the force about the question's topic words hold
/// a year, so they can say when it happened.
fn dated_topic(ctx: &Ctx, force: &Force, ask: &Ask) -> bool {
    if ask.topic.is_empty() {
        return false;
    }
    let Some(&id) = ctx.index.slug_of.get(&force.slug) else {
        return false;
    };
    let scope = crate::engine::passages::Scope {
        forces: &[id],
        cycle: ask.cycle,
        ..Default::default()
    };
    // Words about inspections themselves ("inspected", "report") are in
    // most passages; a distinctive one says what happened.
    let passages = &ctx.index.passages;
    let telling: Vec<&String> = ask
        .topic
        .iter()
        .filter(|s| passages.specificity(s) >= DISTINCTIVE)
        .collect();
    super::topic::matches(ctx, &ask.search(), ask.core(), &scope)
        .iter()
        .map(|h| &passages.all[h.passage])
        .any(|p| {
            telling.iter().any(|s| p.stems.binary_search(s).is_ok()) && holds_year(p.text(ctx.kb))
        })
}

/// How distinctive ([`specificity`](crate::engine::passages::Passages::specificity))
/// a topic word must be to say what a date is asked of.
const DISTINCTIVE: f32 = 0.4;

/// True when a text names a year (as a question would: see [`year_of`]).
fn holds_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|d| year_of(d).is_some())
}
