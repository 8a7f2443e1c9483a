//! Answers in people's own words: quotes by force, speaker, office or topic
//! (found by passage retrieval, every cycle searched, latest first, older
//! ones labelled); the force's official response; and what a force has got
//! better at.

use super::{quote_line, Ask, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::Intent;
use crate::engine::passages::{Kind, Scope};
use crate::engine::query::When;
use crate::knowledge::{Force, Inspection, Quote, QuoteKind};
use crate::text::fold;

/// How many quotes one answer shows.
const MAX_QUOTES: usize = 3;

/// A quote in scope and how well it fits.
struct Candidate<'a> {
    force: &'a Force,
    ins: &'a Inspection,
    quote: &'a Quote,
    score: f32,
}

/// How distinctive ([`specificity`](crate::engine::passages::Passages::specificity))
/// a topic word must be for findings holding it to answer before quotes
/// that only share the area's words ("emotional support dogs", not "calls").
const DISTINCTIVE_TOPIC: f32 = 0.5;

/// Quotes for a quote or response question.
pub fn quotes(ctx: &Ctx, ask: &Ask) -> Answer {
    if ask.outlet.is_some() {
        // "What did the BBC report about Derbyshire?": what it printed, quotes and findings.
        return super::topic::about(ctx, ask);
    }
    let intent = ask.query.intent;
    let (question, confidence) = (ask.question, ask.confidence);
    let force = ask.forces.first().copied();
    let speaker = ask.speaker.map(|p| p.name.as_str());
    // A named speaker decides whose words, whatever their side.
    let kind = match (intent, speaker) {
        (_, Some(_)) => None,
        (Intent::Response, None) => Some(QuoteKind::Response),
        _ => ask.query.quote_kind,
    };
    let force_ids: Vec<usize> = force
        .and_then(|f| ctx.index.slug_of.get(&f.slug).copied())
        .into_iter()
        .collect();
    let scope = Scope {
        forces: &force_ids,
        cycle: ask.cycle,
        quotes_only: true,
        kind,
        speaker,
        outlet: None,
    };
    let passages = &ctx.index.passages;
    // Quotes about the topic, with their BM25 scores (none when no topic is asked).
    let search = ask.search();
    // The quotes about the most specific description of the topic that any
    // quote holds: the asker's own words first, then the area's names.
    // But when no quote holds the most specific one and a finding does
    // ("emotional support dogs"), the finding answers, not quotes that
    // merely share the area's words ("support").
    let cores = ask.cores();
    let found = cores
        .iter()
        .enumerate()
        .map(|(j, core)| (j, super::topic::matches(ctx, &search, core, &scope)))
        .find(|(_, hits)| !hits.is_empty());
    let distinctive = cores.first().is_some_and(|c| {
        c.iter()
            .any(|s| passages.specificity(s) >= DISTINCTIVE_TOPIC)
    });
    let findings_say_more = |j: usize| {
        j > 0
            && speaker.is_none()
            && distinctive
            && !super::topic::matches(
                ctx,
                &search,
                cores[0],
                &Scope {
                    forces: &force_ids,
                    ..Scope::default()
                },
            )
            .is_empty()
    };
    let scored: Vec<(usize, f32)> = match found {
        Some((j, hits)) if !findings_say_more(j) => {
            hits.into_iter().map(|h| (h.passage, h.score)).collect()
        }
        _ => Vec::new(),
    };
    let mut cands: Vec<Candidate> = Vec::new();
    let speaker_key = speaker.map(fold);
    for i in passages.candidates(&scope) {
        let p = &passages.all[i];
        if !passages.in_scope(ctx.kb, p, &scope, speaker_key.as_deref()) {
            continue;
        }
        let Kind::Quote(k) = p.kind else { continue };
        let ins = p.ins(ctx.kb);
        // On the topic: 1 and up, by how well; off it: 0.
        let topic = scored
            .iter()
            .find(|s| s.0 == i)
            .map_or(0.0, |s| 1.0 + s.1 / 100.0);
        cands.push(Candidate {
            force: &ctx.kb.forces[p.force],
            ins,
            quote: &ins.quotes[k],
            // Recency breaks ties: the latest inspection first.
            score: topic + 0.01 / (p.inspection as f32 + 1.0),
        });
    }

    // Offices narrow the list only when some quote is by the office asked about.
    let mut role_missing = None;
    if let Some(&role) = ask.query.roles.first() {
        if speaker.is_none() {
            if cands.iter().any(|c| role.matches(&c.quote.role)) {
                cands.retain(|c| role.matches(&c.quote.role));
            } else if !cands.is_empty() {
                role_missing = Some(role);
            }
        }
    }
    // A year: the quotes of that year, when there are any; an undated
    // quote counts for the years its inspection cycle spans.
    let mut year_missing = None;
    if let When::Year(y) = ask.when() {
        let of_year = |c: &Candidate| match c.quote.said {
            Some(d) => d.year == *y,
            None => ctx.kb.cycles[c.ins.cycle].years.contains(y),
        };
        if cands.iter().any(of_year) {
            cands.retain(of_year);
        } else if !cands.is_empty() {
            year_missing = Some(*y);
        }
    }
    let has_topic_hits = !search.is_empty() && cands.iter().any(|c| c.score >= 1.0);
    // Asked about a topic no quote covers: what the findings say, if they cover it.
    if !search.is_empty() && !has_topic_hits && speaker.is_none() && role_missing.is_none() {
        let pool: Vec<usize> = force_ids.clone();
        let found = super::topic::matches(
            ctx,
            &search,
            ask.core(),
            &Scope {
                forces: &pool,
                ..Scope::default()
            },
        );
        if !found.is_empty() {
            let mut a = super::topic::about(ctx, ask);
            a.confidence *= 0.9;
            return a;
        }
    }
    if has_topic_hits {
        cands.retain(|c| c.score >= 1.0);
    }
    cands.sort_by(|a, b| b.score.total_cmp(&a.score));

    let who = match (speaker, kind, ask.query.roles.first()) {
        (Some(s), _, _) => s.to_string(),
        (None, _, Some(r)) => format!("the {}", r.label()),
        (None, Some(QuoteKind::Inspector), _) => "the inspectorate".to_string(),
        (None, Some(QuoteKind::Response), _) => "the force or its commissioner".to_string(),
        (None, None, _) => "anyone".to_string(),
    };
    let mut b = Builder::new(question, Status::Answered, intent, confidence);
    if let Some(f) = force {
        b.force(f);
    }
    b.title(match (force, intent) {
        (Some(f), Intent::Response) => format!("{} — official response", f.name),
        (Some(f), _) => format!("{} — quotes", f.name),
        (None, _) => format!("Quotes from {who}"),
    });
    if cands.is_empty() {
        let mut s = format!("Our sources hold no quotes from {who}");
        if let Some(f) = force {
            s.push_str(&format!(" about {}", f.name));
        }
        if let Some(c) = ask.cycle {
            s.push_str(&format!(" in {}", ctx.kb.cycles[c].name));
        }
        s.push('.');
        b.say(s);
        b.answer.status = Status::NoMatch;
        if let Some(f) = force {
            b.say(super::fallback::what_we_hold(ctx, f));
            if let Some(ins) = f.latest() {
                if let Some(url) = ins.main_url() {
                    b.cite_page(ctx, url, f, Some(ins), None);
                }
            }
            b.offer(Intent::Improve, f);
        }
        if let Some(p) = speaker {
            b.suggest(format!("What did {p} say?"));
        }
        b.suggest("What did inspectors say about 999 calls?");
        return b.build();
    }
    if let Some(role) = role_missing {
        // The words asked for are not held: not an answer, but the nearest are shown.
        b.answer.status = Status::NoMatch;
        if let Some(f) = force {
            b.offer(Intent::Quote, f);
            b.offer(Intent::Overview, f);
        }
        b.say(format!(
            "Our sources hold no quote from the {} here; these are the nearest:",
            role.label()
        ));
    } else if let Some(y) = year_missing {
        let reported = speaker.map_or(0, |s| reported_words(ctx, &mut b, &force_ids, s, y));
        b.say(if reported > 0 {
            format!("Our sources hold no direct quote dated {y}: first what the report of {y} says the inspectors found, then the nearest quotes:")
        } else {
            format!("Our sources hold no quote dated {y}; these are the nearest:")
        });
    } else if !search.is_empty() && !has_topic_hits {
        b.say("No quote matches those words closely; here are the most recent:");
    }
    // The same words reported by two outlets are shown once.
    let mut shown: Vec<&Candidate> = Vec::new();
    for c in &cands {
        if shown.len() == MAX_QUOTES {
            break;
        }
        if shown.iter().any(|s| {
            s.quote.speaker == c.quote.speaker
                && crate::knowledge::same_sentence(&s.quote.text, &c.quote.text)
        }) {
            continue;
        }
        shown.push(c);
    }
    let total = cands.len();
    let latest = force.and_then(|f| f.latest()).map(|i| i.cycle);
    for c in &shown {
        b.force(c.force);
        b.cycle(ctx.cycle_name(c.ins));
        let mut when = super::quote_when(ctx, c.quote, c.ins);
        if latest.is_some_and(|l| l != c.ins.cycle) {
            when.push_str(", an earlier inspection");
        }
        b.field(
            format!(
                "{}, {} — {}",
                c.quote.speaker,
                c.quote.role,
                c.force.short_name()
            ),
            format!("\"{}\" ({when})", c.quote.text.trim()),
            None,
        );
        b.quote(ctx, c.quote, c.force, c.ins);
    }
    // The inspectorate's words on a topic also draw on findings.
    if !search.is_empty() && kind != Some(QuoteKind::Response) {
        let shown_forces: Vec<usize> = if force_ids.is_empty() {
            shown
                .iter()
                .filter_map(|c| ctx.index.slug_of.get(&c.force.slug).copied())
                .collect()
        } else {
            force_ids.clone()
        };
        let findings = super::topic::matches(
            ctx,
            &search,
            ask.core(),
            &Scope {
                forces: &shown_forces,
                cycle: ask.cycle,
                ..Scope::default()
            },
        );
        let mut n = 0;
        for h in findings {
            let p = &passages.all[h.passage];
            let Kind::Finding(k) = p.kind else { continue };
            let f = &ctx.kb.forces[p.force];
            let ins = p.ins(ctx.kb);
            let fd = &ins.findings[k];
            b.footnote(format!(
                "Finding ({}, {}): {}",
                f.short_name(),
                ctx.cycle_name(ins),
                fd.text
            ));
            b.cite_page(
                ctx,
                &fd.source,
                f,
                Some(ins),
                fd.published.map(|d| d.to_string()),
            );
            n += 1;
            if n == 2 {
                break;
            }
        }
    }
    if total > shown.len() {
        let more = total - shown.len();
        b.footnote(format!(
            "{more} more quote{} in our sources; ask with a topic or a speaker to narrow it down.",
            if more == 1 { "" } else { "s" }
        ));
    }
    b.build()
}

