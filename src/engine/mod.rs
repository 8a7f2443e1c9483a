//! The answer engine: a pure function from a question (or a typed
//! [`Query`]) and the loaded knowledge base to an [`Answer`]. It knows
//! nothing about Discord; the terminal, the Discord bot and the tests all
//! call [`Engine::answer`] or [`Engine::answer_query`].
//!
//! A question is cleaned ([`input`]), read into one typed query per part by
//! scoring competing readings ([`read`]) against indexes built once per
//! knowledge base ([`index`], [`passages`]), and answered by the responder
//! its intent names ([`respond`]). The intents and their cue phrases are one
//! table ([`intents`]).

mod answer;
pub mod eval;
mod index;
mod input;
pub mod intents;
mod lexicon;
pub mod palette;
mod passages;
mod phrases;
pub mod picture;
pub mod query;
mod read;
mod respond;
mod shared;
mod vocab;
mod words;

use crate::config::EngineConfig;
use crate::knowledge::{Force, Grade, KnowledgeBase};
use crate::text::fold;

pub use answer::{Answer, Citation, Field, Note, Status};
pub use intents::{Intent, IntentSpec, INTENTS};
pub use query::{Qualifiers, Query, Role, When};
pub use shared::SharedEngine;

use index::Index;
use intents::Forces;
use read::Part;
use respond::{fallback, Ask, Ctx};

