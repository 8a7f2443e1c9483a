//! What the engine returns: the `ask --json` contract plus structure for
//! front ends that render richer output (Discord embeds).

use serde::Serialize;

use crate::knowledge::Grade;

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
    pub intent: String,
    /// Slugs of the forces the answer is about.
    pub forces: Vec<String>,
    /// The whole answer as plain text.
    pub text: String,
    pub citations: Vec<Citation>,
    pub suggestions: Vec<String>,
    /// 0..1.
    pub confidence: f64,
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
}

impl Answer {
    /// The worst grade shown in the answer, for colour.
    pub fn worst_grade(&self) -> Option<Grade> {
        self.fields.iter().filter_map(|f| f.grade).max()
    }

    /// Follow-up questions worth offering as buttons: (label, question).
    pub fn follow_ups(&self) -> Vec<(String, String)> {
        if self.status != Status::Answered || self.forces.len() != 1 {
            return Vec::new();
        }
        let force = &self.forces[0];
        let mut out = Vec::new();
        if self.intent != "quote" {
            out.push((
                "Quotes".to_string(),
                format!("What did the inspector say about {force}?"),
            ));
        }
        if self.intent != "response" {
            out.push((
                "Official response".to_string(),
                format!("How did {force} respond to the inspection?"),
            ));
        }
        if self.intent != "overview" {
            out.push(("All grades".to_string(), format!("All grades for {force}")));
        }
        out
    }
}
