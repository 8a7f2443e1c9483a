//! A question in typed values: what the free-text reader produces, and what
//! slash commands, autocomplete choices and buttons build directly, so no
//! front end turns typed options back into English for the engine to parse.
//!
//! A query names things by stable keys (force slugs, area and cycle ids,
//! people's names), never by indices, so it survives a reload and can be
//! written into a Discord button id ([`Query::encode`]).

use super::intents::Intent;
use crate::knowledge::{Grade, QuoteKind};

/// Which inspection a question is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum When {
    /// Not said: the most recent.
    #[default]
    Unspecified,
    /// "latest", "most recent", "this time".
    Latest,
    /// "previous", "last time", "before".
    Previous,
    /// A named cycle, by its id ("2021-22").
    Cycle(String),
    /// A year ("in 2024"): the inspection, or the quotes, of that year.
    Year(u16),
    /// "since 2022": change from then to the latest.
    Since(u16),
}

/// An office whose holder's words are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    ChiefConstable,
    Commissioner,
    Mayor,
    Deputy,
}

impl Role {
    /// Words a quote's recorded role contains when held by this office.
    pub fn matches(self, role: &str) -> bool {
        let r = role.to_lowercase();
        match self {
            Role::ChiefConstable => r.contains("chief constable"),
            Role::Commissioner => r.contains("commissioner"),
            Role::Mayor => r.contains("mayor"),
            Role::Deputy => r.contains("deputy"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::ChiefConstable => "chief constable",
            Role::Commissioner => "commissioner",
            Role::Mayor => "mayor",
            Role::Deputy => "deputy",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Role::ChiefConstable => "cc",
            Role::Commissioner => "pcc",
            Role::Mayor => "mayor",
            Role::Deputy => "dep",
        }
    }

    fn from_code(code: &str) -> Option<Role> {
        [
            Role::ChiefConstable,
            Role::Commissioner,
            Role::Mayor,
            Role::Deputy,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }
}

/// Words that change what a question asks without changing its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Qualifiers {
    /// "no inadequate grades", "not good at": the grade is excluded, not wanted.
    pub negated: bool,
    /// "any good?", "how bad is": a short verdict with both sides.
    pub balance: bool,
    /// "notes for Kent": show the curators' notes.
    pub notes: bool,
    /// "key findings", "what did they find": the inspection's findings too.
    pub findings: bool,
}

/// What a question asks, in typed values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub intent: Intent,
    /// Force slugs, in the order named.
    pub forces: Vec<String>,
    /// Region names ("East Midlands"), when a question names regions.
    pub regions: Vec<String>,
    /// An area id from `areas.toml` ("investigating-crime"); any cycle's id
    /// names the area's whole family across cycles.
    pub area: Option<String>,
    pub grade: Option<Grade>,
    pub when: When,
    /// A person's name as in `people.toml`.
    pub speaker: Option<String>,
    /// A news outlet's name as in `outlets.toml` ("BBC News"): what it printed.
    pub source: Option<String>,
    pub quote_kind: Option<QuoteKind>,
    pub roles: Vec<Role>,
    /// Words to search findings and quotes for, as typed (folded).
    pub topic: Vec<String>,
    /// Glossary terms named, as in `glossary.toml`, most specific first.
    pub terms: Vec<String>,
    pub qualifiers: Qualifiers,
}

impl Query {
    /// A query of one intent with nothing else set.
    pub fn new(intent: Intent) -> Query {
        Query {
            intent,
            forces: Vec::new(),
            regions: Vec::new(),
            area: None,
            grade: None,
            when: When::Unspecified,
            speaker: None,
            source: None,
            quote_kind: None,
            roles: Vec::new(),
            topic: Vec::new(),
            terms: Vec::new(),
            qualifiers: Qualifiers::default(),
        }
    }

    /// The same query about one force.
    pub fn with_force(mut self, slug: impl Into<String>) -> Query {
        self.forces = vec![slug.into()];
        self
    }

