//! Answers about one force's grades: areas to improve, one area's grade,
//! all grades, strengths and change between cycles.

use super::{Ask, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::Intent;
use crate::engine::query::When;
use crate::knowledge::{AreaGrade, Force, Grade, Inspection};

/// Which inspection a question is about.
pub enum Pick<'a> {
    One(&'a Inspection),
    /// The named cycle has no entry for this force.
    NoEntry(usize),
    /// A year that fits several inspections, or none.
    Ambiguous(u16, Vec<&'a Inspection>),
}

/// The inspection a question means: a named cycle or year, the previous
/// one, else the most recent.
pub fn pick<'a>(ctx: &Ctx, force: &'a Force, ask: &Ask) -> Pick<'a> {
    if let Some(c) = ask.cycle {
        return match force.inspection(c) {
            Some(i) => Pick::One(i),
            None => Pick::NoEntry(c),
        };
    }
    match ask.when() {
        When::Previous => {
            if let Some(i) = force.inspections.get(1) {
                return Pick::One(i);
            }
        }
        When::Year(year) => {
            let year = *year;
            // A dated publication in that year wins over an undated cycle that spans it.
            let dated: Vec<&Inspection> = force
                .inspections
                .iter()
                .filter(|i| i.published.is_some_and(|d| d.year == year))
                .collect();
            let fits: Vec<&Inspection> = if dated.len() == 1 {
                dated
            } else {
                force
                    .inspections
                    .iter()
                    .filter(|i| match i.published {
                        Some(d) => d.year == year,
                        None => ctx.kb.cycles[i.cycle].years.contains(&year),
                    })
                    .collect()
            };
            return if fits.len() == 1 {
                Pick::One(fits[0])
            } else {
                Pick::Ambiguous(year, fits)
            };
        }
        _ => {}
    }
    match force.latest() {
        Some(i) => Pick::One(i),
        None => Pick::NoEntry(0),
    }
}

/// The answer for a pick that is not a single inspection.
pub fn unpicked(
    ctx: &Ctx,
    force: &Force,
    pick: &Pick,
    u_intent: Intent,
    question: &str,
    template: &dyn Fn(&str) -> String,
) -> Option<Answer> {
    match pick {
        Pick::One(_) => None,
        Pick::NoEntry(c) => {
            let mut b = Builder::new(question, Status::NoMatch, u_intent, 0.9);
            b.force(force);
            b.title(format!("{} — {}", force.name, ctx.kb.cycles[*c].name));
            b.say(format!(
                "Our sources have no {} inspection of {}.",
                ctx.kb.cycles[*c].name, force.name
            ));
            let have: Vec<String> = force
                .inspections
                .iter()
                .map(|i| ctx.cycle_name(i).to_string())
                .collect();
            if !have.is_empty() {
                b.say(format!("We have: {}.", have.join(", ")));
            }
            for i in &force.inspections {
                if let Some(url) = i.main_url() {
                    b.cite_page(ctx, url, force, Some(i), None);
                }
                offer_cycle(ctx, &mut b, force, i, u_intent, template);
            }
            Some(b.build())
        }
        Pick::Ambiguous(year, fits) => {
            let mut b = Builder::new(question, Status::Clarify, u_intent, 0.5);
            b.force(force);
            let list: Vec<&Inspection> = if fits.is_empty() {
                force.inspections.iter().collect()
            } else {
                fits.clone()
            };
            if fits.is_empty() {
                b.say(format!(
                    "No inspection of {} in our sources matches {year}. Which one do you mean?",
                    force.name
                ));
            } else {
                b.say(format!(
                    "More than one inspection of {} fits {year}. Which one do you mean?",
                    force.name
                ));
            }
            for i in list {
                let when = match i.published {
                    Some(d) => format!("published {}", d.long()),
                    None => "publication date not in our sources".to_string(),
                };
                b.field(ctx.cycle_name(i), when, None);
                offer_cycle(ctx, &mut b, force, i, u_intent, template);
                if let Some(url) = i.main_url() {
                    b.cite_page(ctx, url, force, Some(i), None);
                }
            }
            Some(b.build())
        }
    }
}

