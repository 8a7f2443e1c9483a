//! Answers spanning forces: which forces got a grade for an area, and two
//! forces side by side.

use super::grades::{pick, Pick};
use super::{Builder, Ctx};
use crate::engine::answer::{Answer, Status};
use crate::engine::understand::{CycleRef, Understanding};
use crate::knowledge::{AreaGrade, Force, Grade, Inspection};

/// A force's grade for an area family: from the inspection the question means,
/// or (when that inspection lacks it and no cycle was named) the most recent older one.
struct Found<'a> {
    ins: &'a Inspection,
    grades: Vec<&'a AreaGrade>,
    /// True when taken from an older inspection because the newer one lacks it.
    older: bool,
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
fn target<'a>(force: &'a Force, u: &Understanding, cycle: Option<usize>) -> Option<&'a Inspection> {
    match cycle {
        Some(c) => force.inspection(c),
        None => match u.cycle {
            CycleRef::Previous => force.inspections.get(1),
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

/// "Which forces are inadequate at responding to the public?"
pub fn across(
    ctx: &Ctx,
    pool: &[&Force],
    u: &Understanding,
    question: &str,
    confidence: f32,
) -> Answer {
    let family = u.area.map(|a| a.0);
    let grade = u.grade;
    let mut cycle = match u.cycle {
        CycleRef::Named(c) => Some(c),
        _ => None,
    };
    if cycle.is_none() {
        if let Some(&y) = u.years.first() {
            match cycle_for_year(ctx, y) {
                Ok(c) => cycle = Some(c),
                Err(fits) => {
                    let mut b = Builder::new(question, Status::Clarify, "across", 0.5);
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
    let Some(family) = family else {
        return across_grade_only(ctx, pool, grade, u, cycle, question, confidence);
    };
    let fam = &ctx.index.families[family];
    let mut b = Builder::new(question, Status::Answered, "across", confidence);
    let scope = match cycle {
        Some(c) => format!("in {}", ctx.kb.cycles[c].name),
        None => "by each force's most recent inspection".to_string(),
    };
    let mut current: Vec<(&Force, Found)> = Vec::new();
    let mut older: Vec<(&Force, Found)> = Vec::new();
    let mut unknown: Vec<&Force> = Vec::new();
    for f in pool {
        match find_grade(ctx, f, family, target(f, u, cycle), cycle.is_none()) {
            Some(found) if found.older => older.push((f, found)),
            Some(found) => current.push((f, found)),
            None => unknown.push(f),
        }
    }
    let matches = |found: &Found| grade.is_none_or(|g| found.grades.iter().any(|x| x.grade == g));
    current.retain(|(_, found)| matches(found));
    older.retain(|(_, found)| matches(found));
    let names = |entries: &[&(&Force, Found)]| -> String {
        entries
            .iter()
            .map(|(f, found)| format!("{} ({})", f.name, ctx.cycle_name(found.ins)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let worst = |found: &Found| {
        found
            .grades
            .iter()
            .map(|g| g.grade)
            .max()
            .unwrap_or(Grade::Adequate)
    };
    match grade {
        Some(g) => {
            b.title(format!("Forces graded {} — {}", g.lower(), fam.name));
            let cur: Vec<&(&Force, Found)> = current.iter().collect();
            if cur.is_empty() {
                b.say(format!(
                    "No force is graded {} for {} {scope}, as far as our sources go.",
                    g.lower(),
                    fam.name.to_lowercase()
                ));
            } else {
                b.say(format!(
                    "{} force{} graded {} for {} {scope}:",
                    cur.len(),
                    if cur.len() == 1 { " is" } else { "s are" },
                    g.lower(),
                    fam.name.to_lowercase()
                ));
                b.field(
                    format!("Graded {} ({scope})", g.lower()),
                    names(&cur),
                    Some(g),
                );
            }
            if !older.is_empty() {
                let old: Vec<&(&Force, Found)> = older.iter().collect();
                b.field(
                    "Latest grade not in our sources; most recent older grade",
                    names(&old),
                    Some(g),
                );
            }
        }
        None => {
            b.title(format!("How forces were graded — {}", fam.name));
            b.say(format!(
                "Grades for {} {scope}, worst first:",
                fam.name.to_lowercase()
            ));
            for g in Grade::ALL.iter().rev() {
                let cur: Vec<&(&Force, Found)> =
                    current.iter().filter(|(_, f)| worst(f) == *g).collect();
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
                    older.iter().filter(|(_, f)| worst(f) == *g).collect();
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
    b.footnote(format!(
        "{} of {} forces have no grade for this area in our sources{}.",
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
            b.cite(ctx.cite(&g.source, f, Some(found.ins), None));
        }
    }
    b.build()
}

/// "Which forces are outstanding?" with no area: every area with that grade.
fn across_grade_only(
    ctx: &Ctx,
    pool: &[&Force],
    grade: Option<Grade>,
    u: &Understanding,
    cycle: Option<usize>,
    question: &str,
    confidence: f32,
) -> Answer {
    let Some(grade) = grade else {
        let mut b = Builder::new(question, Status::Clarify, "across", 0.4);
        b.say("Which grade or which inspection area do you mean? For example:");
        b.suggest("Which forces are inadequate at responding to the public?");
        b.suggest("Which forces are outstanding at preventing crime?");
        return b.build();
    };
    let mut b = Builder::new(question, Status::Answered, "across", confidence);
    b.title(format!("Forces with an area graded {}", grade.lower()));
    let mut n = 0;
    for f in pool {
        let Some(ins) = target(f, u, cycle) else {
            continue;
        };
        let gs: Vec<&AreaGrade> = ins.grades.iter().filter(|g| g.grade == grade).collect();
        if gs.is_empty() {
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
            b.cite(ctx.cite(&g.source, f, Some(ins), None));
        }
    }
    let scope = match cycle {
        Some(c) => format!("in {}", ctx.kb.cycles[c].name),
        None => "in their most recent inspection".to_string(),
    };
    if n == 0 {
        b.say(format!(
            "No force has an area graded {} {scope}, as far as our sources go.",
            grade.lower()
        ));
    } else {
        b.say(format!(
            "{n} force{} at least one area graded {} {scope}:",
            if n == 1 { " has" } else { "s have" },
            grade.lower()
        ));
    }
    b.build()
}

/// Forces side by side (two or more), on one area or overall.
pub fn compare(
    ctx: &Ctx,
    forces: &[&Force],
    family: Option<usize>,
    u: &Understanding,
    question: &str,
    confidence: f32,
) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "compare", confidence);
    for f in forces {
        b.force(f);
    }
    fn pick_one<'f>(ctx: &Ctx, f: &'f Force, u: &Understanding) -> Option<&'f Inspection> {
        match pick(ctx, f, u) {
            Pick::One(i) => Some(i),
            _ => None,
        }
    }
    let short: Vec<&str> = forces.iter().map(|f| f.short_name()).collect();
    let named = matches!(u.cycle, CycleRef::Named(_)) || !u.years.is_empty();
    match family {
        Some(fam) => {
            let name = &ctx.index.families[fam].name;
            b.title(format!("{} — {}", short.join(" vs "), name));
            b.say(format!("Side by side on {}:", name.to_lowercase()));
            for f in forces {
                let t = pick_one(ctx, f, u);
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
                            b.cite(ctx.cite(&g.source, f, Some(found.ins), None));
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
                                b.cite(ctx.cite(url, f, Some(i), None));
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
                        pick_one(ctx, f, u)
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
                        b.cite(ctx.cite(&g.source, f, Some(i), None));
                    }
                }
            }
            if cycles.len() > 1 {
                b.footnote("The grades come from different cycles; HMICFRS warns they cannot be compared directly.");
            }
            for i in ins.iter().flatten() {
                if let Some(s) = ctx.coverage_sentence(i) {
                    b.footnote(format!(
                        "{} {}: {s}",
                        forces
                            .iter()
                            .zip(&ins)
                            .find(|(_, x)| x.is_some_and(|x| std::ptr::eq(x, *i)))
                            .map(|(f, _)| f.short_name())
                            .unwrap_or(""),
                        ctx.cycle_name(i)
                    ));
                }
            }
        }
    }
    b.build()
}
