//! Answers in people's own words: quotes by force, speaker or topic; the
//! force's official response; and what a force has got better at.

use super::{quote_line, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::understand::{CycleRef, Understanding};
use crate::knowledge::{Force, Inspection, Quote, QuoteKind};
use crate::text::fold;

/// How many quotes one answer shows.
const MAX_QUOTES: usize = 3;

struct Candidate<'a> {
    force: &'a Force,
    ins: &'a Inspection,
    quote: &'a Quote,
    score: f32,
}

/// What a quote search is filtered by.
pub struct QuoteFilter<'a> {
    pub force: Option<&'a Force>,
    pub speaker: Option<&'a str>,
    pub kind: Option<QuoteKind>,
    /// Words a response speaker's role must contain ("chief constable", "commissioner").
    pub roles: Vec<&'static str>,
}

/// Quotes matching the filter, ranked by topic and recency.
pub fn quotes(
    ctx: &Ctx,
    filter: &QuoteFilter,
    u: &Understanding,
    question: &str,
    confidence: f32,
    intent: &str,
) -> Answer {
    let mut cands: Vec<Candidate> = Vec::new();
    let forces: Vec<&Force> = match filter.force {
        Some(f) => vec![f],
        None => ctx.kb.forces.iter().collect(),
    };
    for f in &forces {
        for (rank, ins) in f.inspections.iter().enumerate() {
            if let CycleRef::Named(c) = u.cycle {
                if ins.cycle != c {
                    continue;
                }
            }
            for q in &ins.quotes {
                if filter.speaker.is_some_and(|s| fold(s) != fold(&q.speaker)) {
                    continue;
                }
                if filter.kind.is_some_and(|k| k != q.kind) {
                    continue;
                }
                let topic = ctx.index.topic_score(&u.topic_all, &q.text);
                let recency = 0.1 / (rank as f32 + 1.0);
                cands.push(Candidate {
                    force: f,
                    ins,
                    quote: q,
                    score: topic + recency,
                });
            }
        }
    }
    // Roles narrow the list only when some quote has the role asked about.
    let mut role_missing = false;
    if !filter.roles.is_empty() {
        let has_role = |q: &Quote| {
            let r = q.role.to_lowercase();
            filter.roles.iter().any(|want| r.contains(want))
        };
        if cands.iter().any(|c| has_role(c.quote)) {
            cands.retain(|c| has_role(c.quote));
        } else if !cands.is_empty() {
            role_missing = true;
        }
    }
    let has_topic_hits = !u.topic_all.is_empty() && cands.iter().any(|c| c.score >= 0.2);
    // Asked about a topic no quote covers: what the findings say, if they cover it.
    if !u.topic_all.is_empty()
        && !has_topic_hits
        && filter.speaker.is_none()
        && filter.roles.is_empty()
    {
        let pool: Vec<&Force> = forces.clone();
        if super::topic::has_matches(ctx, &pool, &u.topic_all) {
            let mut a = super::topic::about(
                ctx,
                filter.force,
                &u.topic_all,
                &crate::engine::topic_label(question, u),
                question,
                confidence * 0.9,
            );
            // A quote was asked for: add the most recent one too, labelled as such.
            if let (Some(_), Some(c)) = (
                filter.force,
                cands.iter().max_by(|a, b| a.score.total_cmp(&b.score)),
            ) {
                if !a
                    .citations
                    .iter()
                    .any(|x| x.quote.as_deref() == Some(c.quote.text.as_str()))
                {
                    a.fields.push(crate::engine::answer::Field {
                        name: format!("Quote: {}, {}", c.quote.speaker, c.quote.role),
                        value: format!("\"{}\" ({})", c.quote.text.trim(), ctx.cycle_name(c.ins)),
                        grade: None,
                    });
                    a.text.push_str(&format!(
                        "\n• Quote: {}, {}: \"{}\"",
                        c.quote.speaker,
                        c.quote.role,
                        c.quote.text.trim()
                    ));
                    a.citations.push(ctx.cite_quote(c.quote, c.force, c.ins));
                }
            }
            return a;
        }
    }
    if has_topic_hits {
        cands.retain(|c| c.score >= 0.2);
    }
    cands.sort_by(|a, b| b.score.total_cmp(&a.score));

    let who = match (filter.speaker, filter.kind) {
        (Some(s), _) => s.to_string(),
        (None, Some(QuoteKind::Inspector)) => "the inspectorate".to_string(),
        (None, Some(QuoteKind::Response)) => "the force or its commissioner".to_string(),
        (None, None) => "anyone".to_string(),
    };
    let about = filter.force.map(|f| f.name.clone());
    let mut b = Builder::new(question, Status::Answered, intent, confidence);
    if let Some(f) = filter.force {
        b.force(f);
    }
    b.title(match (&about, intent) {
        (Some(f), "response") => format!("{f} — official response"),
        (Some(f), _) => format!("{f} — quotes"),
        (None, _) => format!("Quotes from {who}"),
    });
    if cands.is_empty() {
        let mut s = format!("Our sources hold no quotes from {who}");
        if let Some(f) = &about {
            s.push_str(&format!(" about {f}"));
        }
        if let CycleRef::Named(c) = u.cycle {
            s.push_str(&format!(" in {}", ctx.kb.cycles[c].name));
        }
        s.push('.');
        b.say(s);
        if let Some(f) = filter.force {
            if let Some(ins) = f.latest() {
                if let Some(url) = ins.main_url() {
                    b.cite(ctx.cite(url, f, Some(ins), None));
                }
            }
            b.suggest(format!("What does {} need to improve?", f.short_name()));
        }
        return b.build();
    }
    if role_missing {
        b.say(format!(
            "Our sources hold no quote from the {} here; these are the nearest:",
            filter
                .roles
                .first()
                .copied()
                .unwrap_or("person asked about")
        ));
    } else if !u.topic_all.is_empty() && !has_topic_hits {
        b.say("No quote matches those words closely; here are the most recent:");
    }
    // The same words reported by two outlets are shown once.
    let mut shown: Vec<&Candidate> = Vec::new();
    for c in &cands {
        if shown.len() == MAX_QUOTES {
            break;
        }
        if shown
            .iter()
            .any(|s| s.quote.speaker == c.quote.speaker && same_words(&s.quote.text, &c.quote.text))
        {
            continue;
        }
        shown.push(c);
    }
    let total = cands.len();
    for c in shown {
        b.force(c.force);
        b.cycle(ctx.cycle_name(c.ins));
        let when = match c.quote.published.or(c.ins.published) {
            Some(d) => format!("{}, {}", ctx.cycle_name(c.ins), d.long()),
            None => ctx.cycle_name(c.ins).to_string(),
        };
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
        b.cite(ctx.cite_quote(c.quote, c.force, c.ins));
    }
    // Inspectors' topic questions also draw on findings.
    if !u.topic_all.is_empty() && filter.kind != Some(QuoteKind::Response) {
        let shown_forces: Vec<String> = b.answer.forces.clone();
        for f in forces
            .iter()
            .filter(|f| filter.force.is_some() || shown_forces.contains(&f.slug))
        {
            for ins in &f.inspections {
                for fd in &ins.findings {
                    if ctx.index.topic_score(&u.topic_all, &fd.text) >= 0.5
                        && b.answer.footnote.lines().count() < 2
                    {
                        b.footnote(format!(
                            "Finding ({}, {}): {}",
                            f.short_name(),
                            ctx.cycle_name(ins),
                            fd.text
                        ));
                        b.cite(ctx.cite(
                            &fd.source,
                            f,
                            Some(ins),
                            fd.published.map(|d| d.to_string()),
                        ));
                        b.force(f);
                    }
                }
            }
        }
    }
    if total > MAX_QUOTES {
        b.footnote(format!(
            "{} more quote{} in our sources; ask with a topic or a speaker to narrow it down.",
            total - MAX_QUOTES,
            if total - MAX_QUOTES == 1 { "" } else { "s" }
        ));
    }
    b.build()
}