/// Offers the same question about one inspection of the force.
fn offer_cycle(
    ctx: &Ctx,
    b: &mut Builder,
    force: &Force,
    ins: &Inspection,
    intent: Intent,
    template: &dyn Fn(&str) -> String,
) {
    let label = template(&format!("{} {}", force.short_name(), ctx.cycle_name(ins)));
    let query = crate::engine::query::Query {
        when: When::Cycle(ctx.kb.cycles[ins.cycle].id.clone()),
        ..crate::engine::query::Query::new(intent).with_force(force.slug.clone())
    };
    b.offer_query(label, query);
}

/// A grade as a field's value. The source's own wording of the area is
/// kept on the grade row and shown on its source line, not here.
fn grade_value(g: &AreaGrade) -> &'static str {
    g.grade.label()
}

fn cite_grades(ctx: &Ctx, b: &mut Builder, force: &Force, ins: &Inspection, grades: &[&AreaGrade]) {
    for g in grades {
        b.grade(ctx, g, force, ins);
    }
    if let Some(url) = &ins.report_url {
        b.cite_page(ctx, url, force, Some(ins), None);
    }
}

/// The curators' notes on the force and the inspection, kept apart.
fn add_note(b: &mut Builder, force: &Force, ins: &Inspection, ctx: &Ctx) {
    if let Some(note) = &force.note {
        b.note(ctx, force, None, note);
    }
    if let Some(note) = &ins.note {
        b.note(ctx, force, Some(ins), note);
    }
}

/// "What does Derbyshire need to improve?"
pub fn improve(ctx: &Ctx, force: &Force, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let explicit = ask.names_inspection();
    let template = |f: &str| format!("What does {f} need to improve?");
    let ins = if explicit {
        let p = pick(ctx, force, ask);
        if let Some(a) = unpicked(ctx, force, &p, Intent::Improve, question, &template) {
            return a;
        }
        match p {
            Pick::One(i) => Some(i),
            _ => None,
        }
    } else {
        force
            .inspections
            .iter()
            .find(|i| !i.grades.is_empty() || !i.grade_counts.is_empty())
    };
    let mut b = Builder::new(question, Status::Answered, Intent::Improve, confidence);
    b.force(force);
    b.title(format!("{} — areas to improve", force.name));
    if !explicit {
        if let Some(latest) = force.latest() {
            if latest.grades.is_empty() && latest.grade_counts.is_empty() {
                b.say(format!(
                    "No grades from the most recent inspection ({}) are in our sources.",
                    ctx.cycle_name(latest)
                ));
                if let Some(url) = latest.main_url() {
                    b.cite_page(ctx, url, force, Some(latest), None);
                }
                if ins.is_some() {
                    b.say("The latest inspection with grades we have is older:");
                }
            }
        }
    }
    let Some(ins) = ins else {
        b.say(format!(
            "Our sources have no grades for any inspection of {}.",
            force.name
        ));
        add_findings(ctx, &mut b, force, force.latest(), 3);
        return b.build();
    };
    b.cycle(ctx.cycle_name(ins));
    let mut weak: Vec<&AreaGrade> = ins
        .grades
        .iter()
        .filter(|g| g.grade.needs_improvement())
        .collect();
    let counted_weak: u32 = [Grade::RequiresImprovement, Grade::Inadequate]
        .iter()
        .filter_map(|g| ctx.count_of(ins, *g))
        .sum();
    if weak.is_empty() && counted_weak > 0 {
        b.say(format!(
            "In {}, the inspectorate graded {} area{} of {} requires improvement or inadequate ({}), but our sources do not name {}.",
            ctx.inspection_label(ins),
            counted_weak,
            if counted_weak == 1 { "" } else { "s" },
            force.name,
            ctx.counts_list(ins),
            if counted_weak == 1 { "it" } else { "them" }
        ));
        if let Some(url) = ins.counts_source.as_deref().or(ins.main_url()) {
            b.cite_page(ctx, url, force, Some(ins), None);
        }
        if ins.grades.is_empty() {
            // Named grades may exist in an older inspection: show them, labelled.
            if let Some(older) = force
                .inspections
                .iter()
                .find(|o| o.cycle > ins.cycle && !o.grades.is_empty())
            {
                let mut old_weak: Vec<&AreaGrade> = older
                    .grades
                    .iter()
                    .filter(|g| g.grade.needs_improvement())
                    .collect();
                old_weak.sort_by_key(|g| std::cmp::Reverse(g.grade));
                if !old_weak.is_empty() {
                    b.say(format!("The most recent named grades of requires improvement or inadequate are older, from {}:", ctx.inspection_label(older)));
                    for g in &old_weak {
                        b.field(
                            format!(
                                "{} ({})",
                                ctx.area_label(older, g.area),
                                ctx.cycle_name(older)
                            ),
                            grade_value(g),
                            Some(g.grade),
                        );
                    }
                    b.cycle(ctx.cycle_name(older));
                    cite_grades(ctx, &mut b, force, older, &old_weak);
                    b.footnote("HMICFRS warns that grades from different cycles cannot be compared directly.");
                }
            }
        }
        add_findings(ctx, &mut b, force, Some(ins), 3);
        b.offer(Intent::Overview, force);
        return b.build();
    }
    weak.sort_by_key(|g| std::cmp::Reverse(g.grade));
    if weak.is_empty() {
        b.say(format!(
            "In {}, none of the grades we know for {} is \"requires improvement\" or \"inadequate\".",
            ctx.inspection_label(ins),
            force.name
        ));
    } else {
        if counted_weak as usize > weak.len() {
            b.say(format!(
                "The inspectorate graded {counted_weak} areas requires improvement or inadequate; our sources name {} of them.",
                weak.len()
            ));
        }
        b.headline(ctx.verdict(force, ins));
        b.say(format!(
            "The area{} graded requires improvement or inadequate{}:",
            if weak.len() == 1 { "" } else { "s" },
            if weak.len() == 1 { "" } else { ", worst first" }
        ));
        for g in &weak {
            b.field(ctx.area_label(ins, g.area), grade_value(g), Some(g.grade));
        }
    }
    if let Some(s) = ctx.coverage_sentence(ins) {
        b.footnote(s);
    }
    for c in &ins.concerns {
        add_concern(ctx, &mut b, force, ins, c);
    }
    cite_grades(ctx, &mut b, force, ins, &weak);
    add_note(&mut b, force, ins, ctx);
    add_findings(ctx, &mut b, force, Some(ins), 3);
    inspector_words(ctx, &mut b, force, ins, Intent::Improve);
    b.offer(Intent::Overview, force);
    b.offer(Intent::Response, force);
    b.build()
}