/// What a report says its inspector found, when the inspector's own words
/// of that year are not held: findings of the inspections they led in the
/// year that report the inspector. Returns how many were shown.
fn reported_words(ctx: &Ctx, b: &mut Builder, forces: &[usize], speaker: &str, year: u16) -> usize {
    let mut n = 0;
    for (fi, f) in ctx.kb.forces.iter().enumerate() {
        if !forces.is_empty() && !forces.contains(&fi) {
            continue;
        }
        for ins in &f.inspections {
            let led = ins
                .inspector
                .as_deref()
                .is_some_and(|i| fold(i) == fold(speaker));
            let in_year = match ins.published {
                Some(d) => d.year == year,
                None => ctx.kb.cycles[ins.cycle].years.contains(&year),
            };
            if !led || !in_year {
                continue;
            }
            for fd in ins
                .findings
                .iter()
                .filter(|fd| fold(&fd.text).contains("inspector"))
            {
                b.force(f);
                b.cycle(ctx.cycle_name(ins));
                b.field(
                    format!(
                        "Reported in {} ({}), which {speaker} led",
                        ctx.cycle_name(ins),
                        f.short_name()
                    ),
                    fd.text.trim().to_string(),
                    None,
                );
                b.cite_page(
                    ctx,
                    &fd.source,
                    f,
                    Some(ins),
                    fd.published.map(|d| d.to_string()),
                );
                n += 1;
            }
        }
    }
    n
}

