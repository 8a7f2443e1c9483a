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
    family: Option<usize>,
    grade: Option<Grade>,
    u: &Understanding,
    question: &str,
    confidence: f32,
) -> Answer {
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
        return across_grade_only(ctx, grade, u, cycle, question, confidence);
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
    for f in &ctx.kb.forces {
        match find_grade(ctx, f, family, target(f, u, cycle), cycle.is_none()) {
            Some(found) if found.older => older.push((f, found)),
            Some(found) => current.push((f, found)),
            None => unknown.push(f),
        }
    }
    let matches = |found: &Found| grade.is_none_or(|g| found.grades.iter().any(|x| x.grade == g));
    current.retain(|(_, found)| matches(found));
    older.retain(|(_, found)| matches(found));
    let what = match grade {
        Some(g) => format!("graded {}", g.lower()),
        None => "and their grades".to_string(),
    };
    b.title(format!("Forces {what} — {}", fam.name));
    let list = |entries: &[(&Force, Found)]| -> String {
        entries
            .iter()
            .map(|(f, found)| {
                let g = found
                    .grades
                    .iter()
                    .map(|g| g.grade.lower())
                    .collect::<Vec<_>>()
                    .join(" / ");
                if grade.is_some() {
                    format!("{} ({})", f.name, ctx.cycle_name(found.ins))
                } else {
                    format!("{}: {g} ({})", f.name, ctx.cycle_name(found.ins))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if current.is_empty() {
        b.say(format!(
            "No force is {what} for {} {scope}, as far as our sources go.",
            fam.name.to_lowercase()
        ));
    } else {
        b.say(format!(
            "{} force{} {what} for {} {scope}:",
            current.len(),
            if current.len() == 1 { " is" } else { "s are" },
            fam.name.to_lowercase()
        ));
        b.field(
            format!("{} ({scope})", capitalise(&what)),
            list(&current),
            current
                .iter()
                .flat_map(|(_, f)| f.grades.iter().map(|g| g.grade))
                .max(),
        );
    }
    if !older.is_empty() {
        b.field(
            "Latest grade not in our sources; most recent older grade",
            list(&older),
            older
                .iter()
                .flat_map(|(_, f)| f.grades.iter().map(|g| g.grade))
                .max(),
        );
        b.footnote("Older grades come from an earlier cycle; HMICFRS warns that grades from different cycles cannot be compared directly.");
    }
    b.footnote(format!(
        "{} of {} forces have no grade for this area in our sources{}.",
        unknown.len(),
        ctx.kb.forces.len(),
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
    for f in &ctx.kb.forces {
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

/// Two forces side by side, on one area or overall.
pub fn compare(
    ctx: &Ctx,
    a: &Force,
    b_force: &Force,
    family: Option<usize>,
    u: &Understanding,
    question: &str,
    confidence: f32,
) -> Answer {
    let mut b = Builder::new(question, Status::Answered, "compare", confidence);
    b.force(a).force(b_force);
    let pair = [a, b_force];
    fn pick_one<'f>(ctx: &Ctx, f: &'f Force, u: &Understanding) -> Option<&'f Inspection> {
        match pick(ctx, f, u) {
            Pick::One(i) => Some(i),
            _ => None,
        }
    }
    match family {
        Some(fam) => {
            let name = &ctx.index.families[fam].name;
            b.title(format!(
                "{} vs {} — {}",
                a.short_name(),
                b_force.short_name(),
                name
            ));
            b.say(format!("{} on {}:", "Side by side", name.to_lowercase()));
            let explicit =
                !matches!(u.cycle, CycleRef::Unspecified | CycleRef::Latest) || !u.years.is_empty();
            for f in pair {
                let t = pick_one(ctx, f, u);
                match find_grade(ctx, f, fam, t, !explicit) {
                    Some(found) => {
                        let g: Vec<&str> = found.grades.iter().map(|g| g.grade.label()).collect();
                        let mut v =
                            format!("{} ({})", g.join(" / "), ctx.inspection_label(found.ins));
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
            b.title(format!("{} vs {}", a.short_name(), b_force.short_name()));
            b.say("Grades side by side, from each force's most recent inspection with grades:");
            let ins: Vec<Option<&Inspection>> = pair
                .iter()
                .map(|f| match u.cycle {
                    CycleRef::Named(_) => pick_one(ctx, f, u),
                    _ => f.inspections.iter().find(|i| !i.grades.is_empty()),
                })
                .collect();
            for (f, i) in pair.iter().zip(&ins) {
                match i {
                    Some(i) => {
                        b.say(format!("{}: {}.", f.name, ctx.inspection_label(i)));
                        b.cycle(ctx.cycle_name(i));
                    }
                    None => {
                        b.say(format!("{}: no grades in our sources.", f.name));
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
            for fam in fams {
                let mut parts = Vec::new();
                let mut worst = None;
                for (f, i) in pair.iter().zip(&ins) {
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
                b.field(
                    ctx.index.families[fam].name.clone(),
                    parts.join(" · "),
                    worst,
                );
            }
            for (f, i) in pair.iter().zip(&ins) {
                if let Some(i) = i {
                    for g in &i.grades {
                        b.cite(ctx.cite(&g.source, f, Some(i), None));
                    }
                }
            }
            if ins
                .iter()
                .flatten()
                .map(|i| i.cycle)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                > 1
            {
                b.footnote("The two grades come from different cycles; HMICFRS warns they cannot be compared directly.");
            }
        }
    }
    b.build()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