/// Most topic words a question searches the sources for.
const MAX_TOPIC_WORDS: usize = 12;

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

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            kb: &self.kb,
            index: &self.index,
        }
    }

    /// Answers one free-text question. Over-long, empty or binary input is
    /// rejected here, on what the user typed.
    pub fn answer(&self, question: &str) -> Answer {
        let cleaned = match input::clean(question, self.config.max_question_chars) {
            Ok(q) => q,
            Err(reason) => return fallback::rejected(question, &reason),
        };
        let parts = read::read_parts(&cleaned, &self.kb, &self.index);
        let mut answers: Vec<Answer> = parts
            .iter()
            .map(|p| self.answer_part(p, question))
            .collect();
        let mut answer = if answers.len() == 1 {
            answers.remove(0)
        } else {
            answer::combine(question, answers)
        };
        // Two decimals: a stable, readable figure in `ask --json`.
        answer.confidence = (answer.confidence * 100.0).round() / 100.0;
        answer
    }

    /// Answers a typed query (slash commands, buttons). `asked` is what the
    /// answer reports as its question ("/force derbyshire").
    pub fn answer_query(&self, query: &Query, asked: &str) -> Answer {
        let ask = self.resolve(query, asked, 1.0);
        let ctx = self.ctx();
        let spec = query.intent.spec();
        let answer = if matches!(spec.slots.forces, Forces::One) && ask.forces.is_empty() {
            if ask.pool.is_empty() {
                fallback::no_match(&ctx, &ask, None)
            } else {
                fallback::clarify_pool(&ctx, &ask)
            }
        } else {
            respond::respond(&ctx, &ask)
        };
        let mut answer = answer;
        answer.confidence = (answer.confidence * 100.0).round() / 100.0;
        answer
    }

    /// The query resolved against this knowledge base.
    fn resolve<'a>(&'a self, q: &'a Query, question: &'a str, confidence: f32) -> Ask<'a> {
        let ix = &self.index;
        let forces: Vec<&Force> = q
            .forces
            .iter()
            .filter_map(|s| ix.slug_of.get(s))
            .map(|&i| &self.kb.forces[i])
            .collect();
        let regions: Vec<usize> = q
            .regions
            .iter()
            .filter_map(|r| ix.region_of.get(r).copied())
            .collect();
        let pool: Vec<&Force> = if regions.is_empty() {
            Vec::new()
        } else {
            self.kb
                .forces
                .iter()
                .filter(|f| f.region.is_some_and(|r| regions.contains(&r)))
                .collect()
        };
        let cycle = match &q.when {
            When::Cycle(id) => ix.cycle_of.get(id).copied(),
            _ => None,
        };
        // Topic words stemmed as the reader does (from the index's cache);
        // a rambling question's first dozen say what it is about.
        let mut topic: Vec<String> = Vec::new();
        for w in q.topic.iter().take(MAX_TOPIC_WORDS) {
            let f = fold(w);
            for part in f
                .split(' ')
                .filter(|p| !p.is_empty() && !words::is_stopword(p))
            {
                // A word the sources never use can only match itself.
                let s = ix.passages.stem_of(part).unwrap_or(part).to_string();
                if !topic.contains(&s) {
                    topic.push(s);
                }
            }
        }
        // Another name for a glossary term asked about ("special measures"
        // for Engage) searches as the term: passages are tagged with it.
        for t in q.terms.iter().filter_map(|t| ix.passages.terms.get(t)) {
            if let Some(n) = t
                .other_names()
                .find(|n| n.iter().all(|s| topic.contains(s)))
            {
                topic.retain(|s| !n.contains(s));
                for s in &t.own {
                    if !topic.contains(s) {
                        topic.push(s.clone());
                    }
                }
            }
        }
        let family = q.area.as_ref().and_then(|a| ix.area_of.get(a).copied());
        // The area's words: the asker's words that name it ("999 calls"), then
        // its names in every cycle, which passages about it use.
        let mut area_words: Vec<String> = Vec::new();
        let mut asked_area: Vec<String> = Vec::new();
        if let Some(fam) = family {
            let names = &ix.families[fam].name_stems;
            let vocabulary = &ix.families[fam].word_stems;
            // The asker's own words for the area ("domestic abuse") apart from
            // its names ("protecting vulnerable people").
            let (of_area, rest): (Vec<String>, Vec<String>) = topic
                .into_iter()
                .partition(|s| names.contains(s) || vocabulary.contains(s));
            topic = rest;
            asked_area = of_area;
            for s in names {
                if !area_words.contains(s) && !asked_area.contains(s) {
                    area_words.push(s.clone());
                }
            }
        }
        Ask {
            question,
            query: q,
            forces,
            pool_name: (!q.regions.is_empty()).then(|| q.regions.join(" and ")),
            pool,
            family,
            cycle,
            speaker: q
                .speaker
                .as_ref()
                .and_then(|s| ix.person_of.get(&fold(s)))
                .map(|&p| &self.kb.people[p]),
            outlet: q
                .source
                .as_deref()
                .and_then(|s| self.kb.outlets.iter().find(|o| o.name == s))
                .map(|o| o.name.as_str()),
            topic,
            asked_area,
            area_words,
            confidence,
        }
    }

    /// Decides what one read part gets: an answer, a question back, or a
    /// polite "not in our sources".
    fn answer_part(&self, part: &Part, question: &str) -> Answer {
        let ctx = self.ctx();
        let q = &part.query;
        let mut ask = self.resolve(q, question, part.confidence);
        let spec = q.intent.spec();
        // Fire services and football are out of scope whatever else is named.
        let fire = matches!(
            part.out_of_scope,
            Some("fire and rescue services" | "football")
        );
        if part.out_of_scope.is_some() && (ask.forces.is_empty() || fire) {
            return fallback::no_match(&ctx, &ask, part.out_of_scope);
        }
        if q.intent == Intent::None {
            let mut a = fallback::no_match(&ctx, &ask, None);
            if ask.forces.is_empty() {
                for &i in &fallback::near_forces(&ctx, &part.unknown) {
                    a.suggestions.insert(
                        0,
                        format!("What does {} need to improve?", self.kb.forces[i].name),
                    );
                }
                a.suggestions.truncate(5);
            }
            return a;
        }
        // A word or region naming several forces, where one force is needed.
        if ask.forces.is_empty() {
            if let Some(g) = part.groups.first() {
                match spec.slots.forces {
                    Forces::Pool | Forces::Any if !g.forces.is_empty() => {
                        ask.pool = g.forces.iter().map(|&i| &self.kb.forces[i]).collect();
                        if ask.pool_name.is_none() {
                            ask.pool_name = Some(respond::capitalise(&g.label));
                        }
                        if q.intent == Intent::Across || ask.family.is_some() {
                            return respond::respond(&ctx, &ask);
                        }
                        if q.intent != Intent::Quote && q.intent != Intent::Topic {
                            let base = Query {
                                intent: Intent::Overview,
                                ..q.clone()
                            };
                            return fallback::clarify_forces(
                                &ctx, &g.label, &g.forces, question, &base,
                            );
                        }
                    }
                    Forces::One | Forces::Several => {
                        return fallback::clarify_forces(&ctx, &g.label, &g.forces, question, q)
                    }
                    _ => {}
                }
            }
        }
        if matches!(q.intent, Intent::Quote | Intent::Response) && ask.speaker.is_none() {
            if part.people.len() > 1 {
                return fallback::clarify_people(&ctx, &part.people, question);
            }
            if ask.forces.is_empty() && !q.roles.is_empty() {
                // "What did the chief constable say?": of which force?
                return fallback::clarify_role(&ctx, q.roles[0], question);
            }
            if let Some(name) = &part.asked_speaker {
                return respond::quotes::unknown_speaker(
                    &ctx,
                    name,
                    ask.forces.first().copied(),
                    question,
                );
            }
        }
        let led_by = q.intent == Intent::Who && ask.speaker.is_some();
        if matches!(spec.slots.forces, Forces::One) && ask.forces.is_empty() && !led_by {
            // A force's kind of answer, with no force named.
            let near = fallback::near_forces(&ctx, &part.unknown);
            if near.is_empty() && part.referent {
                // "What grade did they get?": which force "they" are.
                return fallback::clarify_referent(&ctx, q, question);
            }
            if near.is_empty() {
                let mut a = fallback::no_match(&ctx, &ask, None);
                a.suggestions.insert(0, q.intent.ask_about("Derbyshire"));
                a.suggestions.truncate(5);
                return a;
            }
            return fallback::clarify_guess(&ctx, &near, question, q, &[q.intent], 0.4);
        }
        if f64::from(part.confidence) < self.config.confidence_threshold {
            let forces: Vec<usize> = ask
                .forces
                .iter()
                .filter_map(|f| self.index.slug_of.get(&f.slug).copied())
                .collect();
            if forces.is_empty() {
                return fallback::no_match(&ctx, &ask, None);
            }
            let intents: Vec<Intent> = part
                .readings
                .iter()
                .map(|r| r.0)
                .filter(|i| *i != Intent::None)
                .take(2)
                .collect();
            return fallback::clarify_guess(&ctx, &forces, question, q, &intents, part.confidence);
        }
        respond::respond(&ctx, &ask)
    }

    /// How a question is read: per part, its typed query, confidence and the
    /// best readings' scores (`peelbot ask --explain`).
    pub fn explain(&self, question: &str) -> String {
        let Ok(cleaned) = input::clean(question, self.config.max_question_chars) else {
            return "rejected before reading".to_string();
        };
        let mut out = String::new();
        for (i, p) in read::read_parts(&cleaned, &self.kb, &self.index)
            .iter()
            .enumerate()
        {
            let readings: Vec<String> = p
                .readings
                .iter()
                .take(5)
                .map(|(intent, s)| format!("{intent} {s:.2}"))
                .collect();
            out.push_str(&format!(
                "part {}: {} (confidence {:.2}, explains {:.2}{})\n  readings: {}\n",
                i + 1,
                p.query.encode(),
                p.confidence,
                p.explained,
                if p.inherited {
                    ", forces from the part before"
                } else {
                    ""
                },
                readings.join(", ")
            ));
        }
        out
    }

    /// A typed query in words, for logs and for the `question` of its answer
    /// ("All grades for Kent Police in PEEL 2021/22").
    pub fn describe(&self, q: &Query) -> String {
        let names: Vec<&str> = q
            .forces
            .iter()
            .filter_map(|s| self.kb.force(s))
            .map(|f| f.name.as_str())
            .collect();
        let area = q
            .area
            .as_ref()
            .and_then(|a| self.index.area_of.get(a))
            .map(|&fam| self.index.families[fam].name.to_lowercase());
        let mut s = match (q.intent, names.as_slice()) {
            (Intent::Compare, _) => format!("Compare {}", names.join(" and ")),
            (Intent::Across, _) => format!(
                "Which forces are graded {}",
                q.grade.map(|g| g.lower()).unwrap_or("")
            )
            .trim_end()
            .to_string(),
            (intent, []) => intent.spec().label.to_string(),
            (intent, [one, ..]) => intent.ask_about(one),
        };
        let s_trim = s.trim_end_matches('?').to_string();
        s = s_trim;
        if let Some(a) = area {
            s.push_str(&format!(" for {a}"));
        }
        if let Some(p) = &q.speaker {
            s.push_str(&format!(" from {p}"));
        }
        if !q.topic.is_empty() {
            s.push_str(&format!(" about {}", q.topic.join(" ")));
        }
        match &q.when {
            When::Cycle(id) => {
                if let Some(c) = self.index.cycle_of.get(id) {
                    s.push_str(&format!(" in {}", self.kb.cycles[*c].name));
                }
            }
            When::Year(y) => s.push_str(&format!(" in {y}")),
            When::Since(y) => s.push_str(&format!(" since {y}")),
            When::Previous => s.push_str(" (previous inspection)"),
            When::Latest | When::Unspecified => {}
        }
        s
    }

    /// The forces a piece of text names, by any name the engine understands
    /// (names, nicknames, towns, typos), in the order they appear.
    pub fn forces_named(&self, text: &str) -> Vec<&Force> {
        let Ok(cleaned) = input::clean(text, self.config.max_question_chars) else {
            return Vec::new();
        };
        read::read_parts(&cleaned, &self.kb, &self.index)
            .iter()
            .flat_map(|p| p.query.forces.clone())
            .filter_map(|s| self.kb.force(&s))
            .collect()
    }

    /// A force's slug from a slug or any name the engine understands.
    pub fn resolve_force(&self, text: &str) -> Option<String> {
        let t = text.trim();
        if self.index.slug_of.contains_key(t) {
            return Some(t.to_string());
        }
        self.forces_named(t).first().map(|f| f.slug.clone())
    }

    /// An area id from an id, a name, a synonym or plain-English words.
    pub fn resolve_area(&self, text: &str) -> Option<String> {
        let t = text.trim();
        if self.index.area_of.contains_key(t) {
            return Some(t.to_string());
        }
        let cleaned = input::clean(t, self.config.max_question_chars).ok()?;
        read::read_parts(&cleaned, &self.kb, &self.index)
            .into_iter()
            .find_map(|p| p.query.area)
    }

    /// A cycle id from an id, a name or an alias ("2021/22").
    pub fn resolve_cycle(&self, text: &str) -> Option<String> {
        let t = text.trim();
        if self.index.cycle_of.contains_key(t) {
            return Some(t.to_string());
        }
        let f = fold(t);
        self.kb
            .cycles
            .iter()
            .find(|c| {
                std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .any(|n| fold(n) == f || fold(n).trim_start_matches("peel ") == f)
            })
            .map(|c| c.id.clone())
    }

    /// A grade from its word ("requires improvement", "RI").
    pub fn resolve_grade(&self, text: &str) -> Option<Grade> {
        let f = fold(text);
        Grade::parse(text).or(match f.as_str() {
            "ri" | "requires improvement" | "needs improvement" => Some(Grade::RequiresImprovement),
            _ => None,
        })
    }

    /// A quoted person's name from a name or surname.
    pub fn resolve_speaker(&self, text: &str) -> Option<String> {
        let f = fold(text);
        if let Some(&p) = self.index.person_of.get(&f) {
            return Some(self.kb.people[p].name.clone());
        }
        self.suggest_speakers(text, 1).into_iter().next()
    }

    /// Forces ranked by how well they match a partial name (autocomplete):
    /// (slug, display name), best first, at most `limit`.
    pub fn suggest_forces(&self, partial: &str, limit: usize) -> Vec<(String, String)> {
        let p = fold(partial);
        // A region named ("wales", "east midlands"): all its forces, as
        // high as a name; a region's name begun ("yorkshire" of "Yorkshire
        // and the Humber"): its forces too, after those the word names.
        let regions: Vec<(usize, f64)> = if p.chars().count() >= 3 {
            self.kb
                .regions
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let names: Vec<String> = std::iter::once(&r.name)
                        .chain(&r.aliases)
                        .map(|n| fold(n))
                        .collect();
                    if names
                        .iter()
                        .any(|n| *n == p || n.trim_start_matches("the ") == p)
                    {
                        Some((i, 0.97))
                    } else if names
                        .iter()
                        .any(|n| n.trim_start_matches("the ").starts_with(&p))
                    {
                        Some((i, 0.9))
                    } else {
                        None
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut scored: Vec<(f64, usize, Option<&str>)> = self
            .kb
            .forces
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let name = fold(&f.name);
                let mut best = (name_score(&p, &name), None);
                for n in f.aliases.iter().chain(&f.nicknames) {
                    let s = name_score(&p, &fold(n));
                    if s > best.0 {
                        // Shown beside the name when the name does not hold it.
                        let other = (!name.contains(&fold(n))).then_some(n.as_str());
                        best = (s, other);
                    }
                }
                if let Some(&(_, s)) = regions.iter().find(|(r, _)| f.region == Some(*r)) {
                    best.0 = best.0.max(s);
                }
                (best.0, i, best.1)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let top = scored.first().map_or(0.0, |s| s.0);
        scored
            .into_iter()
            .filter(|(s, _, _)| p.is_empty() || (*s > 0.55 && *s >= top - CHOICE_MARGIN))
            .take(limit)
            .map(|(_, i, nick)| {
                let f = &self.kb.forces[i];
                let label = match nick {
                    Some(n) => format!("{} ({n})", f.name),
                    None => f.name.clone(),
                };
                (f.slug.clone(), label)
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

    /// Canonical area names ranked by how well they match partial words,
    /// or by a plain-English keyword of the area ("999" → responding to the
    /// public); only those within a margin of the best.
    pub fn suggest_areas(&self, partial: &str, limit: usize) -> Vec<String> {
        self.suggest_area_families(partial, limit)
            .into_iter()
            .map(|fam| self.index.families[fam].name.clone())
            .collect()
    }

    /// [`suggest_areas`](Self::suggest_areas) with each area's cycles, for
    /// autocomplete: (name, "Name (2023-25, 2021/22)").
    pub fn suggest_areas_labelled(&self, partial: &str, limit: usize) -> Vec<(String, String)> {
        self.suggest_area_families(partial, limit)
            .into_iter()
            .map(|fam| {
                let f = &self.index.families[fam];
                let cycles: Vec<&str> = f
                    .per_cycle
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.is_some())
                    .map(|(c, _)| self.kb.cycles[c].name.trim_start_matches("PEEL "))
                    .collect();
                (
                    f.name.clone(),
                    format!("{} ({})", f.name, cycles.join(", ")),
                )
            })
            .collect()
    }

    fn suggest_area_families(&self, partial: &str, limit: usize) -> Vec<usize> {
        let p = fold(partial);
        let stems: Vec<String> = p
            .split(' ')
            .filter(|w| !w.is_empty() && !words::is_stopword(w))
            .map(words::stem)
            .collect();
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (i, fam) in self.index.families.iter().enumerate() {
            let mut s = name_score(&p, &fold(&fam.name));
            if !stems.is_empty() && stems.iter().all(|st| fam.word_stems.contains(st)) {
                s = s.max(0.92);
            }
            scored.push((s, i));
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then(
                self.index.families[a.1]
                    .name
                    .cmp(&self.index.families[b.1].name),
            )
        });
        let top = scored.first().map_or(0.0, |s| s.0);
        scored
            .into_iter()
            .filter(|(s, _)| p.is_empty() || (*s > 0.5 && *s >= top - CHOICE_MARGIN))
            .take(limit)
            .map(|(_, i)| i)
            .collect()
    }

    /// A quoted person with what they were when quoted, for autocomplete:
    /// "Roy Wilsher — HM Inspector of Constabulary, HMICFRS".
    pub fn speaker_label(&self, name: &str) -> String {
        let Some(p) = self
            .index
            .person_of
            .get(&fold(name))
            .map(|&i| &self.kb.people[i])
        else {
            return name.to_string();
        };
        let mut about: Vec<String> = p.roles.iter().take(1).cloned().collect();
        if let Some(o) = &p.organisation {
            // A force's slug, or the inspectorate.
            about.push(
                self.kb
                    .force(o)
                    .map_or_else(|| o.clone(), |f| f.name.clone()),
            );
        }
        if about.is_empty() {
            name.to_string()
        } else {
            format!("{name} — {}", about.join(", "))
        }
    }
}

/// Autocomplete offers only choices this close to the best one's score, so
/// "gmp" offers Greater Manchester, not every force with a G.
const CHOICE_MARGIN: f64 = 0.12;

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
