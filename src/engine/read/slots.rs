//! Finding the things a question names: forces (by name, nickname, town or a
//! shared word such as "Yorkshire"), regions, places outside the
//! inspectorate's remit, cycles and years, an area, a grade (and whether it
//! is negated), a person, glossary terms, and the slot words of
//! [`SLOT_WORDS`] (offices, the inspectorate, time, qualifiers).
//!
//! Each word is claimed by at most one slot; longer phrases win, and names
//! are matched before the looser readings (towns, shared words, prefixes).

use super::super::index::{Hit, Index};
use super::super::words::{is_filler, year_of, NEGATIONS};
pub use super::slot_words::SlotWord;
use super::tokens::Token;
use crate::knowledge::{Grade, KnowledgeBase, Nation};

/// What claimed a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    Free,
    Stop,
    Filler,
    Force,
    Region,
    /// A word shared by several forces' names ("Yorkshire").
    Group,
    Scope,
    Cycle,
    Year,
    /// An area's name or synonym ("responding to the public").
    Area,
    /// A plain-English word for an area ("999", "respond"), which may also
    /// be another reading's cue.
    Keyword,
    Grade,
    Person,
    Term,
    /// A news outlet ("the BBC").
    Outlet,
    Word,
}

/// A force found in a question.
#[derive(Debug, Clone, Copy)]
pub struct FoundForce {
    pub force: usize,
    pub start: usize,
    /// How sure: 1.0 for an exact name, less for towns, typos and prefixes.
    pub score: f32,
}

/// Forces a word or region could mean.
#[derive(Debug, Clone)]
pub struct Group {
    /// As the asker wrote it ("Yorkshire", "the Midlands").
    pub label: String,
    pub forces: Vec<usize>,
    /// Regions meant, when it is a region.
    pub regions: Vec<usize>,
}

/// The area a question names.
#[derive(Debug, Clone, Copy)]
pub struct FoundArea {
    pub family: usize,
    /// 1.0 for a name or synonym, 0.8 for a plain-English keyword.
    pub strength: f32,
}

/// A grade named, and whether it is excluded ("no inadequate grades").
#[derive(Debug, Clone, Copy)]
pub struct FoundGrade {
    pub grade: Grade,
    pub negated: bool,
}

/// Everything a question part names.
#[derive(Debug, Clone)]
pub struct Slots {
    pub forces: Vec<FoundForce>,
    pub groups: Vec<Group>,
    pub out_of_scope: Option<&'static str>,
    pub cycles: Vec<usize>,
    pub years: Vec<u16>,
    pub area: Option<FoundArea>,
    pub grade: Option<FoundGrade>,
    pub speaker: Option<usize>,
    /// A first name shared by several people we quote ("Rachel").
    pub people: Vec<usize>,
    /// A news outlet named (index into `KnowledgeBase::outlets`).
    pub outlet: Option<usize>,
    /// A capitalised name before "say" that matches no one we know.
    pub asked_speaker: Option<String>,
    pub terms: Vec<usize>,
    pub words: Vec<SlotWord>,
    /// What claimed each word.
    pub claims: Vec<Claim>,
}

/// Prepositions that start a place phrase ("Hampshire police in the New Forest").
const LOCATIVES: &[&str] = &["in", "near", "around", "across", "round"];

/// Words naming every Welsh force.
const WALES_WORDS: &[&str] = &["welsh", "wales", "cymru"];

