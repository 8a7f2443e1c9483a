//! What the engine returns: the `ask --json` contract plus structure for
//! front ends that render richer output (Discord embeds).

use serde::Serialize;

use super::intents::{Intent, INTENTS};
use super::picture::Spec;
use super::query::Query;
use crate::knowledge::{Grade, QuoteKind};

fn chart_kind<S: serde::Serializer>(chart: &Option<Spec>, s: S) -> Result<S::Ok, S::Error> {
    match chart {
        Some(spec) => s.serialize_str(spec.kind().name()),
        None => s.serialize_none(),
    }
}

/// How a question ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Answered,
    Clarify,
    NoMatch,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Answered => "answered",
            Status::Clarify => "clarify",
            Status::NoMatch => "no_match",
            Status::Rejected => "rejected",
        }
    }
}

/// Where one fact comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub url: String,
    /// Outlet and subject ("HMICFRS — Derbyshire PEEL 2021/22"), or the host.
    pub title: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// Exact words, for quotes.
    pub quote: Option<String>,
    /// YYYY-MM-DD, when known.
    pub published: Option<String>,
    /// The force (slug) and cycle the page supports, when it is about one.
    pub force: Option<String>,
    pub cycle: Option<String>,
}

/// One area's grade, as data: what a table, a chart or a bot shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeRow {
    /// Force slug.
    pub force: String,
    /// Cycle name ("PEEL 2023-25").
    pub cycle: String,
    /// The canonical area name of that cycle.
    pub area: String,
    /// The source's own wording of the area.
    pub area_as_worded: String,
    pub grade: Grade,
    pub source: String,
}

/// One quote, as data: the words once, however many outlets printed them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRow {
    pub speaker: String,
    /// The role held when quoted.
    pub role: String,
    /// `inspector` or `response`.
    pub kind: &'static str,
    /// Exact words (the longest printing).
    pub text: String,
    /// When the words were said: `YYYY-MM-DD`, `YYYY-MM`, or null.
    pub said: Option<String>,
    /// Every page that printed them.
    pub sources: Vec<String>,
    pub force: String,
    pub cycle: String,
}

/// A curators' note: amendments, doubts and how a date or grade was
/// worked out. Kept apart from the answer's text unless asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub force: String,
    /// The cycle the note is about, or null for a note on the force.
    pub cycle: Option<String>,
    pub text: String,
}

impl QuoteKind {
    /// The name `ask --json` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Inspector => "inspector",
            QuoteKind::Response => "response",
        }
    }
}

/// One labelled part of an answer (an area and its grade, a force in a comparison).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// The grade this field shows, if any (front ends colour by the worst).
    pub grade: Option<Grade>,
}

/// An answer to one question. Serializes to exactly the public JSON fields.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub question: String,
    pub status: Status,
    pub intent: Intent,
    /// Slugs of the forces the answer is about.
    pub forces: Vec<String>,
    /// The whole answer as plain text.
    pub text: String,
    pub citations: Vec<Citation>,
    pub suggestions: Vec<String>,
    /// 0..1.
    pub confidence: f64,
    /// One sentence, verdict first ("Derbyshire Constabulary: 4 of 8 areas
    /// need improvement, none inadequate (PEEL 2023-25, published …)").
    pub headline: String,
    /// Every grade the answer shows, as rows.
    pub grades: Vec<GradeRow>,
    /// Every quote the answer shows, once each.
    pub quotes: Vec<QuoteRow>,
    /// The curators' notes on what the answer shows; not in `text` unless asked.
    pub notes: Vec<Note>,
    /// The picture that goes with the answer, if any; `ask --json` gives
    /// its kind (`heatmap`, `card`, `compare`) or null.
    #[serde(serialize_with = "chart_kind")]
    pub chart: Option<Spec>,
    /// The HMICFRS report page of the one inspection the answer shows, when
    /// it shows one force's and the sources give the page.
    pub report: Option<String>,
    /// A short heading ("Derbyshire Constabulary — areas to improve").
    #[serde(skip)]
    pub title: String,
    /// The opening paragraph(s), before any fields.
    #[serde(skip)]
    pub summary: String,
    /// Structured parts (one per area, force or quote) for rich front ends.
    #[serde(skip)]
    pub fields: Vec<Field>,
    /// Closing remarks (caveats, notes) after the fields.
    #[serde(skip)]
    pub footnote: String,
    /// The inspection cycle(s) the answer draws on, for a footer.
    #[serde(skip)]
    pub cycles: Vec<String>,
    /// The typed query of each suggestion the engine can ask directly
    /// (suggestion text, query), so a button carries the query, not prose.
    #[serde(skip)]
    pub choices: Vec<(String, Query)>,
}