/// A cause of concern or area for improvement as a cited footnote:
/// "Cause of concern (PEEL 2021/22): …".
fn add_concern(
    ctx: &Ctx,
    b: &mut Builder,
    force: &Force,
    ins: &Inspection,
    c: &crate::knowledge::Concern,
) {
    b.footnote(format!(
        "{} ({}): {}",
        super::capitalise(c.kind.label()),
        ctx.cycle_name(ins),
        c.text
    ));
    b.cite_page(ctx, &c.source, force, Some(ins), None);
}

/// "Key findings", "what did they find": the inspection's findings in the
/// order the sources give them, those an outlet named printed first.
fn key_findings(
    ctx: &Ctx,
    b: &mut Builder,
    force: &Force,
    ins: &Inspection,
    outlet: Option<&str>,
    max: usize,
) {
    let printed = |f: &&crate::knowledge::Finding| {
        outlet.is_some_and(|o| ctx.kb.outlet_for(&f.source).map(|x| x.name.as_str()) == Some(o))
    };
    let mut findings: Vec<&crate::knowledge::Finding> = ins.findings.iter().collect();
    findings.sort_by_key(|f| !printed(f));
    for f in findings.into_iter().take(max) {
        add_finding(ctx, b, force, ins, f);
    }
}

/// A finding as a cited footnote: "Finding (PEEL 2021/22): …".
fn add_finding(
    ctx: &Ctx,
    b: &mut Builder,
    force: &Force,
    ins: &Inspection,
    f: &crate::knowledge::Finding,
) {
    b.footnote(format!("Finding ({}): {}", ctx.cycle_name(ins), f.text));
    b.cite_page(
        ctx,
        &f.source,
        force,
        Some(ins),
        f.published.map(|d| d.to_string()),
    );
}