/// "What has Derbyshire got better at?": good grades and progress in findings and quotes.
pub fn strengths(ctx: &Ctx, force: &Force, question: &str, confidence: f32) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "strengths", confidence);
    b.force(force);
    b.title(format!("{} — strengths and progress", force.name));
    if let Some(ins) = force.inspections.iter().find(|i| !i.grades.is_empty()) {
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
        } else {
            b.say(format!(
                "Graded good or outstanding in {}:",
                ctx.inspection_label(ins)
            ));
            for g in &good {
                b.field(ctx.area_label(ins, g.area), g.grade.label(), Some(g.grade));
                b.cite(ctx.cite(&g.source, force, Some(ins), None));
            }
        }
    }
    // Rank every quote and finding by how plainly it reports progress.
    let mut items: Vec<(u32, String, crate::engine::answer::Citation, &str)> = Vec::new();
    for ins in &force.inspections {
        for q in ins.quotes.iter().filter(|q| q.kind == QuoteKind::Inspector) {
            let score = progress_score(&q.text);
            if score > 0 {
                items.push((
                    score,
                    quote_line(ctx, q, ins),
                    ctx.cite_quote(q, force, ins),
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
                    ctx.cite(
                        &f.source,
                        force,
                        Some(ins),
                        f.published.map(|d| d.to_string()),
                    ),
                    ctx.cycle_name(ins),
                ));
            }
        }
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.0));
    for (_, line, cite, cycle) in items.into_iter().take(5) {
        b.footnote(line);
        b.cite(cite);
        b.cycle(cycle);
    }
    if b.answer.citations.is_empty() {
        b.say(format!(
            "Our sources say nothing about strengths or progress for {}.",
            force.name
        ));
        if let Some(ins) = force.latest() {
            if let Some(url) = ins.main_url() {
                b.cite(ctx.cite(url, force, Some(ins), None));
            }
        }
    }
    b.suggest(format!("What does {} need to improve?", force.short_name()));
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

/// True when two quotes share nearly all their words (one outlet's "I do not" is another's "I don't").
fn same_words(a: &str, b: &str) -> bool {
    let wa: std::collections::BTreeSet<String> = fold(a).split(' ').map(str::to_string).collect();
    let wb: std::collections::BTreeSet<String> = fold(b).split(' ').map(str::to_string).collect();
    let common = wa.intersection(&wb).count();
    common * 10 >= wa.len().max(wb.len()) * 8
}

/// What was asked about a named person we hold no quotes from.
pub fn unknown_speaker(ctx: &Ctx, name: &str, force: Option<&Force>, question: &str) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "quote", 0.8);
    b.title(format!("Quotes from {name}"));
    match force {
        Some(f) => {
            b.force(f);
            b.say(format!(
                "Our sources hold no quotes from {name} about {}.",
                f.name
            ));
            if let Some(ins) = f.latest() {
                if let Some(url) = ins.main_url() {
                    b.cite(ctx.cite(url, f, Some(ins), None));
                }
            }
            b.suggest(format!(
                "What did the inspector say about {}?",
                f.short_name()
            ));
            b.suggest(format!(
                "How did {} respond to the inspection?",
                f.short_name()
            ));
        }
        None => {
            b.answer.status = Status::NoMatch;
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