impl Answer {
    /// An answer with nothing in it yet; `confidence` is clamped to 0..1.
    pub fn new(question: &str, status: Status, intent: Intent, confidence: f32) -> Answer {
        Answer {
            question: question.to_string(),
            status,
            intent,
            forces: Vec::new(),
            text: String::new(),
            citations: Vec::new(),
            suggestions: Vec::new(),
            confidence: f64::from(confidence.clamp(0.0, 1.0)),
            headline: String::new(),
            grades: Vec::new(),
            quotes: Vec::new(),
            notes: Vec::new(),
            chart: None,
            report: None,
            title: String::new(),
            summary: String::new(),
            fields: Vec::new(),
            footnote: String::new(),
            cycles: Vec::new(),
            choices: Vec::new(),
        }
    }

    /// Adds the curators' notes to the text ("notes for Kent", `ask --notes`).
    pub fn show_notes(&mut self) {
        if self.notes.is_empty() || self.text.contains("\nCurators' notes:") {
            return;
        }
        self.text.push_str("\n\nCurators' notes:");
        for n in &self.notes {
            self.text.push_str("\n• ");
            if let Some(c) = &n.cycle {
                self.text.push_str(c);
                self.text.push_str(": ");
            }
            self.text.push_str(&n.text);
        }
    }

    /// The worst grade shown in the answer, for colour.
    pub fn worst_grade(&self) -> Option<Grade> {
        self.fields.iter().filter_map(|f| f.grade).max()
    }

    /// The typed query behind a suggestion, when the engine made one.
    pub fn choice(&self, suggestion: &str) -> Option<&Query> {
        self.choices
            .iter()
            .find(|(s, _)| s == suggestion)
            .map(|(_, q)| q)
    }

    /// Follow-ups worth offering as buttons, from the intent table: (label,
    /// query) for each intent with a follow-up label other than this one.
    pub fn follow_ups(&self) -> Vec<(String, Query)> {
        if self.status != Status::Answered || self.forces.len() != 1 {
            return Vec::new();
        }
        let force = &self.forces[0];
        INTENTS
            .iter()
            .filter(|s| s.intent != self.intent)
            .filter_map(|s| {
                let label = s.follow_up?;
                Some((
                    label.to_string(),
                    Query::new(s.intent).with_force(force.clone()),
                ))
            })
            .collect()
    }
}

/// One answer from the answers to a question's parts, each a section:
/// `answered` only if every part is; the first part's intent; every force,
/// citation and suggestion once; the least confidence.
pub fn combine(question: &str, parts: Vec<Answer>) -> Answer {
    let mut it = parts.into_iter();
    let Some(mut out) = it.next() else {
        return Answer::new(question, Status::NoMatch, Intent::None, 0.0);
    };
    out.question = question.to_string();
    for part in it {
        if out.status == Status::Answered && part.status != Status::Answered {
            out.status = part.status;
        }
        for f in part.forces {
            if !out.forces.contains(&f) {
                out.forces.push(f);
            }
        }
        out.text.push_str("\n\n");
        out.text.push_str(&part.text);
        // A section heading, then the part's own fields.
        let mut head = part.summary.clone();
        if !part.footnote.is_empty() {
            head.push('\n');
            head.push_str(&part.footnote);
        }
        out.fields.push(Field {
            name: if part.title.is_empty() {
                "Also".to_string()
            } else {
                part.title.clone()
            },
            value: head,
            grade: None,
        });
        out.fields.extend(part.fields);
        for c in part.citations {
            if !out
                .citations
                .iter()
                .any(|x| x.url == c.url && x.quote == c.quote)
            {
                out.citations.push(c);
            }
        }
        for s in part.suggestions {
            if !out.suggestions.contains(&s) && out.suggestions.len() < 5 {
                out.suggestions.push(s);
            }
        }
        out.choices.extend(part.choices);
        for g in part.grades {
            if !out.grades.contains(&g) {
                out.grades.push(g);
            }
        }
        for q in part.quotes {
            if !out.quotes.iter().any(|x| x.text == q.text) {
                out.quotes.push(q);
            }
        }
        if out.chart.is_none() {
            out.chart = part.chart;
        }
        for n in part.notes {
            if !out.notes.contains(&n) {
                out.notes.push(n);
            }
        }
        for c in part.cycles {
            if !out.cycles.contains(&c) {
                out.cycles.push(c);
            }
        }
        out.confidence = out.confidence.min(part.confidence);
    }
    out
}