    /// A compact text form for Discord button ids (at most 100 characters
    /// there): `q1;i=overview;f=kent,essex;a=investigating-crime;…`. The
    /// leading version tag lets a later format still read today's ids.
    pub fn encode(&self) -> String {
        let mut out = format!("{VERSION};i={}", self.intent.name());
        let mut put = |key: &str, value: &str| {
            if !value.is_empty() {
                out.push(';');
                out.push_str(key);
                out.push('=');
                out.push_str(value);
            }
        };
        put("f", &self.forces.join(","));
        put("r", &self.regions.join(","));
        put("a", self.area.as_deref().unwrap_or(""));
        put("g", self.grade.map(grade_code).unwrap_or(""));
        let when = match &self.when {
            When::Unspecified => String::new(),
            When::Latest => "latest".into(),
            When::Previous => "previous".into(),
            When::Cycle(c) => format!("c:{c}"),
            When::Year(y) => format!("y:{y}"),
            When::Since(y) => format!("s:{y}"),
        };
        put("w", &when);
        put("s", self.speaker.as_deref().unwrap_or(""));
        put("u", self.source.as_deref().unwrap_or(""));
        put(
            "k",
            match self.quote_kind {
                Some(QuoteKind::Inspector) => "i",
                Some(QuoteKind::Response) => "r",
                None => "",
            },
        );
        put(
            "o",
            &self
                .roles
                .iter()
                .map(|r| r.code())
                .collect::<Vec<_>>()
                .join(","),
        );
        put("t", &self.topic.join(","));
        put("e", &self.terms.join(","));
        let q = self.qualifiers;
        let flags: String = [
            (q.negated, 'n'),
            (q.balance, 'b'),
            (q.notes, 'm'),
            (q.findings, 'k'),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, c)| *c)
        .collect();
        put("x", &flags);
        out
    }

    /// Reads [`Query::encode`]'s form; `None` for anything else.
    pub fn decode(text: &str) -> Option<Query> {
        let mut parts = text.split(';');
        if parts.next()? != VERSION {
            return None;
        }
        let (key, name) = parts.next()?.split_once('=')?;
        if key != "i" {
            return None;
        }
        let mut q = Query::new(Intent::from_name(name)?);
        let list = |v: &str| -> Vec<String> { v.split(',').map(str::to_string).collect() };
        for part in parts {
            let (key, value) = part.split_once('=')?;
            match key {
                "f" => q.forces = list(value),
                "r" => q.regions = list(value),
                "a" => q.area = Some(value.to_string()),
                "g" => q.grade = Some(grade_from_code(value)?),
                "w" => {
                    q.when = match value.split_once(':') {
                        None if value == "latest" => When::Latest,
                        None if value == "previous" => When::Previous,
                        Some(("c", c)) => When::Cycle(c.to_string()),
                        Some(("y", y)) => When::Year(y.parse().ok()?),
                        Some(("s", y)) => When::Since(y.parse().ok()?),
                        _ => return None,
                    }
                }
                "s" => q.speaker = Some(value.to_string()),
                "u" => q.source = Some(value.to_string()),
                "k" => {
                    q.quote_kind = Some(match value {
                        "i" => QuoteKind::Inspector,
                        "r" => QuoteKind::Response,
                        _ => return None,
                    })
                }
                "o" => {
                    q.roles = value
                        .split(',')
                        .map(Role::from_code)
                        .collect::<Option<Vec<_>>>()?
                }
                "t" => q.topic = list(value),
                "e" => q.terms = list(value),
                "x" => {
                    for c in value.chars() {
                        match c {
                            'n' => q.qualifiers.negated = true,
                            'b' => q.qualifiers.balance = true,
                            'm' => q.qualifiers.notes = true,
                            'k' => q.qualifiers.findings = true,
                            _ => return None,
                        }
                    }
                }
                _ => return None,
            }
        }
        Some(q)
    }
}

/// The version tag of [`Query::encode`].
const VERSION: &str = "q1";

fn grade_code(g: Grade) -> &'static str {
    match g {
        Grade::Outstanding => "o",
        Grade::Good => "g",
        Grade::Adequate => "a",
        Grade::RequiresImprovement => "ri",
        Grade::Inadequate => "i",
    }
}

fn grade_from_code(code: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| grade_code(*g) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_encode_round_trips_every_field() {
        let q = Query {
            intent: Intent::Compare,
            forces: vec!["kent".into(), "essex".into()],
            regions: vec!["South East".into()],
            area: Some("investigating-crime".into()),
            grade: Some(Grade::RequiresImprovement),
            when: When::Cycle("2021-22".into()),
            speaker: Some("Roy Wilsher".into()),
            source: Some("BBC News".into()),
            quote_kind: Some(QuoteKind::Inspector),
            roles: vec![Role::ChiefConstable, Role::Commissioner],
            topic: vec!["legacy".into(), "issues".into()],
            terms: vec!["Cause of concern".into()],
            qualifiers: Qualifiers {
                negated: true,
                balance: false,
                notes: true,
                findings: true,
            },
        };
        assert_eq!(Query::decode(&q.encode()), Some(q));
        for when in [
            When::Unspecified,
            When::Latest,
            When::Previous,
            When::Year(2024),
            When::Since(2022),
        ] {
            let q = Query {
                when,
                ..Query::new(Intent::Overview).with_force("derbyshire")
            };
            assert_eq!(Query::decode(&q.encode()), Some(q));
        }
    }

    #[test]
    fn query_encode_is_compact() {
        let q = Query::new(Intent::Overview).with_force("hampshire-and-isle-of-wight");
        assert_eq!(q.encode(), "q1;i=overview;f=hampshire-and-isle-of-wight");
    }

    #[test]
    fn query_decode_rejects_foreign_and_malformed() {
        for bad in [
            "",
            "All grades for kent",
            "q0;i=overview",
            "q1;i=nonsense",
            "q1;f=kent",
            "q1;i=overview;z=1",
            "q1;i=overview;g=gud",
            "q1;i=overview;w=y:soon",
            "q1;i=overview;x=q",
        ] {
            assert_eq!(Query::decode(bad), None, "{bad}");
        }
    }
}