/// Findings that read like things to fix, as supporting detail.
fn add_findings(ctx: &Ctx, b: &mut Builder, force: &Force, ins: Option<&Inspection>, max: usize) {
    let Some(ins) = ins else { return };
    const CUES: &[&str] = &[
        "improve",
        "told to",
        "must",
        "needs",
        "needed",
        "need to",
        "not always",
        "lacking",
        "concern",
        "backlog",
        "inadequate",
        "requires improvement",
        "too long",
        "poor",
        "failed",
        "fell short",
        "not consistently",
    ];
    let mut n = 0;
    for f in &ins.findings {
        let lower = f.text.to_lowercase();
        let praise = ["commended", "praised", "good practice", "outstanding"]
            .iter()
            .any(|p| lower.contains(p));
        if CUES.iter().any(|c| lower.contains(c)) && !praise {
            b.footnote(format!("Finding: {}", f.text));
            b.cite_page(
                ctx,
                &f.source,
                force,
                Some(ins),
                f.published.map(|d| d.to_string()),
            );
            n += 1;
            if n == max {
                break;
            }
        }
    }
}

/// "How was Kent graded for recording crime in 2021/22?"
pub fn grade(ctx: &Ctx, force: &Force, family: usize, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let fam = &ctx.index.families[family];
    let template = |f: &str| format!("How was {f} graded for {}?", fam.name.to_lowercase());
    let p = pick(ctx, force, ask);
    let ins = match p {
        Pick::One(i) => i,
        other => {
            return unpicked(ctx, force, &other, Intent::Grade, question, &template)
                .unwrap_or_else(|| overview(ctx, force, ask))
        }
    };
    let mut b = Builder::new(question, Status::Answered, Intent::Grade, confidence);
    b.force(force);
    b.cycle(ctx.cycle_name(ins));
    let area = fam.per_cycle[ins.cycle];
    let area_name = area.map(|a| ctx.area_name(ins, a)).unwrap_or(&fam.name);
    b.title(format!("{} — {}", force.name, area_name));
    let found: Vec<&AreaGrade> = area
        .map(|a| ins.grades_for(a).collect())
        .unwrap_or_default();
    if !found.is_empty() {
        if found.len() == 1 {
            b.say(format!(
                "{} was graded {} for {} in {}.",
                force.name,
                found[0].grade.lower(),
                area_name.to_lowercase(),
                ctx.inspection_label(ins)
            ));
        } else {
            b.say(format!(
                "{} got {} grades for {} in {}, as the sources split the area:",
                force.name,
                found.len(),
                area_name.to_lowercase(),
                ctx.inspection_label(ins)
            ));
        }
        // One grade: the area's own name. A source that split the area
        // into two grades is the only place its wording tells them apart.
        for g in &found {
            let name = if found.len() == 1 {
                ctx.area_label(ins, g.area)
            } else {
                g.wording.clone()
            };
            b.field(name, g.grade.label(), Some(g.grade));
        }
        cite_grades(ctx, &mut b, force, ins, &found);
    } else {
        match area {
            None => b.say(format!(
                "{} did not grade an area called {} for any force.",
                ctx.cycle_name(ins),
                fam.name.to_lowercase()
            )),
            Some(_) => b.say(format!(
                "The {} grade for {} is not in our sources.",
                ctx.cycle_name(ins).trim_start_matches("PEEL "),
                area_name.to_lowercase()
            )),
        };
        if let Some(s) = ctx.coverage_sentence(ins) {
            b.say(s);
        }
        if let Some(url) = ins.main_url() {
            b.cite_page(ctx, url, force, Some(ins), None);
        }
        // The most recent older grade, labelled with its cycle.
        let older = force
            .inspections
            .iter()
            .filter(|o| o.cycle > ins.cycle)
            .find_map(|o| {
                let a = fam.per_cycle[o.cycle]?;
                let gs: Vec<&AreaGrade> = o.grades_for(a).collect();
                (!gs.is_empty()).then_some((o, gs))
            });
        match older {
            Some((o, gs)) => {
                b.say(format!(
                    "The most recent older grade we have is from {}:",
                    ctx.inspection_label(o)
                ));
                for g in &gs {
                    let name = if gs.len() == 1 {
                        ctx.area_label(o, g.area)
                    } else {
                        g.wording.clone()
                    };
                    b.field(
                        format!("{name} ({})", ctx.cycle_name(o)),
                        g.grade.label(),
                        Some(g.grade),
                    );
                }
                b.cycle(ctx.cycle_name(o));
                cite_grades(ctx, &mut b, force, o, &gs);
                b.footnote(
                    "HMICFRS warns that grades from different cycles cannot be compared directly.",
                );
            }
            None => {
                b.say("No older grade for this area is in our sources either.");
            }
        }
    }
    if !found.is_empty() {
        if let Some(s) = ctx.coverage_sentence(ins) {
            b.footnote(s);
        }
    }
    add_note(&mut b, force, ins, ctx);
    supporting(ctx, &mut b, force, ins, ask, 2);
    b.offer(Intent::Improve, force);
    b.offer(Intent::Overview, force);
    b.build()
}