/// "What has Derbyshire got better at?": good grades and progress in findings and quotes.
pub fn strengths(ctx: &Ctx, force: &Force, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let mut b = Builder::new(question, Status::Answered, Intent::Strengths, confidence);
    b.force(force);
    b.title(format!("{} — strengths and progress", force.name));
    let graded = match super::grades::pick(ctx, force, ask) {
        super::grades::Pick::One(i) if !i.grades.is_empty() => Some(i),
        _ => force.inspections.iter().find(|i| !i.grades.is_empty()),
    };
    if let Some(ins) = graded {
        let good: Vec<_> = ins
            .grades
            .iter()
            .filter(|g| g.grade <= crate::knowledge::Grade::Good)
            .collect();
        b.cycle(ctx.cycle_name(ins));
        if good.is_empty() {
            b.say(format!(
                "None of the grades we know from {} is good or outstanding.",
                ctx.inspection_label(ins)
            ));
            let mut best: Vec<_> = ins.grades.iter().collect();
            best.sort_by_key(|g| g.grade);
            if let Some(top) = best.first() {
                b.say(format!(
                    "Its best known grade is {} ({}).",
                    top.grade.lower(),
                    ctx.area_name(ins, top.area).to_lowercase()
                ));
                for g in best.iter().filter(|g| g.grade == top.grade) {
                    b.field(ctx.area_label(ins, g.area), g.grade.label(), Some(g.grade));
                    b.grade(ctx, g, force, ins);
                }
            }
        } else {
            b.say(format!(
                "Graded good or outstanding in {}:",
                ctx.inspection_label(ins)
            ));
            for g in &good {
                b.field(ctx.area_label(ins, g.area), g.grade.label(), Some(g.grade));
                b.grade(ctx, g, force, ins);
            }
        }
    }
    // Rank every quote and finding by how plainly it reports progress.
    enum Shown<'q> {
        Quote(&'q crate::knowledge::Quote, &'q Inspection),
        Page(crate::engine::answer::Citation),
    }
    let mut items: Vec<(u32, String, Shown, &str)> = Vec::new();
    for ins in &force.inspections {
        for q in ins.quotes.iter().filter(|q| q.kind == QuoteKind::Inspector) {
            let score = progress_score(&q.text);
            if score > 0 {
                items.push((
                    score,
                    quote_line(ctx, q, ins),
                    Shown::Quote(q, ins),
                    ctx.cycle_name(ins),
                ));
            }
        }
        for f in &ins.findings {
            let score = progress_score(&f.text);
            if score > 0 {
                items.push((
                    score,
                    format!("Finding ({}): {}", ctx.cycle_name(ins), f.text),
                    Shown::Page(ctx.cite(
                        &f.source,
                        force,
                        Some(ins),
                        f.published.map(|d| d.to_string()),
                    )),
                    ctx.cycle_name(ins),
                ));
            }
        }
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.0));
    for (_, line, shown, cycle) in items.into_iter().take(5) {
        b.footnote(line);
        match shown {
            Shown::Quote(q, ins) => b.quote(ctx, q, force, ins),
            Shown::Page(c) => b.cite(c),
        };
        b.cycle(cycle);
    }
    if b.answer.citations.is_empty() {
        b.say(format!(
            "Our sources say nothing about strengths or progress for {}.",
            force.name
        ));
        b.answer.status = Status::NoMatch;
        if let Some(ins) = force.latest() {
            if let Some(url) = ins.main_url() {
                b.cite_page(ctx, url, force, Some(ins), None);
            }
        }
    }
    b.offer(Intent::Improve, force);
    b.build()
}

