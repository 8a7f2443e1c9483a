//! Turning an understood question into an answer: one module per kind of
//! answer, sharing the builder and citation helpers here.

pub mod across;
pub mod fallback;
pub mod grades;
pub mod info;
pub mod pictured;
pub mod quotes;
pub mod topic;

use super::answer::{Answer, Citation, Field, GradeRow, Note, QuoteRow, Status};
use super::index::Index;
use super::intents::Intent;
use super::query::{Query, When};
use crate::knowledge::{AreaGrade, Force, Grade, Inspection, KnowledgeBase, Person, Quote};

/// What a responder needs: the knowledge base and its indexes.
pub struct Ctx<'a> {
    pub kb: &'a KnowledgeBase,
    pub index: &'a Index,
}

/// A query resolved against the loaded knowledge base: what responders read.
pub struct Ask<'a> {
    /// The question as received (or the command's own words).
    pub question: &'a str,
    pub query: &'a Query,
    /// The forces named, in order.
    pub forces: Vec<&'a Force>,
    /// The forces of the regions named, for questions across forces.
    pub pool: Vec<&'a Force>,
    /// What the pool is called ("the East Midlands", "Yorkshire").
    pub pool_name: Option<String>,
    /// The area family.
    pub family: Option<usize>,
    /// The cycle named (index into `KnowledgeBase::cycles`).
    pub cycle: Option<usize>,
    pub speaker: Option<&'a Person>,
    /// A news outlet named ("BBC News"): only what it printed.
    pub outlet: Option<&'a str>,
    /// Stems of the query's topic words beyond the area's, for passage search.
    pub topic: Vec<String>,
    /// Stems of the asker's words naming the area ("domestic abuse").
    pub asked_area: Vec<String>,
    /// Stems of the area's names in every cycle, which passages about it use.
    pub area_words: Vec<String>,
    /// How far the reading is trusted (0..1).
    pub confidence: f32,
}

impl<'a> Ask<'a> {
    pub fn when(&self) -> &When {
        &self.query.when
    }

    /// True when the question names an inspection (a cycle, a year, "previous").
    pub fn names_inspection(&self) -> bool {
        !matches!(self.query.when, When::Unspecified | When::Latest)
    }

    /// The words a passage must hold enough of to be about the question:
    /// the topic's, or the area's when the question names only an area.
    pub fn core(&self) -> &[String] {
        if !self.topic.is_empty() {
            &self.topic
        } else if !self.asked_area.is_empty() {
            &self.asked_area
        } else {
            &self.area_words
        }
    }

    /// Every way to say what a passage must be about, most specific first:
    /// the topic, the asker's words for the area, the area's names.
    pub fn cores(&self) -> Vec<&[String]> {
        [&self.topic, &self.asked_area, &self.area_words]
            .into_iter()
            .filter(|c| !c.is_empty())
            .map(Vec::as_slice)
            .collect()
    }