/// What the sources say about the asker's words, beside a structured answer
/// ("is Derbyshire any good at protecting children online": the grade, and
/// the inspector's words on children online), at most `max`, most specific
/// description first, latest inspection first.
fn supporting(ctx: &Ctx, b: &mut Builder, force: &Force, ins: &Inspection, ask: &Ask, max: usize) {
    let Some(&fi) = ctx.index.slug_of.get(&force.slug) else {
        return;
    };
    let search = ask.search();
    // Only words beyond the area's own names narrow it ("children online",
    // "missing people"): the names alone would match every passage on the area.
    let names: &[String] = ask
        .family
        .map(|fam| ctx.index.families[fam].name_stems.as_slice())
        .unwrap_or(&[]);
    let beyond: Vec<String> = ask
        .asked_area
        .iter()
        .filter(|s| !names.contains(s))
        .cloned()
        .collect();
    let cores: Vec<&[String]> = [ask.topic.as_slice(), beyond.as_slice()]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
    let find = |cycle: Option<usize>| {
        let scope = crate::engine::passages::Scope {
            forces: &[fi],
            cycle,
            ..Default::default()
        };
        cores
            .iter()
            .map(|core| super::topic::matches(ctx, &search, core, &scope))
            .find(|h| !h.is_empty())
    };
    // The graded inspection's own words first; with no inspection named,
    // an earlier one's, labelled with its cycle ("failed to record 20,000
    // crimes" was found in 2021/22).
    let hits = find(Some(ins.cycle)).or_else(|| {
        if ask.names_inspection() {
            None
        } else {
            find(None)
        }
    });
    let Some(hits) = hits else {
        return;
    };
    for h in hits.into_iter().take(max) {
        add_passage(ctx, b, force, h.passage);
    }
}

/// One passage of a force, verbatim with its cycle, and its citation.
fn add_passage(ctx: &Ctx, b: &mut Builder, force: &Force, passage: usize) {
    let p = &ctx.index.passages.all[passage];
    let ins = p.ins(ctx.kb);
    match p.kind {
        crate::engine::passages::Kind::Quote(k) => {
            let q = &ins.quotes[k];
            b.footnote(super::quote_line(ctx, q, ins));
            b.quote(ctx, q, force, ins);
        }
        crate::engine::passages::Kind::Finding(k) => {
            add_finding(ctx, b, force, ins, &ins.findings[k]);
        }
        crate::engine::passages::Kind::Concern(k) => {
            add_concern(ctx, b, force, ins, &ins.concerns[k]);
        }
    }
}

/// The inspectorate's own words in this inspection on what an intent asks
/// ("It should answer 999 and 101 calls faster…" for what must improve):
/// its quote best matching the intent's cue words, if one holds any.
fn inspector_words(ctx: &Ctx, b: &mut Builder, force: &Force, ins: &Inspection, intent: Intent) {
    let Some(&fi) = ctx.index.slug_of.get(&force.slug) else {
        return;
    };
    let scope = crate::engine::passages::Scope {
        forces: &[fi],
        cycle: Some(ins.cycle),
        kind: Some(crate::knowledge::QuoteKind::Inspector),
        ..Default::default()
    };
    let hit = ctx
        .index
        .passages
        .search(ctx.kb, intent.cue_stems(), &scope)
        .into_iter()
        .next();
    if let Some(h) = hit {
        add_passage(ctx, b, force, h.passage);
    }
}

