//! Answers spanning forces: which forces got (or did not get) a grade for an
//! area, within a region or everywhere; and forces side by side.
//!
//! Honesty across cycles: when a force's most recent inspection lacks the
//! area's grade, its older grade is shown apart and labelled, and never when
//! the most recent inspection's stated counts rule that grade out (Greater
//! Manchester's 2021/22 "inadequate" is not listed when its 2023-25 counts
//! have no inadequate grade).

use super::grades::{pick, Pick};
use super::{Ask, Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::intents::Intent;
use crate::engine::query::When;
use crate::knowledge::{AreaGrade, Force, Grade, Inspection};

/// A force's grade for an area family: from the inspection the question means,
/// or (when that inspection lacks it and no cycle was named) the most recent older one.
struct Found<'a> {
    ins: &'a Inspection,
    grades: Vec<&'a AreaGrade>,
    /// True when taken from an older inspection because the newer one lacks it.
    older: bool,
}

impl Found<'_> {
    fn worst(&self) -> Grade {
        self.grades
            .iter()
            .map(|g| g.grade)
            .max()
            .unwrap_or(Grade::Adequate)
    }

    fn has(&self, g: Grade) -> bool {
        self.grades.iter().any(|x| x.grade == g)
    }
}

fn find_grade<'a>(
    ctx: &Ctx,
    force: &'a Force,
    family: usize,
    target: Option<&'a Inspection>,
    allow_older: bool,
) -> Option<Found<'a>> {
    let fam = &ctx.index.families[family];
    let target = target?;
    if let Some(a) = fam.per_cycle[target.cycle] {
        let gs: Vec<&AreaGrade> = target.grades_for(a).collect();
        if !gs.is_empty() {
            return Some(Found {
                ins: target,
                grades: gs,
                older: false,
            });
        }
    }
    if !allow_older {
        return None;
    }
    force
        .inspections
        .iter()
        .filter(|o| o.cycle > target.cycle)
        .find_map(|o| {
            let a = fam.per_cycle[o.cycle]?;
            let gs: Vec<&AreaGrade> = o.grades_for(a).collect();
            (!gs.is_empty()).then_some(Found {
                ins: o,
                grades: gs,
                older: true,
            })
        })
}

/// The inspection of a force the question is about, across forces.
fn target<'a>(force: &'a Force, ask: &Ask, cycle: Option<usize>) -> Option<&'a Inspection> {
    match cycle {
        Some(c) => force.inspection(c),
        None => match ask.when() {
            When::Previous => force.inspections.get(1),
            _ => force.latest(),
        },
    }
}

/// The cycle a year means across forces, if exactly one.
fn cycle_for_year(ctx: &Ctx, year: u16) -> Result<usize, Vec<usize>> {
    let fits: Vec<usize> = ctx
        .kb
        .cycles
        .iter()
        .enumerate()
        .filter(|(_, c)| c.years.contains(&year))
        .map(|(i, _)| i)
        .collect();
    if fits.len() == 1 {
        Ok(fits[0])
    } else {
        Err(fits)
    }
}

/// True when an inspection's stated counts say no area got this grade.
fn counts_rule_out(ctx: &Ctx, ins: &Inspection, g: Grade) -> bool {
    ctx.count_of(ins, g) == Some(0)
}

/// "within the East Midlands" / "" for all forces.
fn pool_label(ctx: &Ctx, ask: &Ask) -> String {
    if ask.pool.is_empty() || ask.pool.len() == ctx.kb.forces.len() {
        String::new()
    } else if let Some(name) = &ask.pool_name {
        format!(" in {name}")
    } else {
        format!(" among {} forces", ask.pool.len())
    }
}

