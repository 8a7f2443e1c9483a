//! The answer engine: a pure function from a question (and the loaded
//! knowledge base) to an [`Answer`]. It knows nothing about Discord; the
//! terminal, the Discord bot and the tests all call [`Engine::answer`].
//!
//! A question is cleaned ([`input`]), read ([`understand`]) against indexes
//! built once per knowledge base ([`index`], [`vocab`]), routed to one kind of
//! answer here, and answered by the matching module of [`respond`].

mod answer;
pub mod eval;
mod index;
mod input;
pub mod palette;
mod respond;
mod shared;
mod understand;
mod vocab;
mod words;

use crate::config::EngineConfig;
use crate::knowledge::{Grade, KnowledgeBase, QuoteKind};
use crate::text::fold;

pub use answer::{Answer, Citation, Field, Status};
pub use shared::SharedEngine;

use index::Index;
use respond::quotes::QuoteFilter;
use respond::{across, fallback, grades, info, quotes, topic, Ctx};
use understand::Understanding;

/// A structured request, as slash commands with typed options make them.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Any free-text question.
    Ask(String),
    /// A force's grades and areas to improve, optionally for one cycle.
    Force {
        force: String,
        cycle: Option<String>,
    },
    /// Quotes, filtered by any of force, speaker and topic words.
    Quotes {
        force: Option<String>,
        speaker: Option<String>,
        topic: Option<String>,
    },
    /// Two forces side by side, overall or on one area.
    Compare {
        a: String,
        b: String,
        area: Option<String>,
    },
    /// Forces with a given grade for an area.
    Which {
        grade: String,
        area: String,
        cycle: Option<String>,
    },
}

impl Request {
    /// The same request as a question, so both paths share one reading.
    pub fn to_question(&self) -> String {
        let opt = |o: &Option<String>| {
            o.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        match self {
            Request::Ask(q) => q.clone(),
            Request::Force { force, cycle } => match opt(cycle) {
                Some(c) => format!("All grades for {force} in {c}"),
                None => format!("All grades for {force}"),
            },
            Request::Quotes {
                force,
                speaker,
                topic,
            } => {
                let mut q = match opt(speaker) {
                    Some(s) => format!("What did {s} say"),
                    None => "What did the inspectors say".to_string(),
                };
                if let Some(f) = opt(force) {
                    q.push_str(&format!(" about {f}"));
                }
                if let Some(t) = opt(topic) {
                    q.push_str(&format!(" about {t}"));
                }
                q
            }
            Request::Compare { a, b, area } => match opt(area) {
                Some(ar) => format!("Compare {a} and {b} on {ar}"),
                None => format!("Compare {a} and {b}"),
            },
            Request::Which { grade, area, cycle } => match opt(cycle) {
                Some(c) => format!("Which forces were graded {grade} for {area} in {c}?"),
                None => format!("Which forces are graded {grade} for {area}?"),
            },
        }
    }
}

/// Answers questions from one loaded knowledge base.
#[derive(Debug)]
pub struct Engine {
    kb: KnowledgeBase,
    index: Index,
    config: EngineConfig,
}

impl Engine {
    /// Builds the engine and its indexes; done once per (re)load.
    pub fn new(kb: KnowledgeBase, config: &EngineConfig) -> Engine {
        let index = Index::new(&kb);
        Engine {
            kb,
            index,
            config: config.clone(),
        }
    }

    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.kb
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Answers a structured request (slash commands).
    pub fn answer_request(&self, request: &Request) -> Answer {
        self.answer(&request.to_question())
    }