/// What the sources say about how the force changed, beside the grade
/// table ("the force has made significant improvements since we last
/// inspected"): the force's passages best matching the change words and the
/// asker's own ("better at protecting children online"), any cycle, at most two.
fn progress(ctx: &Ctx, b: &mut Builder, force: &Force, ask: &Ask) {
    let Some(&fi) = ctx.index.slug_of.get(&force.slug) else {
        return;
    };
    let change = Intent::Change.cue_stems();
    let asked = ask.search();
    let mut stems: Vec<String> = asked.clone();
    stems.extend(change.iter().filter(|s| !asked.contains(s)).cloned());
    let scope = crate::engine::passages::Scope {
        forces: &[fi],
        cycle: ask.cycle,
        ..Default::default()
    };
    let topic = ask.core();
    let hits = ctx.index.passages.search(ctx.kb, &stems, &scope);
    let about = |h: &&crate::engine::passages::Hit| {
        let p = &ctx.index.passages.all[h.passage];
        let holds = |s: &String| p.stems.binary_search(s).is_ok();
        // The inspectorate judges change; a force's own claims are its response.
        p.quote_kind(ctx.kb) != Some(crate::knowledge::QuoteKind::Response)
            && change.iter().any(holds)
            && (topic.is_empty() || topic.iter().any(holds))
    };
    let Some(best) = hits.iter().find(about).map(|h| h.score) else {
        return;
    };
    let mut chosen: Vec<usize> = hits
        .iter()
        .filter(about)
        .take_while(|h| h.score >= 0.5 * best)
        .take(2)
        .map(|h| h.passage)
        .collect();
    // Latest inspection first, as the grade table reads to its newest cycle.
    chosen.sort_by_key(|&p| ctx.index.passages.all[p].inspection);
    for p in chosen {
        add_passage(ctx, b, force, p);
    }
}

/// Every grade of one inspection of a force: the one asked about, else the
/// latest with grades, with one line on what each other inspection holds.
pub fn overview(ctx: &Ctx, force: &Force, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let q = ask.query;
    if let Some(g) = q.grade {
        // "Which areas was Kent graded good in?": those areas.
        if !q.qualifiers.balance && !q.qualifiers.negated && !ask.names_inspection() {
            return super::topic::areas_with_grade(ctx, force, g, question, confidence);
        }
    }
    let explicit = !matches!(ask.when(), When::Unspecified);
    let template = |f: &str| format!("All grades for {f}");
    let ins = if explicit {
        let p = pick(ctx, force, ask);
        if let Some(a) = unpicked(ctx, force, &p, Intent::Overview, question, &template) {
            return a;
        }
        match p {
            Pick::One(i) => Some(i),
            _ => None,
        }
    } else {
        // The latest inspection known to be graded, else the latest.
        force
            .inspections
            .iter()
            .find(|i| {
                !i.grades.is_empty() || !i.grade_counts.is_empty() || i.areas_graded.is_some()
            })
            .or(force.latest())
    };
    let mut b = Builder::new(question, Status::Answered, Intent::Overview, confidence);
    b.force(force);
    b.title(format!("{} — PEEL grades", force.name));
    let Some(ins) = ins else {
        b.headline(format!(
            "{}: no PEEL inspection is in our sources",
            force.name
        ));
        return b.build();
    };
    b.headline(ctx.verdict(force, ins));
    b.cycle(ctx.cycle_name(ins));
    match &ins.inspector {
        Some(name) => b.say(format!(
            "The {} inspection was led by {name}.",
            ctx.cycle_name(ins)
        )),
        None => b.say(format!(
            "Our sources do not name who led the {} inspection.",
            ctx.cycle_name(ins)
        )),
    };
    if !explicit && force.latest().is_some_and(|l| l.cycle != ins.cycle) {
        b.say(format!(
            "No grades from the most recent inspection ({}) are in our sources, so these are from the one before.",
            force.latest().map(|l| ctx.cycle_name(l)).unwrap_or_default()
        ));
    }
    let mut grades: Vec<&AreaGrade> = ins.grades.iter().collect();
    grades.sort_by_key(|g| g.area);
    for g in &grades {
        b.field(ctx.area_label(ins, g.area), grade_value(g), Some(g.grade));
    }
    // With no grade held, the headline already says so.
    if let Some(s) = ctx
        .coverage_sentence(ins)
        .filter(|_| !grades.is_empty() || !ins.grade_counts.is_empty())
    {
        b.footnote(s);
    }
    cite_grades(ctx, &mut b, force, ins, &grades);
    if grades.is_empty() {
        if let Some(url) = ins.counts_source.as_deref().or(ins.main_url()) {
            b.cite_page(ctx, url, force, Some(ins), None);
        }
    }
    add_note(&mut b, force, ins, ctx);
    if q.qualifiers.findings {
        key_findings(ctx, &mut b, force, ins, ask.outlet, 3);
    }
    // One line per other inspection: what it holds, and how to ask for it.
    for other in force.inspections.iter().filter(|o| o.cycle != ins.cycle) {
        b.footnote(other_inspection(ctx, other, ins, explicit));
        if ins.grades.is_empty() {
            for g in &other.grades {
                b.grade(ctx, g, force, other);
            }
        }
        if let Some(url) = other.main_url() {
            b.cite_page(ctx, url, force, Some(other), None);
        }
        offer_cycle(ctx, &mut b, force, other, Intent::Overview, &template);
    }
    b.offer(Intent::Improve, force);
    b.offer(Intent::Quote, force);
    b.build()
}