/// "Which forces are inadequate at responding to the public?"
pub fn across(ctx: &Ctx, ask: &Ask) -> Answer {
    let question = ask.question;
    let pool: Vec<&Force> = if ask.pool.is_empty() {
        ctx.kb.forces.iter().collect()
    } else {
        ask.pool.clone()
    };
    let grade = ask.query.grade;
    let negated = ask.query.qualifiers.negated;
    let mut cycle = ask.cycle;
    if cycle.is_none() {
        if let Some(y) = ask.year() {
            match cycle_for_year(ctx, y) {
                Ok(c) => cycle = Some(c),
                Err(fits) => {
                    let mut b = Builder::new(question, Status::Clarify, Intent::Across, 0.5);
                    let list: Vec<usize> = if fits.is_empty() {
                        (0..ctx.kb.cycles.len()).collect()
                    } else {
                        fits
                    };
                    b.say(format!("{y} fits more than one inspection cycle, or none. Which cycle do you mean?"));
                    for c in list {
                        b.suggest(format!(
                            "{} ({})",
                            question.trim_end_matches('?'),
                            ctx.kb.cycles[c].name
                        ));
                    }
                    return b.build();
                }
            }
        }
    }
    let Some(family) = ask.family else {
        return across_grade_only(ctx, ask, &pool, grade, cycle);
    };
    let fam = &ctx.index.families[family];
    let mut b = Builder::new(question, Status::Answered, Intent::Across, ask.confidence);
    let within = pool_label(ctx, ask);
    let scope = match cycle {
        Some(c) => format!("in {}", ctx.kb.cycles[c].name),
        None => "by each force's most recent inspection".to_string(),
    };
    let mut current: Vec<(&Force, Found)> = Vec::new();
    let mut older: Vec<(&Force, Found)> = Vec::new();
    let mut unknown: Vec<&Force> = Vec::new();
    let mut ruled_out: Vec<&Force> = Vec::new();
    for f in pool.iter().copied() {
        let t = target(f, ask, cycle);
        match find_grade(ctx, f, family, t, cycle.is_none()) {
            Some(found) if found.older => {
                // An older grade the latest inspection's own counts rule out is not evidence.
                let stale = grade.is_some_and(|g| {
                    found.has(g) && !negated && t.is_some_and(|t| counts_rule_out(ctx, t, g))
                });
                if stale {
                    ruled_out.push(f);
                } else {
                    older.push((f, found));
                }
            }
            Some(found) => current.push((f, found)),
            None => unknown.push(f),
        }
    }
    let wanted = |found: &Found| match grade {
        Some(g) if negated => !found.has(g),
        Some(g) => found.has(g),
        None => true,
    };
    current.retain(|(_, found)| wanted(found));
    older.retain(|(_, found)| wanted(found));
    let names = |entries: &[&(&Force, Found)]| -> String {
        entries
            .iter()
            .map(|(f, found)| format!("{} ({})", f.name, ctx.cycle_name(found.ins)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match grade {
        Some(g) => {
            let not = if negated { "not " } else { "" };
            b.title(format!("Forces {not}graded {} — {}", g.lower(), fam.name));
            let cur: Vec<&(&Force, Found)> = current.iter().collect();
            if cur.is_empty() {
                b.say(format!(
                    "No force{within} is {not}graded {} for {} {scope}, as far as our sources go.",
                    g.lower(),
                    fam.name.to_lowercase()
                ));
            } else {
                let (plural, verb) = if cur.len() == 1 {
                    ("", "is")
                } else {
                    ("s", "are")
                };
                b.say(format!(
                    "{} force{plural}{within} {verb} {not}graded {} for {} {scope}:",
                    cur.len(),
                    g.lower(),
                    fam.name.to_lowercase()
                ));
                let shown = if negated { None } else { Some(g) };
                b.field(
                    format!(
                        "{}raded {} ({scope})",
                        if negated { "Not g" } else { "G" },
                        g.lower()
                    ),
                    names(&cur),
                    shown,
                );
            }
            if !older.is_empty() {
                let old: Vec<&(&Force, Found)> = older.iter().collect();
                b.field(
                    "Latest grade not in our sources; most recent older grade",
                    names(&old),
                    (!negated).then_some(g),
                );
            }
        }
        None => {
            b.title(format!("How forces were graded — {}", fam.name));
            b.say(format!(
                "Grades for {}{within} {scope}, worst first:",
                fam.name.to_lowercase()
            ));
            for g in Grade::ALL.iter().rev() {
                let cur: Vec<&(&Force, Found)> =
                    current.iter().filter(|(_, f)| f.worst() == *g).collect();
                if !cur.is_empty() {
                    b.field(
                        format!("{} ({})", g.label(), cur.len()),
                        names(&cur),
                        Some(*g),
                    );
                }
            }
            for g in Grade::ALL.iter().rev() {
                let old: Vec<&(&Force, Found)> =
                    older.iter().filter(|(_, f)| f.worst() == *g).collect();
                if !old.is_empty() {
                    b.field(
                        format!(
                            "{} — older grade; latest not in our sources ({})",
                            g.label(),
                            old.len()
                        ),
                        names(&old),
                        Some(*g),
                    );
                }
            }
        }
    }
    if !older.is_empty() {
        b.footnote("Older grades come from an earlier cycle; HMICFRS warns that grades from different cycles cannot be compared directly.");
    }
    if !ruled_out.is_empty() {
        let list: Vec<&str> = ruled_out.iter().map(|f| f.name.as_str()).collect();
        b.footnote(format!(
            "Not listed from an older grade: {}, whose most recent inspection has no area graded {} by the inspectorate's own count.",
            list.join(", "),
            grade.map(|g| g.lower()).unwrap_or("")
        ));
    }
    b.footnote(format!(
        "{} of {} forces{within} have no grade for this area in our sources{}.",
        unknown.len(),
        pool.len(),
        if cycle.is_some() {
            " for that cycle"
        } else {
            ""
        }
    ));
    for (f, found) in current.iter().chain(older.iter()) {
        b.force(f);
        b.cycle(ctx.cycle_name(found.ins));
        for g in &found.grades {
            b.grade(ctx, g, f, found.ins);
        }
    }
    b.build()
}

/// Every force's grades in one cycle, in brief: how many of each grade our
/// sources hold, which forces have the best and the worst, and which have
/// none. The picture that goes with it is the heatmap.
fn whole_table(ctx: &Ctx, ask: &Ask, pool: &[&Force], cycle: usize) -> Answer {
    let name = &ctx.kb.cycles[cycle].name;
    let mut b = Builder::new(
        ask.question,
        Status::Answered,
        Intent::Across,
        ask.confidence,
    );
    b.title(format!("All forces — {name} grades"));
    b.cycle(name);
    let mut counts = [0usize; 5];
    let mut none: Vec<&str> = Vec::new();
    for f in pool {
        match f.inspection(cycle).filter(|i| !i.grades.is_empty()) {
            Some(ins) => {
                for g in &ins.grades {
                    counts[g.grade as usize] += 1;
                }
            }
            None => none.push(f.short_name()),
        }
    }
    let total: usize = counts.iter().sum();
    let list: Vec<String> = Grade::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(g, n)| format!("{n} {}", g.lower()))
        .collect();
    b.headline(format!(
        "All {} forces, {name}: {total} grades in our sources ({})",
        pool.len(),
        list.join(", ")
    ));
    for grade in [Grade::Inadequate, Grade::Outstanding] {
        let mut names: Vec<String> = Vec::new();
        for f in pool {
            let Some(ins) = f.inspection(cycle) else {
                continue;
            };
            let areas: Vec<&crate::knowledge::AreaGrade> =
                ins.grades.iter().filter(|g| g.grade == grade).collect();
            if areas.is_empty() {
                continue;
            }
            let named: Vec<String> = areas
                .iter()
                .map(|g| ctx.area_name(ins, g.area).to_lowercase())
                .collect();
            names.push(format!("{} ({})", f.short_name(), named.join("; ")));
            b.force(f);
            for g in areas {
                b.grade(ctx, g, f, ins);
            }
        }
        if !names.is_empty() {
            b.field(
                format!("Graded {}", grade.lower()),
                names.join(", "),
                Some(grade),
            );
        }
    }
    if !none.is_empty() {
        b.footnote(format!(
            "No {name} grades in our sources for: {}.",
            none.join(", ")
        ));
    }
    b.footnote("Ask about one area or one grade to see the forces in it (\"which forces are inadequate at responding to the public?\").");
    b.suggest("Which forces are inadequate at responding to the public?");
    b.suggest("Which forces are outstanding at preventing crime?");
    b.build()
}

/// "Which forces are outstanding?", "which forces have no inadequate
/// grades?": every area, by each force's inspection.
fn across_grade_only(
    ctx: &Ctx,
    ask: &Ask,
    pool: &[&Force],
    grade: Option<Grade>,
    cycle: Option<usize>,
) -> Answer {
    let question = ask.question;
    let within = pool_label(ctx, ask);
    let Some(grade) = grade else {
        if !ask.pool.is_empty() && ask.pool.len() < ctx.kb.forces.len() {
            // A region alone: its forces' grades side by side would be a wall;
            // say which forces it holds and offer each.
            return super::fallback::clarify_pool(ctx, ask);
        }
        if ask.query.topic.iter().any(|t| t.starts_with("grade")) {
            // "All grades for all forces": the whole table, in brief (the
            // heatmap shows it cell by cell).
            return whole_table(ctx, ask, pool, cycle.unwrap_or(0));
        }
        let mut b = Builder::new(question, Status::Clarify, Intent::Across, 0.4);
        b.say("Which grade or which inspection area do you mean? For example:");
        b.suggest("Which forces are inadequate at responding to the public?");
        b.suggest("Which forces are outstanding at preventing crime?");
        return b.build();
    };
    let negated = ask.query.qualifiers.negated;
    let mut b = Builder::new(question, Status::Answered, Intent::Across, ask.confidence);
    let scope = match cycle {
        Some(c) => format!("in {}", ctx.kb.cycles[c].name),
        None => "in their most recent inspection".to_string(),
    };
    if negated {
        b.title(format!("Forces with no area graded {}", grade.lower()));
        let mut sure: Vec<String> = Vec::new();
        let mut partial: Vec<String> = Vec::new();
        for f in pool {
            let Some(ins) = target(f, ask, cycle) else {
                continue;
            };
            if ins.grades.iter().any(|g| g.grade == grade) {
                continue;
            }
            let label = format!("{} ({})", f.name, ctx.cycle_name(ins));
            match ctx.count_of(ins, grade) {
                Some(0) => sure.push(label),
                Some(_) => {}
                None if ins.grades.is_empty() => {}
                None => partial.push(label),
            }
            b.force(f);
            b.cycle(ctx.cycle_name(ins));
            if let Some(url) = ins.counts_source.as_deref().or(ins.main_url()) {
                b.cite_page(ctx, url, f, Some(ins), None);
            }
        }
        b.say(format!(
            "{} force{}{within} had no area graded {} {scope}, by the inspectorate's own counts:",
            sure.len(),
            if sure.len() == 1 { "" } else { "s" },
            grade.lower()
        ));
        if !sure.is_empty() {
            b.field("By the inspectorate's counts", sure.join("; "), None);
        }
        if !partial.is_empty() {
            b.field(
                format!(
                    "None of the grades we know is {} (not every grade is known)",
                    grade.lower()
                ),
                partial.join("; "),
                None,
            );
        }
        return b.build();
    }
    b.title(format!("Forces with an area graded {}", grade.lower()));
    let mut n = 0;
    let mut counted_only: Vec<String> = Vec::new();
    for f in pool {
        let Some(ins) = target(f, ask, cycle) else {
            continue;
        };
        let gs: Vec<&AreaGrade> = ins.grades.iter().filter(|g| g.grade == grade).collect();
        if gs.is_empty() {
            if ctx.count_of(ins, grade).is_some_and(|c| c > 0) {
                counted_only.push(format!("{} ({})", f.name, ctx.cycle_name(ins)));
                b.force(f);
                if let Some(url) = ins.counts_source.as_deref().or(ins.main_url()) {
                    b.cite_page(ctx, url, f, Some(ins), None);
                }
            }
            continue;
        }
        n += 1;
        let areas: Vec<&str> = gs.iter().map(|g| ctx.area_name(ins, g.area)).collect();
        b.field(
            format!("{} ({})", f.name, ctx.cycle_name(ins)),
            areas.join("; "),
            Some(grade),
        );
        b.force(f);
        b.cycle(ctx.cycle_name(ins));
        for g in gs {
            b.grade(ctx, g, f, ins);
        }
    }
    if n == 0 && counted_only.is_empty() {
        b.say(format!(
            "No force{within} has an area graded {} {scope}, as far as our sources go.",
            grade.lower()
        ));
    } else {
        b.say(format!(
            "{n} force{}{within} at least one named area graded {} {scope}:",
            if n == 1 { " has" } else { "s have" },
            grade.lower()
        ));
    }
    if !counted_only.is_empty() {
        b.field(
            format!(
                "Graded {} by the inspectorate's counts; the area is not named in our sources",
                grade.lower()
            ),
            counted_only.join("; "),
            Some(grade),
        );
    }
    b.build()
}

/// Forces side by side (two to four), on one area or overall.
pub fn compare(ctx: &Ctx, ask: &Ask) -> Answer {
    let forces: Vec<&Force> = ask.forces.iter().take(4).copied().collect();
    let mut b = Builder::new(
        ask.question,
        Status::Answered,
        Intent::Compare,
        ask.confidence,
    );
    for f in &forces {
        b.force(f);
    }
    fn pick_one<'f>(ctx: &Ctx, f: &'f Force, ask: &Ask) -> Option<&'f Inspection> {
        match pick(ctx, f, ask) {
            Pick::One(i) => Some(i),
            _ => None,
        }
    }
    let short: Vec<&str> = forces.iter().map(|f| f.short_name()).collect();
    let named = ask.names_inspection();
    match ask.family {
        Some(fam) => {
            let name = &ctx.index.families[fam].name;
            b.title(format!("{} — {}", short.join(" vs "), name));
            b.say(format!("Side by side on {}:", name.to_lowercase()));
            for f in &forces {
                let t = pick_one(ctx, f, ask);
                match find_grade(ctx, f, fam, t, !named) {
                    Some(found) => {
                        let g: Vec<&str> = found.grades.iter().map(|g| g.grade.label()).collect();
                        let mut v =
                            format!("{}, {}", g.join(" / "), ctx.inspection_label(found.ins));
                        if found.older {
                            v.push_str(
                                " — the most recent inspection's grade is not in our sources",
                            );
                        }
                        b.field(
                            f.name.clone(),
                            v,
                            found.grades.iter().map(|g| g.grade).max(),
                        );
                        b.cycle(ctx.cycle_name(found.ins));
                        for g in &found.grades {
                            b.grade(ctx, g, f, found.ins);
                        }
                    }
                    None => {
                        b.field(
                            f.name.clone(),
                            "No grade for this area in our sources.",
                            None,
                        );
                        if let Some(i) = t {
                            if let Some(url) = i.main_url() {
                                b.cite_page(ctx, url, f, Some(i), None);
                            }
                        }
                    }
                }
            }
        }
        None => {
            b.title(short.join(" vs "));
            let ins: Vec<Option<&Inspection>> = forces
                .iter()
                .map(|f| {
                    if named {
                        pick_one(ctx, f, ask)
                    } else {
                        f.inspections.iter().find(|i| !i.grades.is_empty())
                    }
                })
                .collect();
            let cycles: std::collections::BTreeSet<usize> =
                ins.iter().flatten().map(|i| i.cycle).collect();
            match (named, cycles.iter().next()) {
                (true, Some(&c)) => b.say(format!(
                    "Grades side by side from {}:",
                    ctx.kb.cycles[c].name
                )),
                _ => b.say(
                    "Grades side by side, from each force's most recent inspection with grades:",
                ),
            };
            for (f, i) in forces.iter().zip(&ins) {
                match i {
                    Some(i) => {
                        b.say(format!("{}: {}.", f.name, ctx.inspection_label(i)));
                        b.cycle(ctx.cycle_name(i));
                    }
                    None => {
                        b.say(format!(
                            "{}: no grades in our sources{}.",
                            f.name,
                            if named { " for that inspection" } else { "" }
                        ));
                    }
                }
            }
            let mut fams: Vec<usize> = Vec::new();
            for i in ins.iter().flatten() {
                for g in &i.grades {
                    let fam = ctx.index.family_of[&(i.cycle, g.area)];
                    if !fams.contains(&fam) {
                        fams.push(fam);
                    }
                }
            }
            fams.sort_unstable();
            // One cycle throughout: use that cycle's own area names.
            let only_cycle = (cycles.len() == 1).then(|| *cycles.iter().next().unwrap_or(&0));
            for fam in fams {
                let mut parts = Vec::new();
                let mut worst = None;
                for (f, i) in forces.iter().zip(&ins) {
                    let g = i.and_then(|i| {
                        let a = ctx.index.families[fam].per_cycle[i.cycle]?;
                        i.grades_for(a).map(|g| g.grade).max()
                    });
                    worst = worst.max(g);
                    parts.push(format!(
                        "{}: {}",
                        f.short_name(),
                        g.map(|g| g.label()).unwrap_or("not known")
                    ));
                }
                let name = only_cycle
                    .and_then(|c| {
                        ctx.index.families[fam].per_cycle[c]
                            .map(|a| ctx.kb.cycles[c].areas[a].name.clone())
                    })
                    .unwrap_or_else(|| ctx.index.families[fam].name.clone());
                b.field(name, parts.join(" · "), worst);
            }
            for (f, i) in forces.iter().zip(&ins) {
                if let Some(i) = i {
                    for g in &i.grades {
                        b.grade(ctx, g, f, i);
                    }
                }
            }
            if cycles.len() > 1 {
                b.footnote("The grades come from different cycles; HMICFRS warns they cannot be compared directly.");
            }
            for (f, i) in forces.iter().zip(&ins) {
                if let Some(i) = i {
                    if let Some(s) = ctx.coverage_sentence(i) {
                        b.footnote(format!("{} {}: {s}", f.short_name(), ctx.cycle_name(i)));
                    }
                }
            }
        }
    }
    b.build()
}