    /// Answers one free-text question.
    pub fn answer(&self, question: &str) -> Answer {
        let cleaned = match input::clean(question, self.config.max_question_chars) {
            Ok(q) => q,
            Err(reason) => return fallback::rejected(question, &reason),
        };
        let ctx = Ctx {
            kb: &self.kb,
            index: &self.index,
        };
        let u = Understanding::read(&cleaned, &self.kb, &self.index);
        let mut answer = self.route(&ctx, &u, question);
        if answer.status == Status::Answered && answer.confidence < self.config.confidence_threshold
        {
            let forces: Vec<usize> = u.forces.iter().map(|f| f.0).collect();
            // With no word saying what was wanted, a weak reading is not worth a guess.
            let strong = understand::Cues {
                grade: false,
                ..u.cues
            };
            let no_cue =
                strong == understand::Cues::default() && u.grade.is_none() && u.area.is_none();
            answer = if forces.is_empty() || no_cue {
                fallback::no_match(&ctx, &u, question)
            } else {
                let intent = answer.intent.clone();
                fallback::clarify_guess(
                    &ctx,
                    &forces,
                    question,
                    &|f| template(&intent, f),
                    answer.confidence as f32,
                )
            };
        }
        // Two decimals: a stable, readable figure in `ask --json`.
        answer.confidence = (answer.confidence * 100.0).round() / 100.0;
        answer
    }

    fn route(&self, ctx: &Ctx, u: &Understanding, question: &str) -> Answer {
        let c = &u.cues;
        let fire = u.out_of_scope == Some("fire and rescue services");
        if u.out_of_scope.is_some() && (u.forces.is_empty() || fire) {
            return fallback::no_match(ctx, u, question);
        }
        let peel_cue = c.improve
            || c.strengths
            || c.quote
            || c.response
            || c.who
            || c.when
            || c.compare
            || c.change
            || c.across
            || c.overview
            || u.grade.is_some()
            || u.speaker.is_some();
        if u.off_topic && (!peel_cue || !u.police_context) {
            return fallback::no_match(ctx, u, question);
        }
        if c.help && u.forces.is_empty() && u.area.is_none() {
            return info::help(ctx, question);
        }
        let force_conf = u.forces.iter().map(|f| f.1).fold(1.0f32, f32::min);
        let area_conf = u.area.map(|a| a.1).unwrap_or(1.0);

        if u.forces.is_empty() && u.groups.is_empty() {
            // "What does requires improvement mean?", "How are forces graded?"
            let grades_term = self
                .kb
                .glossary
                .iter()
                .position(|t| fold(&t.term) == "grades");
            let about_grades = (c.define && u.grade.is_some())
                || (u.area.is_none()
                    && u.grade.is_none()
                    && u.topic.is_empty()
                    && !c.quote
                    && (u.term.is_none() || u.term == grades_term)
                    && (c.grade || c.overview));
            if about_grades {
                if let Some(t) = self
                    .kb
                    .glossary
                    .iter()
                    .position(|t| fold(&t.term) == "grades")
                {
                    return info::glossary(ctx, &self.kb.glossary[t], question, 0.9);
                }
            }
            // Glossary: "what is a cause of concern", "what does PEEL stand for".
            // Words we could not place ("Essx police grades") are more likely a name than a term.
            if let Some(t) = u.term.filter(|_| c.define || u.unknown.is_empty()) {
                let other = c.quote || c.improve || c.across || c.response || u.speaker.is_some();
                if c.define || (!other && u.area.is_none()) {
                    let _ = t;
                    return info::glossary_terms(ctx, &u.terms, question, 0.95);
                }
            }
        }

        match u.forces.len() {
            0 => self.no_force(ctx, u, question, area_conf),
            1 => self.one_force(ctx, u, question, force_conf, area_conf),
            _ => {
                let forces: Vec<&crate::knowledge::Force> = u
                    .forces
                    .iter()
                    .take(6)
                    .map(|(i, _)| &self.kb.forces[*i])
                    .collect();
                if c.across {
                    return across::across(ctx, &self.all_forces(), u, question, force_conf * 0.8);
                }
                across::compare(ctx, &forces, u.area.map(|a| a.0), u, question, force_conf)
            }
        }
    }