    /// What to search passages for: the topic's stems, then the area's.
    pub fn search(&self) -> Vec<String> {
        let mut out = self.topic.clone();
        for s in self.asked_area.iter().chain(&self.area_words) {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
        out
    }

    /// The year asked about, if any.
    pub fn year(&self) -> Option<u16> {
        match self.query.when {
            When::Year(y) | When::Since(y) => Some(y),
            _ => None,
        }
    }
}

/// Most candidates a question back offers (a Discord select menu's limit).
pub const MAX_CHOICES: usize = 25;

/// The answer to a resolved query: the responder is chosen by its intent.
/// The curators' notes join the text only when asked for ("notes for Kent").
pub fn respond(ctx: &Ctx, ask: &Ask) -> Answer {
    let mut answer = dispatch(ctx, ask);
    if ask.query.qualifiers.notes {
        answer.show_notes();
    }
    answer.chart = pictured::picture_for(ctx, ask, &answer);
    answer.report = report_of(ctx, &answer);
    answer
}

/// The report page of the inspection an answer about one force shows: the
/// first cycle it names (its own, for a one-cycle answer).
fn report_of(ctx: &Ctx, answer: &Answer) -> Option<String> {
    if answer.status != Status::Answered || answer.forces.len() != 1 {
        return None;
    }
    let force = ctx.kb.force(&answer.forces[0])?;
    let cycle = answer.cycles.first()?;
    force
        .inspections
        .iter()
        .find(|i| ctx.cycle_name(i) == cycle)
        .and_then(|i| i.report_url.clone())
}

fn dispatch(ctx: &Ctx, ask: &Ask) -> Answer {
    let force = ask.forces.first().copied();
    match (ask.query.intent, force) {
        // "Did Sussex fail to record crimes?": one area's weakness is its
        // grade and what the inspectors found about it.
        (Intent::Improve, Some(f)) => match ask.family {
            Some(fam) => grades::grade(ctx, f, fam, ask),
            None => grades::improve(ctx, f, ask),
        },
        (Intent::Grade, Some(f)) => match ask.family {
            Some(fam) => grades::grade(ctx, f, fam, ask),
            None => grades::overview(ctx, f, ask),
        },
        (Intent::Overview, Some(f)) => grades::overview(ctx, f, ask),
        (Intent::Change, Some(f)) => grades::change(ctx, f, ask),
        (Intent::Strengths, Some(f)) => quotes::strengths(ctx, f, ask),
        (Intent::Who | Intent::When, Some(f)) => info::who_when(ctx, f, ask),
        (Intent::Who, None) => match ask.speaker {
            Some(p) => info::led_by(ctx, &p.name, ask),
            None => fallback::no_match(ctx, ask, None),
        },
        (Intent::Response, _) | (Intent::Quote, _) => quotes::quotes(ctx, ask),
        (Intent::Compare, _) if ask.forces.len() >= 2 => across::compare(ctx, ask),
        (Intent::Across, _) => across::across(ctx, ask),
        (Intent::Topic, _) => topic::about(ctx, ask),
        (Intent::Glossary, _) => info::glossary_terms(ctx, ask),
        (Intent::Help, _) => info::help(ctx, ask.question),
        (Intent::Compare, Some(f)) => grades::overview(ctx, f, ask),
        _ => fallback::no_match(ctx, ask, None),
    }
}

impl<'a> Ctx<'a> {
    pub fn cycle_name(&self, ins: &Inspection) -> &'a str {
        &self.kb.cycles[ins.cycle].name
    }

    /// "PEEL 2021/22 (published 25 November 2022)", or the cycle alone when
    /// the date is not known (only "when was it published" says so).
    pub fn inspection_label(&self, ins: &Inspection) -> String {
        match ins.published {
            Some(d) => format!("{} (published {})", self.cycle_name(ins), d.long()),
            None => self.cycle_name(ins).to_string(),
        }
    }

    /// "PEEL 2023-25, published 1 May 2024" or "PEEL 2023-25", for brackets.
    pub fn cycle_and_date(&self, ins: &Inspection) -> String {
        match ins.published {
            Some(d) => format!("{}, published {}", self.cycle_name(ins), d.long()),
            None => self.cycle_name(ins).to_string(),
        }
    }

    /// The verdict on one inspection in a sentence, for a headline:
    /// "Derbyshire Constabulary: 4 of 8 areas require improvement (PEEL
    /// 2023-25, published …)", "Metropolitan Police Service: 7 of 8 areas
    /// need improvement, 2 of them inadequate (PEEL 2023-25)". Counts are the
    /// inspectorate's where a source states them, else the grades we hold.
    pub fn verdict(&self, force: &Force, ins: &Inspection) -> String {
        let known = ins.known_areas();
        let (total, weak, inadequate, partial) = if ins.grade_counts.is_empty() {
            let weak = ins
                .grades
                .iter()
                .filter(|g| g.grade.needs_improvement())
                .count();
            let inadequate = ins
                .grades
                .iter()
                .filter(|g| g.grade == Grade::Inadequate)
                .count();
            // Without the inspectorate's total, the grades held may not be all.
            let partial = ins.areas_graded.is_none_or(|n| (n as usize) > known);
            (known, weak, inadequate, partial)
        } else {
            let n = |g| self.count_of(ins, g).unwrap_or(0) as usize;
            let total = ins
                .areas_graded
                .map(|n| n as usize)
                .unwrap_or_else(|| ins.grade_counts.iter().map(|(_, n)| *n as usize).sum());
            let weak = n(Grade::RequiresImprovement) + n(Grade::Inadequate);
            (total, weak, n(Grade::Inadequate), false)
        };
        let when = self.cycle_and_date(ins);
        if total == 0 {
            return match ins.areas_graded {
                Some(n) => format!(
                    "{}: the inspectorate graded {n} areas; none of those grades is in our sources ({when})",
                    force.name
                ),
                None => format!("{}: no grades from this inspection are in our sources ({when})", force.name),
            };
        }
        let of = if partial {
            format!("of the {total} grades we know")
        } else {
            format!("of {total} areas")
        };
        // With none inadequate, every weak grade is "requires improvement":
        // say that, rather than name a grade the force did not get.
        let verdict = match (weak, inadequate) {
            (0, _) => format!("none {of} needs improvement"),
            (1, 0) => format!("1 {of} requires improvement"),
            (1, _) => format!("1 {of} is inadequate"),
            (w, 0) => format!("{w} {of} require improvement"),
            (w, i) if i == w => format!("{w} {of} are inadequate"),
            (w, i) => format!("{w} {of} need improvement, {i} of them inadequate"),
        };
        format!("{}: {verdict} ({when})", force.name)
    }