/// "Also in our sources: PEEL 2021/22 (published 25 November 2022, led by
/// Roy Wilsher), 5 grades. HMICFRS warns …": what another inspection holds.
/// When the asker named the inspection shown, the other is called newer or
/// older rather than named, so the answer stays on what was asked (the
/// suggestion to ask for it names it).
fn other_inspection(ctx: &Ctx, ins: &Inspection, shown: &Inspection, asked: bool) -> String {
    let mut about = vec![];
    if let Some(d) = ins.published {
        about.push(format!("published {}", d.long()));
    }
    if let Some(n) = &ins.inspector {
        about.push(format!("led by {n}"));
    }
    let facts = about.join(", ");
    let known = ins.known_areas();
    let mut holds = match (known, ins.grade_counts.is_empty()) {
        (0, true) => "no grades".to_string(),
        (0, false) => format!("the inspectorate's counts only ({})", ctx.counts_list(ins)),
        (1, _) => "1 grade".to_string(),
        (n, _) => format!("{n} grades"),
    };
    // The answer names no grade of its own: name these, in the one line.
    if shown.grades.is_empty() && !ins.grades.is_empty() {
        let mut named: Vec<&AreaGrade> = ins.grades.iter().collect();
        named.sort_by_key(|g| std::cmp::Reverse(g.grade));
        let list: Vec<String> = named
            .iter()
            .map(|g| {
                format!(
                    "{} {}",
                    ctx.area_name(ins, g.area).to_lowercase(),
                    g.grade.lower()
                )
            })
            .collect();
        holds.push_str(&format!(" ({})", list.join("; ")));
    }
    let caveat = if known > 0 || !ins.grade_counts.is_empty() {
        " HMICFRS warns that grades from different cycles cannot be compared directly."
    } else {
        ""
    };
    if asked {
        let which = if ins.cycle < shown.cycle {
            "a newer"
        } else {
            "an earlier"
        };
        let about = if facts.is_empty() {
            String::new()
        } else {
            format!(", {facts}")
        };
        return format!("Our sources also hold {which} inspection{about}: {holds}.{caveat}");
    }
    let about = if facts.is_empty() {
        String::new()
    } else {
        format!(" ({facts})")
    };
    format!(
        "Also in our sources: {}{about}, {holds}.{caveat}",
        ctx.cycle_name(ins)
    )
}