    fn no_force(&self, ctx: &Ctx, u: &Understanding, question: &str, area_conf: f32) -> Answer {
        let c = &u.cues;
        if let Some((word, cands)) = u.groups.first() {
            if c.across || (u.area.is_some() && u.grade.is_some()) {
                // "Which Welsh forces are outstanding at ...": across, within the group.
                let pool: Vec<&crate::knowledge::Force> =
                    cands.iter().map(|&i| &self.kb.forces[i]).collect();
                return across::across(ctx, &pool, u, question, area_conf * 0.9);
            }
            let intent = self.guess_intent(u);
            return fallback::clarify_forces(ctx, word, cands, question, &|f| template(intent, f));
        }
        if let Some(p) = u.speaker {
            let folded = fold(question);
            if !c.quote
                && [
                    "inspect",
                    "inspected",
                    "led",
                    "lead",
                    "leads",
                    "inspections",
                ]
                .iter()
                .any(|w| folded.split(' ').any(|x| x == *w))
            {
                return info::led_by(ctx, &self.kb.people[p].name, question);
            }
            let filter = QuoteFilter {
                force: None,
                speaker: Some(&self.kb.people[p].name),
                kind: None,
                roles: Vec::new(),
            };
            return quotes::quotes(ctx, &filter, u, question, 0.9, "quote");
        }
        if let Some(name) = &u.asked_speaker {
            // A first name alone ("What did Rachel say?"): everyone we quote by that name.
            let first = fold(name);
            let same: Vec<&str> = self
                .kb
                .people
                .iter()
                .filter(|p| fold(&p.name).split(' ').next() == Some(first.as_str()))
                .map(|p| p.name.as_str())
                .collect();
            if same.len() == 1 {
                let filter = QuoteFilter {
                    force: None,
                    speaker: Some(same[0]),
                    kind: None,
                    roles: Vec::new(),
                };
                return quotes::quotes(ctx, &filter, u, question, 0.8, "quote");
            }
            if same.len() > 1 {
                let mut b = respond::Builder::new(question, Status::Clarify, "clarify", 0.5);
                b.say(format!(
                    "We quote more than one {name}: {}. Which one do you mean?",
                    same.join(", ")
                ));
                for p in same {
                    b.suggest(format!("What did {p} say?"));
                }
                return b.build();
            }
            return quotes::unknown_speaker(ctx, name, None, question);
        }
        if c.across || (u.area.is_some() && u.grade.is_some()) {
            if u.area.is_none()
                && u.grade.is_none()
                && topic::has_matches(
                    ctx,
                    &self.kb.forces.iter().collect::<Vec<_>>(),
                    &u.topic_all,
                )
            {
                return topic::about(
                    ctx,
                    None,
                    &u.topic_all,
                    &topic_label(question, u),
                    question,
                    0.75,
                );
            }
            let conf = if u.area.is_some() {
                area_conf * 0.95
            } else {
                0.8
            };
            return across::across(ctx, &self.all_forces(), u, question, conf);
        }
        if c.quote || (c.inspector && !u.topic_all.is_empty()) {
            if u.topic_all.is_empty() {
                let mut b = respond::Builder::new(question, Status::Clarify, "quote", 0.5);
                b.say("Which force, person or topic do you want quotes about?");
                b.suggest("What did the inspector say about Derbyshire?");
                b.suggest("What did Roy Wilsher say about legacy issues?");
                b.suggest("What did inspectors say about 999 calls?");
                return b.build();
            }
            let filter = QuoteFilter {
                force: None,
                speaker: None,
                kind: (c.inspector && !c.response).then_some(QuoteKind::Inspector),
                roles: Vec::new(),
            };
            let a = quotes::quotes(ctx, &filter, u, question, 0.75, "quote");
            if !a.citations.is_empty() {
                return a;
            }
        }
        if let Some(t) = u.term {
            return info::glossary(ctx, &self.kb.glossary[t], question, 0.8);
        }
        fallback::no_match(ctx, u, question)
    }