/// How plainly a text reports progress: strong phrases count double; text
/// about what still needs doing counts nothing.
fn progress_score(text: &str) -> u32 {
    let t = text.to_lowercase();
    if [
        "needs to improve",
        "need to improve",
        "needed to improve",
        "told to",
        "must improve",
        "still needs",
        "still needed",
        "needs work",
        "needed work",
    ]
    .iter()
    .any(|p| t.contains(p))
        && !t.contains("made improvements")
    {
        return 0;
    }
    const STRONG: &[&str] = &[
        "made improvements",
        "has improved",
        "had improved",
        "improvements in",
        "made progress",
        "good practice",
        "praised",
        "discharged",
        "outstanding",
        "improvement in",
    ];
    const WEAK: &[&str] = &["improve", "progress", "better", "recognise"];
    const NEGATIVE: &[&str] = &[
        "deteriorat",
        "not ",
        "worse",
        "poor",
        "lack",
        "fail",
        "concern",
        "inadequate",
        "backlog",
        "bail",
    ];
    if strong_count(&t, STRONG) == 0 && NEGATIVE.iter().any(|n| t.contains(n)) {
        return 0;
    }
    let strong = strong_count(&t, STRONG);
    let weak = WEAK.iter().filter(|p| t.contains(*p)).count() as u32;
    strong * 2 + weak
}

/// What was asked about a named person we hold no quotes from.
pub fn unknown_speaker(ctx: &Ctx, name: &str, force: Option<&Force>, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::NoMatch, Intent::Quote, 0.8);
    b.title(format!("Quotes from {name}"));
    match force {
        Some(f) => {
            b.force(f);
            b.say(format!(
                "Our sources hold no quotes from {name} about {}.",
                f.name
            ));
            b.say(super::fallback::what_we_hold(ctx, f));
            if let Some(ins) = f.latest() {
                if let Some(url) = ins.main_url() {
                    b.cite_page(ctx, url, f, Some(ins), None);
                }
            }
            b.offer(Intent::Quote, f);
            b.offer(Intent::Response, f);
        }
        None => {
            b.answer.confidence = 0.0;
            b.say(format!("Our sources hold no quotes from {name}. I can quote HM Inspectors and the forces' chief constables and commissioners on PEEL inspections."));
            b.suggest("What did Roy Wilsher say about Derbyshire?");
        }
    }
    b.build()
}

fn strong_count(text: &str, phrases: &[&str]) -> u32 {
    phrases.iter().filter(|p| text.contains(*p)).count() as u32
}