/// Reads the slots of `toks` (one question part).
pub fn find(toks: &[Token], question: &str, kb: &KnowledgeBase, index: &Index) -> Slots {
    let n = toks.len();
    let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
    // Names are indexed without their stopwords ("Avon and Somerset" as
    // avon, somerset), so phrases are matched on the content words and their
    // spans mapped back to the question's words.
    let pos: Vec<usize> = (0..n).filter(|&k| !toks[k].stop).collect();
    let cwords: Vec<&str> = pos.iter().map(|&k| words[k]).collect();
    let cstems: Vec<&str> = pos.iter().map(|&k| toks[k].stem.as_str()).collect();
    let to_tokens = |mut hits: Vec<Hit<'_, usize>>| -> Vec<(usize, usize, usize)> {
        longest_first(&mut hits);
        hits.iter()
            .map(|h| {
                let (a, b) = (pos[h.start], pos[h.start + h.len - 1] + 1);
                (a, b - a, *h.value)
            })
            .collect()
    };
    let mut claims: Vec<Claim> = toks
        .iter()
        .map(|t| {
            if t.stop {
                Claim::Stop
            } else if is_filler(&t.word) {
                Claim::Filler
            } else {
                Claim::Free
            }
        })
        .collect();
    let free = |claims: &[Claim], start: usize, len: usize| {
        claims[start..start + len]
            .iter()
            .all(|c| matches!(c, Claim::Free | Claim::Stop | Claim::Filler))
    };
    let claim = |claims: &mut [Claim], start: usize, len: usize, c: Claim| {
        claims[start..start + len].iter_mut().for_each(|x| *x = c);
    };
    let mut s = Slots {
        forces: Vec::new(),
        groups: Vec::new(),
        out_of_scope: None,
        cycles: Vec::new(),
        years: Vec::new(),
        area: None,
        grade: None,
        speaker: None,
        people: Vec::new(),
        outlet: None,
        asked_speaker: None,
        terms: Vec::new(),
        words: Vec::new(),
        claims: Vec::new(),
    };

    let tables = &index.word_tables;
    // Places abroad whose names hold a force's ("New South Wales").
    for h in tables.lookalikes.find(&words) {
        s.out_of_scope = Some(h.value);
        claim(&mut claims, h.start, h.len, Claim::Scope);
    }

    // News outlets, before forces: "the Derbyshire Times" is a newspaper.
    for (start, len, outlet) in to_tokens(index.outlets.find(&cwords)) {
        if free(&claims, start, len) && s.outlet.is_none() {
            claim(&mut claims, start, len, Claim::Outlet);
            s.outlet = Some(outlet);
        }
    }

    // Cycles first, so "2021/22" is not read as years.
    for (start, len, cycle) in to_tokens(index.cycles.find(&cstems)) {
        if free(&claims, start, len) {
            claim(&mut claims, start, len, Claim::Cycle);
            if !s.cycles.contains(&cycle) {
                s.cycles.push(cycle);
            }
        }
    }

    // Force names (unstemmed: "Staffs" is not "staff").
    let mut found: Vec<FoundForce> = Vec::new();
    for (start, len, force) in to_tokens(index.forces.find(&cwords)) {
        if !free(&claims, start, len) {
            continue;
        }
        // A force name that is also a region's, said as a region
        // ("the West Midlands region", "West Midlands forces").
        let next = words.get(start + len).copied();
        if matches!(next, Some("region" | "regions" | "forces" | "area")) {
            let span: Vec<&str> = toks[start..start + len]
                .iter()
                .filter(|t| !t.stop)
                .map(|t| t.stem.as_str())
                .collect();
            if index
                .regions
                .find(&span)
                .iter()
                .any(|r| r.len == span.len())
            {
                continue;
            }
        }
        claim(&mut claims, start, len, Claim::Force);
        let score = span_score(toks, start, len);
        push_force(&mut found, force, start, score);
    }

    // Regions ("East Midlands", "the North West", "Midlands").
    let mut region_spans: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (start, len, region) in to_tokens(index.regions.find(&cstems)) {
        match region_spans.iter_mut().find(|r| r.0 == start && r.1 == len) {
            Some(r) if !r.2.contains(&region) => r.2.push(region),
            Some(_) => {}
            None if free(&claims, start, len) => {
                claim(&mut claims, start, len, Claim::Region);
                region_spans.push((start, len, vec![region]));
            }
            None => {}
        }
    }
    for (start, len, regions) in region_spans {
        let forces: Vec<usize> = kb
            .forces
            .iter()
            .enumerate()
            .filter(|(_, f)| f.region.is_some_and(|r| regions.contains(&r)))
            .map(|(i, _)| i)
            .collect();
        s.groups.push(Group {
            label: typed_span(toks, start, len),
            forces,
            regions,
        });
    }

    // Towns, a little less certain than a force's own name; a person's name
    // wins over a town's ("Craig Guildford" is not Guildford).
    let person_spans: Vec<(usize, usize)> = to_tokens(index.people.find(&cstems))
        .into_iter()
        .filter(|(start, len, _)| {
            toks[*start..*start + *len]
                .iter()
                .filter(|t| !t.stop)
                .count()
                > 1
        })
        .map(|(start, len, _)| (start, start + len))
        .collect();
    for (start, len, force) in to_tokens(index.places.find(&cwords)) {
        let person = person_spans
            .iter()
            .any(|(a, b)| start < *b && *a < start + len);
        if !person && free(&claims, start, len) {
            claim(&mut claims, start, len, Claim::Force);
            let score = 0.85 * span_score(toks, start, len);
            push_force(&mut found, force, start, score);
        }
    }

    // Bodies the inspectorate's PEEL reports do not cover ("Police Scotland").
    let mut scope_hits = tables.out_of_scope.find(&words);
    scope_hits.sort_by_key(|h| (std::cmp::Reverse(h.len), h.start));
    if let Some(h) = scope_hits.iter().find(|h| free(&claims, h.start, h.len)) {
        s.out_of_scope = Some(h.value);
        claim(&mut claims, h.start, h.len, Claim::Scope);
    }

    // Single words: Wales, words shared by several forces, prefixes ("Nottingham").
    let mut prefix_tries = 0;
    for i in 0..n {
        if claims[i] != Claim::Free {
            continue;
        }
        let t = &toks[i];
        let key = t.word.as_str();
        let mut candidates: Vec<usize> = if WALES_WORDS.contains(&key) {
            kb.forces
                .iter()
                .enumerate()
                .filter(|(_, f)| f.nation == Nation::Wales)
                .map(|(i, _)| i)
                .collect()
        } else if let Some(list) = index.force_words.get(key) {
            list.clone()
        } else if !t.known && key.len() >= 5 && prefix_tries < 4 {
            prefix_tries += 1;
            prefix_forces(key, index)
        } else {
            Vec::new()
        };
        candidates.retain(|c| !found.iter().any(|f| f.force == *c));
        match candidates.len() {
            0 => {}
            1 => {
                claims[i] = Claim::Force;
                let score = if t.known { 0.8 * t.score } else { 0.75 };
                push_force(&mut found, candidates[0], i, score);
            }
            _ => {
                claims[i] = Claim::Group;
                s.groups.push(Group {
                    label: typed_span(toks, i, 1),
                    forces: candidates,
                    regions: Vec::new(),
                });
            }
        }
    }
    found.sort_by_key(|f| f.start);
    s.forces = found;

    // Four-digit years.
    for (i, t) in toks.iter().enumerate() {
        if claims[i] == Claim::Free {
            if let Some(y) = year_of(&t.word) {
                s.years.push(y);
                claims[i] = Claim::Year;
            }
        }
    }

    // Areas: names and synonyms outweigh keywords; longer phrases win.
    let mut area_scores: Vec<(usize, f32, f32)> = Vec::new();
    let mut area_spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut hits = index.areas.find(&cstems);
    hits.sort_by(|a, b| b.len.cmp(&a.len).then(b.value.weight.cmp(&a.value.weight)));
    for h in hits {
        let (start, len) = (pos[h.start], pos[h.start + h.len - 1] + 1 - pos[h.start]);
        if !free(&claims, start, len) {
            continue;
        }
        // A phrase made only of filler ("police") names nothing.
        if (start..start + len).all(|k| claims[k] != Claim::Free) {
            continue;
        }
        let kind = if h.value.weight >= 2 {
            Claim::Area
        } else {
            Claim::Keyword
        };
        claim(&mut claims, start, len, kind);
        area_spans.push((h.value.family, start, len));
        let w = f32::from(h.value.weight) * h.len as f32 * span_score(toks, start, len);
        let strength = if h.value.weight >= 2 { 1.0 } else { 0.8 };
        match area_scores.iter_mut().find(|a| a.0 == h.value.family) {
            Some(a) => {
                a.1 += w;
                a.2 = a.2.max(strength);
            }
            None => area_scores.push((h.value.family, w, strength)),
        }
    }
    area_scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    s.area = area_scores.first().map(|&(family, weight, strength)| {
        // Several plain words for one area ("respond to 999 calls") name it as
        // surely as its name: they are the area's, not other readings' cues.
        if weight >= 2.0 {
            for &(fam, start, len) in &area_spans {
                if fam == family {
                    claim(&mut claims, start, len, Claim::Area);
                }
            }
        }
        FoundArea {
            family,
            strength: if weight >= 2.0 {
                strength.max(0.9)
            } else {
                strength
            },
        }
    });

    // A grade word, unless inside an area name ("good use of resources").
    for (i, t) in toks.iter().enumerate() {
        if !matches!(claims[i], Claim::Free | Claim::Stop | Claim::Filler) {
            continue;
        }
        let (grade, len) = match t.word.as_str() {
            "outstanding" => (Grade::Outstanding, 1),
            "good" => (Grade::Good, 1),
            "adequate" => (Grade::Adequate, 1),
            "inadequate" => (Grade::Inadequate, 1),
            "requires" | "require" | "required" | "requiring" | "needs" | "need"
                if words.get(i + 1) == Some(&"improvement") =>
            {
                (Grade::RequiresImprovement, 2)
            }
            "ri" => (Grade::RequiresImprovement, 1),
            _ => continue,
        };
        // "how good", "any good", "good at": the word is a question's frame,
        // still a grade for questions across forces ("which forces are good at").
        let negated = (i.saturating_sub(3)..i).any(|k| NEGATIONS.contains(&toks[k].typed.as_str()));
        claim(&mut claims, i, len, Claim::Grade);
        if s.grade.is_none() {
            s.grade = Some(FoundGrade { grade, negated });
        }
    }

    // People: the longest name; a short surname-only match must be a real word of the question.
    let speaker = to_tokens(index.people.find(&cstems))
        .into_iter()
        .filter(|&(start, len, _)| free(&claims, start, len))
        .filter(|&(start, len, _)| len > 1 || toks[start].word.len() > 3)
        .max_by_key(|&(_, len, _)| len);
    if let Some((start, len, person)) = speaker {
        claim(&mut claims, start, len, Claim::Person);
        s.speaker = Some(person);
    } else if let Some((k, list)) = (0..n).find_map(|k| {
        // A first name alone, written as a name ("What did Rachel say?").
        let t = &toks[k];
        // Not when a surname we do not know follows ("Andy Burnham").
        let surname = toks
            .get(k + 1)
            .is_some_and(|n| !n.stop && (n.capital || !n.known));
        (claims[k] == Claim::Free && (t.capital || !t.known) && !surname)
            .then(|| index.first_names.get(&t.word))
            .flatten()
            .map(|l| (k, l))
    }) {
        claims[k] = Claim::Person;
        if list.len() == 1 {
            s.speaker = Some(list[0]);
        } else {
            s.people = list.clone();
        }
    } else {
        s.asked_speaker = asked_speaker(question);
        // The unknown person's words are a name, not a topic.
        if let Some(name) = &s.asked_speaker {
            let named = crate::text::fold(name);
            let parts: Vec<&str> = named.split(' ').collect();
            for k in 0..n {
                if claims[k] == Claim::Free && parts.contains(&toks[k].typed.as_str()) {
                    claims[k] = Claim::Person;
                }
            }
        }
    }

    // Glossary terms, most specific first ("legitimacy" before "PEEL").
    let mut hits = to_tokens(index.terms.find(&cstems));
    let generic = |t: usize| crate::text::fold(&kb.glossary[t].term) == "peel";
    hits.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(generic(a.2).cmp(&generic(b.2)))
            .then(a.0.cmp(&b.0))
    });
    for &(start, len, term) in &hits {
        let open = (start..start + len).all(|k| {
            matches!(
                claims[k],
                Claim::Free
                    | Claim::Stop
                    | Claim::Filler
                    | Claim::Grade
                    | Claim::Area
                    | Claim::Keyword
            )
        });
        if open && !s.terms.contains(&term) {
            // A term spelled with an area's or grade's words stays that slot too.
            (start..start + len).for_each(|k| {
                if matches!(claims[k], Claim::Free | Claim::Filler) {
                    claims[k] = Claim::Term;
                }
            });
            s.terms.push(term);
        }
    }

    // Slot words: offices, the inspectorate, time, qualifiers.
    let mut slot_hits: Vec<(usize, usize, SlotWord)> = tables
        .slot_words
        .find(&words)
        .into_iter()
        .map(|h| (h.start, h.len, *h.value))
        .collect();
    slot_hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (i, len, sw) in slot_hits {
        let open = (i..i + len).all(|k| {
            matches!(claims[k], Claim::Free | Claim::Stop | Claim::Filler)
                || (matches!(sw, SlotWord::Balance) && claims[k] == Claim::Grade)
        });
        // "HMICFRS" is a glossary term and says the inspectorate's words are wanted.
        let term = (i..i + len).all(|k| claims[k] == Claim::Term);
        if !open && !term {
            continue;
        }
        if sw == SlotWord::Balance || term {
            // "good" alone is a grade; it frames a verdict only after "how", "any", "is … good".
            if len == 1 && !balance_frame(&words, i) {
                continue;
            }
        } else {
            claim(&mut claims, i, len, Claim::Word);
        }
        if !s.words.contains(&sw) {
            s.words.push(sw);
        }
    }
    // Words after a force in a closing place phrase are where, not what:
    // "Hampshire police in the New Forest" asks about Hampshire.
    if let Some(first) = s.forces.first() {
        if let Some(p) = (first.start + 1..n)
            .rev()
            .find(|&k| LOCATIVES.contains(&words[k]))
        {
            let tail = p + 1..n;
            if !tail.is_empty()
                && tail
                    .clone()
                    .all(|k| matches!(claims[k], Claim::Free | Claim::Stop))
            {
                tail.for_each(|k| claims[k] = Claim::Filler);
            }
        }
    }
    s.claims = claims;
    s
}