    fn one_force(
        &self,
        ctx: &Ctx,
        u: &Understanding,
        question: &str,
        force_conf: f32,
        area_conf: f32,
    ) -> Answer {
        let c = &u.cues;
        let force = &self.kb.forces[u.forces[0].0];
        if u.off_topic && u.area.is_some() && !c.quote {
            // "Derbyshire police phone number": the area word is incidental.
            return fallback::no_match(ctx, u, question);
        }
        if (c.change || u.cycles_named.len() >= 2) && !c.who && !c.when {
            return grades::change(ctx, force, u, question, force_conf);
        }
        if c.who || (c.when && !c.quote && u.area.is_none()) {
            return info::who_when(ctx, force, u, question, force_conf);
        }
        if c.response
            || (c.quote && (c.chief || c.commissioner || c.mayor))
            || ((c.chief || c.mayor) && u.area.is_none())
        {
            let mut roles = Vec::new();
            if c.chief {
                roles.push("chief constable");
            }
            if c.commissioner {
                roles.push("commissioner");
            }
            if c.mayor {
                roles.push("mayor");
            }
            // A named speaker decides whose words, whatever their side.
            let speaker = u.speaker.map(|p| self.kb.people[p].name.as_str());
            let filter = QuoteFilter {
                force: Some(force),
                speaker,
                kind: speaker.is_none().then_some(QuoteKind::Response),
                roles: if speaker.is_some() { Vec::new() } else { roles },
            };
            return quotes::quotes(ctx, &filter, u, question, force_conf, "response");
        }
        if u.speaker.is_none() && c.quote {
            if let Some(name) = &u.asked_speaker {
                return quotes::unknown_speaker(ctx, name, Some(force), question);
            }
        }
        if c.quote || u.speaker.is_some() {
            let speaker = u.speaker.map(|p| self.kb.people[p].name.as_str());
            let filter = QuoteFilter {
                force: Some(force),
                speaker,
                kind: (speaker.is_none() && c.inspector).then_some(QuoteKind::Inspector),
                roles: Vec::new(),
            };
            return quotes::quotes(ctx, &filter, u, question, force_conf, "quote");
        }
        if c.strengths && !c.improve && u.area.is_none() {
            return quotes::strengths(ctx, force, question, force_conf);
        }
        // A plain-English word that could name an area ("victims") but matches
        // findings better, with nothing asking for a grade: what the sources say.
        let names_inspection = !u.cycles_named.is_empty() || !u.years.is_empty();
        if area_conf < 1.0
            && !names_inspection
            && !c.grade
            && u.grade.is_none()
            && !c.improve
            && topic::has_matches(ctx, &[force], &u.topic_all)
        {
            return topic_answer(ctx, Some(force), u, question, force_conf * 0.85);
        }
        if let Some((fam, _)) = u.area {
            if !(c.improve && u.grade.is_none() && area_conf < 1.0) {
                let cue = if c.grade || u.grade.is_some() {
                    1.0
                } else {
                    0.85
                };
                return grades::grade(ctx, force, fam, u, question, force_conf * area_conf * cue);
            }
        }
        if let Some(g) = u.grade {
            if !c.improve || g == Grade::Inadequate {
                return topic::areas_with_grade(ctx, force, g, question, force_conf);
            }
        }
        if c.improve {
            return grades::improve(ctx, force, u, question, force_conf);
        }
        // A topic the sources mention for this force ("Is Cleveland in Engage?").
        if !c.overview
            && !c.grade
            && !u.topic_all.is_empty()
            && topic::has_matches(ctx, &[force], &u.topic_all)
        {
            return topic_answer(ctx, Some(force), u, question, force_conf * 0.9);
        }
        // A force alone: all its grades. Lower confidence when the question
        // had many words we could not place.
        let unexplained = u.topic.len() as f32 / u.content_len.max(1) as f32;
        let conf = force_conf
            * if unexplained > 0.5 && u.topic.len() >= 3 {
                0.6
            } else {
                0.9
            };
        grades::overview(ctx, force, u, question, conf)
    }

    fn all_forces(&self) -> Vec<&crate::knowledge::Force> {
        self.kb.forces.iter().collect()
    }

    /// The likely intent when the force is still unknown, for clarify suggestions.
    fn guess_intent(&self, u: &Understanding) -> &'static str {
        let c = &u.cues;
        if c.improve {
            "improve"
        } else if c.response {
            "response"
        } else if c.quote {
            "quote"
        } else if c.who {
            "who"
        } else {
            "overview"
        }
    }