    /// The area's name with its plain-English short name, when it has one:
    /// "Building, supporting and protecting the workforce (developing a positive workplace)".
    pub fn area_label(&self, ins: &Inspection, area: usize) -> String {
        let a = &self.kb.cycles[ins.cycle].areas[area];
        match &a.short {
            Some(s) => format!("{} ({})", a.name, s.to_lowercase()),
            None => a.name.clone(),
        }
    }

    /// The canonical area name of a grade in its cycle.
    pub fn area_name(&self, ins: &Inspection, area: usize) -> &'a str {
        &self.kb.cycles[ins.cycle].areas[area].name
    }

    /// A citation for a page about an inspection.
    pub fn cite(
        &self,
        url: &str,
        force: &Force,
        ins: Option<&Inspection>,
        date: Option<String>,
    ) -> Citation {
        let subject = match ins {
            Some(i) => format!("{} {}", force.short_name(), self.cycle_name(i)),
            None => force.short_name().to_string(),
        };
        Citation {
            url: url.to_string(),
            title: self.page_title(url, Some(&subject)),
            speaker: None,
            role: None,
            quote: None,
            published: date.or_else(|| ins.and_then(|i| i.published).map(|d| d.to_string())),
            force: Some(force.slug.clone()),
            cycle: ins.map(|i| self.cycle_name(i).to_string()),
        }
    }

    /// One citation per outlet that printed a quote, each carrying the
    /// words that outlet printed and the page's own date (the report's
    /// only for the inspectorate's own release).
    pub fn cite_quote(&self, q: &Quote, force: &Force, ins: &Inspection) -> Vec<Citation> {
        q.printings()
            .map(|p| Citation {
                speaker: Some(q.speaker.clone()),
                role: Some(q.role.clone()),
                quote: Some(p.text.to_string()),
                published: p.published.map(|d| d.to_string()),
                ..self.cite(p.source, force, Some(ins), None)
            })
            .collect()
    }

    /// A quote as data, for `Answer::quotes`.
    pub fn quote_row(&self, q: &Quote, force: &Force, ins: &Inspection) -> QuoteRow {
        QuoteRow {
            speaker: q.speaker.clone(),
            role: q.role.clone(),
            kind: q.kind.as_str(),
            text: q.text.clone(),
            said: q.said.map(|s| s.to_string()),
            sources: q.printings().map(|p| p.source.to_string()).collect(),
            force: force.slug.clone(),
            cycle: self.cycle_name(ins).to_string(),
        }
    }

    /// A grade as data, for `Answer::grades`.
    pub fn grade_row(&self, g: &AreaGrade, force: &Force, ins: &Inspection) -> GradeRow {
        GradeRow {
            force: force.slug.clone(),
            cycle: self.cycle_name(ins).to_string(),
            area: self.area_name(ins, g.area).to_string(),
            area_as_worded: g.wording.clone(),
            grade: g.grade,
            source: g.source.clone(),
        }
    }

    /// "HMICFRS — Derbyshire PEEL 2021/22", "BBC News — ...", or the bare host.
    pub fn page_title(&self, url: &str, subject: Option<&str>) -> String {
        match self.kb.outlet_for(url) {
            Some(o) => match subject {
                Some(s) => format!("{} — {s}", o.name),
                None => o.name.clone(),
            },
            None => crate::knowledge::url_host(url)
                .map(|h| h.trim_start_matches("www.").to_string())
                .unwrap_or_else(|| url.to_string()),
        }
    }

    /// "8 of the 9 graded areas are known" and similar, for partial sets,
    /// with the inspectorate's own counts per grade where a source states them.
    pub fn coverage_sentence(&self, ins: &Inspection) -> Option<String> {
        let known = ins.known_areas();
        let total = ins.areas_graded.or_else(|| {
            (!ins.grade_counts.is_empty()).then(|| ins.grade_counts.iter().map(|(_, n)| n).sum())
        });
        let mut s = match total {
            Some(total) if known == 0 => format!("The inspectorate graded {total} areas; none of those grades is in our sources."),
            Some(total) if known < total as usize => format!(
                "{known} of the {total} graded areas {} known from our sources.",
                if known == 1 { "is" } else { "are" }
            ),
            Some(total) if known > total as usize => format!(
                "{known} grades are listed, though the inspectorate's count is {total} graded areas (see the note)."
            ),
            Some(_) => String::new(),
            None if known > 0 => format!(
                "{known} grade{} known from our sources; how many areas were graded in all is not stated.",
                if known == 1 { " is" } else { "s are" }
            ),
            None => return None,
        };
        if !ins.grade_counts.is_empty() && (known as u32) < total.unwrap_or(0) {
            s.push_str(&format!(
                " The inspectorate's counts: {}.",
                self.counts_list(ins)
            ));
        }
        (!s.is_empty()).then_some(s)
    }

    /// "1 outstanding, 2 good, 4 requires improvement".
    pub fn counts_list(&self, ins: &Inspection) -> String {
        ins.grade_counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(g, n)| format!("{n} {}", g.lower()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How many areas got a grade by the inspectorate's count, if stated.
    pub fn count_of(&self, ins: &Inspection, grade: Grade) -> Option<u32> {
        ins.grade_counts
            .iter()
            .find(|(g, _)| *g == grade)
            .map(|(_, n)| *n)
            .or_else(|| (!ins.grade_counts.is_empty()).then_some(0))
    }
}

/// Builds an answer piece by piece, keeping citations unique.
pub struct Builder {
    pub answer: Answer,
}

impl Builder {
    pub fn new(question: &str, status: Status, intent: Intent, confidence: f32) -> Builder {
        Builder {
            answer: Answer::new(question, status, intent, confidence),
        }
    }

    pub fn title(&mut self, t: impl Into<String>) -> &mut Self {
        self.answer.title = t.into();
        self
    }

    pub fn say(&mut self, s: impl AsRef<str>) -> &mut Self {
        let a = &mut self.answer;
        if !a.summary.is_empty() {
            a.summary.push(' ');
        }
        a.summary.push_str(s.as_ref());
        self
    }

    pub fn field(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        grade: Option<Grade>,
    ) -> &mut Self {
        self.answer.fields.push(Field {
            name: name.into(),
            value: value.into(),
            grade,
        });
        self
    }

    pub fn footnote(&mut self, s: impl AsRef<str>) -> &mut Self {
        let a = &mut self.answer;
        if !a.footnote.is_empty() {
            a.footnote.push('\n');
        }
        a.footnote.push_str(s.as_ref());
        self
    }

    pub fn force(&mut self, f: &Force) -> &mut Self {
        if !self.answer.forces.contains(&f.slug) {
            self.answer.forces.push(f.slug.clone());
        }
        self
    }

    pub fn cycle(&mut self, name: &str) -> &mut Self {
        if !self.answer.cycles.iter().any(|c| c == name) {
            self.answer.cycles.push(name.to_string());
        }
        self
    }

    pub fn cite(&mut self, c: Citation) -> &mut Self {
        let dup = self
            .answer
            .citations
            .iter()
            .any(|x| x.url == c.url && x.quote == c.quote);
        if !dup {
            self.answer.citations.push(c);
        }
        self
    }

    /// A page cited for a fact (no quote), built only when not already cited:
    /// answers cite the same report for many rows.
    pub fn cite_page(
        &mut self,
        ctx: &Ctx,
        url: &str,
        force: &Force,
        ins: Option<&Inspection>,
        date: Option<String>,
    ) -> &mut Self {
        let cited = self
            .answer
            .citations
            .iter()
            .any(|c| c.url == url && c.quote.is_none());
        if cited {
            return self;
        }
        self.answer.citations.push(ctx.cite(url, force, ins, date));
        self
    }

    /// Sets the one-sentence verdict that opens the answer.
    pub fn headline(&mut self, h: impl Into<String>) -> &mut Self {
        self.answer.headline = h.into();
        self
    }

    /// A grade shown, as a row (and its source cited).
    pub fn grade(
        &mut self,
        ctx: &Ctx,
        g: &AreaGrade,
        force: &Force,
        ins: &Inspection,
    ) -> &mut Self {
        // Compared before anything is built: across answers add many rows.
        let cycle = ctx.cycle_name(ins);
        let held = self.answer.grades.iter().any(|r| {
            r.source == g.source
                && r.area_as_worded == g.wording
                && r.cycle == cycle
                && r.force == force.slug
        });
        if held {
            return self;
        }
        self.answer.grades.push(ctx.grade_row(g, force, ins));
        let cited = self
            .answer
            .citations
            .iter()
            .any(|c| c.url == g.source && c.quote.is_none());
        if cited {
            return self;
        }
        self.cite_page(ctx, &g.source, force, Some(ins), None)
    }

    /// A quote shown: once as a row, cited to every outlet that printed it.
    pub fn quote(&mut self, ctx: &Ctx, q: &Quote, force: &Force, ins: &Inspection) -> &mut Self {
        let row = ctx.quote_row(q, force, ins);
        if !self.answer.quotes.iter().any(|x| x.text == row.text) {
            self.answer.quotes.push(row);
        }
        for c in ctx.cite_quote(q, force, ins) {
            self.cite(c);
        }
        self
    }

    /// A curators' note on a force or one of its inspections: kept in
    /// `notes`, not in the text.
    pub fn note(
        &mut self,
        ctx: &Ctx,
        force: &Force,
        ins: Option<&Inspection>,
        text: &str,
    ) -> &mut Self {
        let note = Note {
            force: force.slug.clone(),
            cycle: ins.map(|i| ctx.cycle_name(i).to_string()),
            text: text.to_string(),
        };
        if !self.answer.notes.contains(&note) {
            self.answer.notes.push(note);
        }
        self
    }

    pub fn suggest(&mut self, q: impl Into<String>) -> &mut Self {
        let q = q.into();
        if !self.answer.suggestions.contains(&q) && self.answer.suggestions.len() < 5 {
            self.answer.suggestions.push(q);
        }
        self
    }

    /// Suggests a question of one intent about a force, with its typed query.
    pub fn offer(&mut self, intent: Intent, force: &Force) -> &mut Self {
        let query = Query::new(intent).with_force(force.slug.clone());
        self.offer_query(intent.ask_about(force.short_name()), query)
    }

    /// Suggests a question with the typed query that asks it. A question
    /// back offers every candidate (a front end may list them in a menu);
    /// an answer at most five follow-ups.
    pub fn offer_query(&mut self, label: String, query: Query) -> &mut Self {
        let cap = if self.answer.status == Status::Clarify {
            MAX_CHOICES
        } else {
            5
        };
        if !self.answer.suggestions.contains(&label) && self.answer.suggestions.len() < cap {
            self.answer.choices.push((label.clone(), query));
            self.answer.suggestions.push(label);
        }
        self
    }

    /// Finishes the plain-text form from the structured parts.
    pub fn build(mut self) -> Answer {
        let a = &mut self.answer;
        let mut text = String::new();
        if !a.headline.is_empty() {
            text.push_str(&a.headline);
            text.push('\n');
        } else if !a.title.is_empty() {
            text.push_str(&a.title);
            text.push('\n');
        }
        if !a.summary.is_empty() {
            text.push_str(&a.summary);
        }
        for f in &a.fields {
            text.push_str("\n• ");
            text.push_str(&f.name);
            text.push_str(": ");
            text.push_str(&f.value.replace('\n', "\n  "));
        }
        if !a.footnote.is_empty() {
            text.push('\n');
            text.push_str(&a.footnote);
        }
        a.text = text.trim().to_string();
        if a.headline.is_empty() {
            a.headline = first_sentence(&a.summary).unwrap_or(&a.title).to_string();
        }
        self.answer
    }
}

/// The first sentence of a paragraph, if it has one.
fn first_sentence(s: &str) -> Option<&str> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // A full stop, question or exclamation mark followed by a space and a capital.
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(2) {
        if matches!(b[i], b'.' | b'?' | b'!' | b':')
            && b[i + 1] == b' '
            && b[i + 2].is_ascii_uppercase()
        {
            return Some(&s[..=i]);
        }
    }
    Some(s)
}

/// "PEEL 2023-25, 24 November 2023": a quote's cycle and the day its words
/// were said, when known.
pub fn quote_when(ctx: &Ctx, q: &Quote, ins: &Inspection) -> String {
    match q.said {
        Some(d) => format!("{}, {}", ctx.cycle_name(ins), d.long()),
        None => ctx.cycle_name(ins).to_string(),
    }
}

/// Pretty quote line: “words” — Speaker, Role (cycle, date).
pub fn quote_line(ctx: &Ctx, q: &Quote, ins: &Inspection) -> String {
    let when = quote_when(ctx, q, ins);
    format!("\"{}\" — {}, {} ({when})", q.text.trim(), q.speaker, q.role)
}

/// "cause of concern" → "Cause of concern".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