/// True when "good" at `i` asks for a verdict ("is Surrey police good?",
/// "are they good or not") rather than naming the grade.
fn balance_frame(words: &[&str], i: usize) -> bool {
    let first = words.first().copied().unwrap_or("");
    let next = words.get(i + 1).copied();
    matches!(first, "is" | "are" | "was" | "were" | "isnt" | "arent")
        && !matches!(next, Some("at" | "for" | "in" | "on"))
        && i + 1 >= words.len().saturating_sub(2)
}

fn push_force(found: &mut Vec<FoundForce>, force: usize, start: usize, score: f32) {
    if !found.iter().any(|f| f.force == force) {
        found.push(FoundForce {
            force,
            start,
            score,
        });
    }
}

fn longest_first<T>(hits: &mut [Hit<T>]) {
    hits.sort_by(|a, b| b.len.cmp(&a.len).then(a.start.cmp(&b.start)));
}

/// The least certain word of a span.
fn span_score(toks: &[Token], start: usize, len: usize) -> f32 {
    toks[start..start + len]
        .iter()
        .map(|t| t.score)
        .fold(1.0f32, f32::min)
}

/// The words as typed, for labels ("Yorkshire").
fn typed_span(toks: &[Token], start: usize, len: usize) -> String {
    toks[start..start + len]
        .iter()
        .map(|t| t.typed.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Forces with a single-word name that starts with `word` ("nottingham" → Nottinghamshire).
fn prefix_forces(word: &str, index: &Index) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, words) in index.short_words.iter().enumerate() {
        for w in words {
            if w.len() > word.len()
                && w.len() - word.len() <= 6
                && w.starts_with(word)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
    }
    out
}

/// The name between "did" and "say" when it names someone ("What did Andy Burnham say").
fn asked_speaker(question: &str) -> Option<String> {
    let lower = question.to_lowercase();
    let start = lower.find("did ")? + 4;
    let end = ["say", "said", "think", "comment"]
        .iter()
        .filter_map(|w| lower[start..].find(&format!(" {w}")).map(|i| start + i))
        .min()?;
    let name = question.get(start..end)?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let generic = [
        "the",
        "a",
        "an",
        "hmicfrs",
        "inspector",
        "inspectors",
        "inspectorate",
        "police",
        "force",
        "chief",
        "pcc",
        "commissioner",
        "mayor",
        "they",
        "it",
        "he",
        "she",
        "hmi",
        "hmic",
        "constable",
        "report",
        "its",
        "their",
    ];
    if words.is_empty()
        || words.len() > 4
        || capitalised < words.len().min(2)
        || words
            .iter()
            .any(|w| generic.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    Some(name.to_string())
}