    /// The forces a piece of text names, by any name the engine understands
    /// (names, nicknames, towns, typos), in the order they appear.
    pub fn forces_named(&self, text: &str) -> Vec<&crate::knowledge::Force> {
        let Ok(cleaned) = input::clean(text, self.config.max_question_chars) else {
            return Vec::new();
        };
        let u = Understanding::read(&cleaned, &self.kb, &self.index);
        u.forces.iter().map(|(i, _)| &self.kb.forces[*i]).collect()
    }

    /// Forces ranked by how well they match a partial name (autocomplete):
    /// (slug, display name), best first, at most `limit`.
    pub fn suggest_forces(&self, partial: &str, limit: usize) -> Vec<(String, String)> {
        let p = fold(partial);
        let mut scored: Vec<(f64, usize)> = self
            .kb
            .forces
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let best = std::iter::once(&f.name)
                    .chain(&f.aliases)
                    .chain(&f.nicknames)
                    .map(|n| name_score(&p, &fold(n)))
                    .fold(0.0, f64::max);
                (best, i)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .filter(|(s, _)| p.is_empty() || *s > 0.55)
            .take(limit)
            .map(|(_, i)| {
                (
                    self.kb.forces[i].slug.clone(),
                    self.kb.forces[i].name.clone(),
                )
            })
            .collect()
    }

    /// Quoted speakers ranked by how well they match a partial name.
    pub fn suggest_speakers(&self, partial: &str, limit: usize) -> Vec<String> {
        let p = fold(partial);
        let mut scored: Vec<(f64, &str)> = self
            .kb
            .people
            .iter()
            .map(|x| (name_score(&p, &fold(&x.name)), x.name.as_str()))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .filter(|(s, _)| p.is_empty() || *s > 0.55)
            .take(limit)
            .map(|(_, n)| n.to_string())
            .collect()
    }

    /// Canonical area names ranked by how well they match partial words.
    pub fn suggest_areas(&self, partial: &str, limit: usize) -> Vec<String> {
        let p = fold(partial);
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for fam in &self.index.families {
            scored.push((name_score(&p, &fold(&fam.name)), fam.name.as_str()));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .filter(|(s, _)| p.is_empty() || *s > 0.5)
            .take(limit)
            .map(|(_, n)| n.to_string())
            .collect()
    }
}

/// How well a typed fragment matches a name: prefixes and word prefixes
/// score highest, then fuzzy similarity of the fragment to any word.
fn name_score(partial: &str, name: &str) -> f64 {
    if partial.is_empty() {
        return 1.0;
    }
    if name.starts_with(partial) {
        return 1.0;
    }
    if name.split(' ').any(|w| w.starts_with(partial)) {
        return 0.95;
    }
    if name.contains(partial) {
        return 0.9;
    }
    let whole = strsim::jaro_winkler(partial, name);
    let word = name
        .split(' ')
        .map(|w| {
            let cut: String = w.chars().take(partial.chars().count().max(3)).collect();
            strsim::jaro_winkler(partial, &cut)
        })
        .fold(0.0, f64::max);
    whole.max(word * 0.9)
}

/// A question of the given kind about a named force (for suggestions).
fn template(intent: &str, force: &str) -> String {
    match intent {
        "improve" => format!("What does {force} need to improve?"),
        "response" => format!("How did {force} respond to the inspection?"),
        "quote" => format!("What did the inspector say about {force}?"),
        "who" | "when" => format!("Who led the inspection of {force}?"),
        "strengths" => format!("What is {force} good at?"),
        _ => format!("All grades for {force}"),
    }
}

/// The words a topic answer is about, as the asker wrote them (for its title).
pub(crate) fn topic_label(question: &str, u: &Understanding) -> String {
    let words: Vec<&str> = question
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let s = words::stem(&fold(w));
            u.topic_all.contains(&s)
        })
        .collect();
    if words.is_empty() {
        "this topic".to_string()
    } else {
        format!("\"{}\"", words.join(" "))
    }
}

/// What the sources say about the question's topic words.
fn topic_answer(
    ctx: &Ctx,
    force: Option<&crate::knowledge::Force>,
    u: &Understanding,
    question: &str,
    confidence: f32,
) -> Answer {
    topic::about(
        ctx,
        force,
        &u.topic_all,
        &topic_label(question, u),
        question,
        confidence,
    )
}