/// "Has Derbyshire improved since 2021/22?": grades per area across cycles.
pub fn change(ctx: &Ctx, force: &Force, ask: &Ask) -> Answer {
    let (question, confidence) = (ask.question, ask.confidence);
    let mut b = Builder::new(question, Status::Answered, Intent::Change, confidence);
    b.force(force);
    b.title(format!("{} — change between inspections", force.name));
    let graded: Vec<&Inspection> = force
        .inspections
        .iter()
        .filter(|i| !i.grades.is_empty())
        .collect();
    if graded.len() < 2 {
        b.say(format!(
            "Our sources have grades from only {} inspection{} of {}, so there is nothing to compare.",
            graded.len(),
            if graded.len() == 1 { "" } else { "s" },
            force.name
        ));
        if let Some(i) = graded.first() {
            b.cycle(ctx.cycle_name(i));
            for g in &i.grades {
                b.field(
                    ctx.area_label(i, g.area),
                    format!("{} ({})", g.grade.label(), ctx.cycle_name(i)),
                    Some(g.grade),
                );
            }
            cite_grades(ctx, &mut b, force, i, &i.grades.iter().collect::<Vec<_>>());
        }
        b.footnote("HMICFRS warns that grades from different cycles are not directly comparable.");
        progress(ctx, &mut b, force, ask);
        return b.build();
    }
    let labels: Vec<String> = graded
        .iter()
        .rev()
        .map(|i| ctx.inspection_label(i))
        .collect();
    b.say(format!(
        "Grades of {} by area, oldest first: {}.",
        force.name,
        labels.join(", then ")
    ));
    b.say("HMICFRS warns that grades from different cycles are not directly comparable.");
    // Families in the order of the newest cycle's areas.
    let mut families: Vec<usize> = Vec::new();
    for ins in &graded {
        for g in &ins.grades {
            let fam = ctx.index.family_of[&(ins.cycle, g.area)];
            if ask.family.is_some_and(|f| f != fam) {
                continue;
            }
            if !families.contains(&fam) {
                families.push(fam);
            }
        }
    }
    if families.is_empty() {
        if let Some(fam) = ask.family {
            // No grade for that area in any cycle: say so, then what the sources say about it.
            b.say(format!(
                "Our sources have no grade for {} for {} in any cycle.",
                ctx.index.families[fam].name.to_lowercase(),
                force.name
            ));
            let about = super::topic::about_words(
                ctx,
                Some(force),
                ask,
                &format!("\"{}\"", ctx.index.families[fam].name.to_lowercase()),
            );
            if !about.fields.is_empty() {
                b.say(&about.summary);
                for f in about.fields {
                    b.field(f.name, f.value, f.grade);
                }
                for c in about.citations {
                    b.cite(c);
                }
            }
            return b.build();
        }
    }
    let mut better = 0;
    let mut worse = 0;
    for fam in families {
        let mut steps: Vec<(String, Grade)> = Vec::new();
        for ins in graded.iter().rev() {
            let Some(area) = ctx.index.families[fam].per_cycle[ins.cycle] else {
                continue;
            };
            if let Some(g) = ins.grades_for(area).map(|g| g.grade).max() {
                steps.push((ctx.cycle_name(ins).to_string(), g));
            }
        }
        let value = steps
            .iter()
            .map(|(c, g)| format!("{} {}", c.trim_start_matches("PEEL "), g.lower()))
            .collect::<Vec<_>>()
            .join(" → ");
        if steps.len() >= 2 {
            let (first, last) = (steps[0].1, steps[steps.len() - 1].1);
            if last < first {
                better += 1;
            } else if last > first {
                worse += 1;
            }
        }
        let worst = steps.last().map(|s| s.1);
        b.field(ctx.index.families[fam].name.clone(), value, worst);
    }
    if better + worse > 0 {
        b.say(format!(
            "Where both cycles have a grade, {better} area{} moved up and {worse} moved down.",
            if better == 1 { "" } else { "s" }
        ));
    }
    progress(ctx, &mut b, force, ask);
    for ins in &graded {
        b.cycle(ctx.cycle_name(ins));
        cite_grades(
            ctx,
            &mut b,
            force,
            ins,
            &ins.grades.iter().collect::<Vec<_>>(),
        );
    }
    for ins in &graded {
        if let Some(s) = ctx.coverage_sentence(ins) {
            b.footnote(format!("{}: {s}", ctx.cycle_name(ins)));
        }
        add_note(&mut b, force, ins, ctx);
    }
    b.build()
}
