//! The free-text reader: a question becomes one typed [`Query`] per part,
//! each with the scores of its competing readings and a confidence.
//!
//! Stages, each its own module: words ([`tokens`]), the things named
//! ([`slots`]), cue phrases of the intent table ([`cues`]), parts of a
//! multi-part question ([`split`]), and the readings' scores ([`score`]).

pub mod cues;
pub mod score;
pub mod slot_words;
pub mod slots;
pub mod split;
pub mod tokens;

use super::index::Index;
use super::intents::{Intent, Use};
use super::passages::Scope;
use super::query::{Qualifiers, Query, When};
use crate::knowledge::{KnowledgeBase, QuoteKind};
use score::{Evidence, Reading, SpeakerSide};
use slots::{Claim, Group, SlotWord, Slots};
use tokens::Token;

/// One part of a question, read.
#[derive(Debug, Clone)]
pub struct Part {
    pub query: Query,
    /// 0..1: how far to trust the reading.
    pub confidence: f32,
    /// Every intent's score, best first (for tests and clarify).
    pub readings: Vec<(Intent, f32)>,
    /// Share of the part's content words the best reading explains (0..1).
    pub explained: f32,
    /// Words or regions naming several forces ("Yorkshire", "the Midlands").
    pub groups: Vec<Group>,
    /// A body outside the inspectorate's remit ("Police Scotland").
    pub out_of_scope: Option<&'static str>,
    /// A person asked about whom the knowledge base does not hold.
    pub asked_speaker: Option<String>,
    /// People a first name could mean ("Rachel").
    pub people: Vec<usize>,
    /// Unknown words, for "did you mean".
    pub unknown: Vec<String>,
    /// True when the part took its forces from the part before ("… and who led it?").
    pub inherited: bool,
    /// A word standing for a force not named ("what grade did they get").
    pub referent: bool,
}

/// Reads a cleaned question into its parts (one for most questions).
pub fn read_parts(question: &str, kb: &KnowledgeBase, index: &Index) -> Vec<Part> {
    let (toks, unknown) = tokens::tokenize(question, index);
    let cue_words: Vec<cues::CueWord> = toks
        .iter()
        .map(|t| cues::CueWord {
            stem: &t.stem,
            word: &t.word,
            stop: t.stop,
        })
        .collect();
    let whole = slots::find(&toks, question, kb, index);
    let mut whole = whole;
    let hits = reported(own_words(index.cues.find(&cue_words), &whole), &mut whole);
    let ranges = split::split(&toks, &whole, &hits);
    let mut parts: Vec<Part> = Vec::with_capacity(ranges.len());
    if ranges.len() == 1 {
        parts.push(read_one(&toks, whole, hits, kb, index, unknown));
        return parts;
    }
    let mut prev: Option<Slots> = None;
    for range in ranges {
        let part_toks = &toks[range.clone()];
        let part_words = &cue_words[range];
        let mut s = slots::find(part_toks, question, kb, index);
        let h = reported(own_words(index.cues.find(part_words), &s), &mut s);
        let mut inherited = false;
        if let Some(before) = &prev {
            inherited = inherit(&mut s, before);
            // "What is PEEL and how is it graded?": a later part's "it" is
            // what the part before asked about, whatever that was.
            s.words.retain(|w| *w != SlotWord::Referent);
        }
        let asked_nothing = !h.iter().any(|c| c.weight >= 0.8);
        let kept = s.clone();
        let mut p = read_one(part_toks, s, h, kb, index, unknown.clone());
        p.inherited = inherited;
        // "… and did Essex?": a part asking nothing of its own repeats the ask before it.
        if let (true, Some(before)) = (asked_nothing, parts.last()) {
            if before.query.intent != Intent::None && !p.query.forces.is_empty() {
                p.query.intent = before.query.intent;
            }
        }
        parts.push(p);
        prev = Some(kept);
    }
    parts
}

/// Cue phrases whose own words are free: a word that names a force, an area,
/// a place, a time or a person is that, not a cue ("responding" in
/// "responding to the public" does not ask for the force's response).
fn own_words(mut hits: Vec<cues::CueHit>, slots: &Slots) -> Vec<cues::CueHit> {
    hits.retain(|h| {
        (h.start..h.end).all(|k| {
            !h.says(k)
                || !matches!(
                    slots.claims[k],
                    Claim::Force
                        | Claim::Region
                        | Claim::Group
                        | Claim::Cycle
                        | Claim::Year
                        | Claim::Person
                        | Claim::Area
                        | Claim::Scope
                        | Claim::Outlet
                )
        })
    });
    hits
}

/// How much a saying cue counts when it only reports what is asked.
const REPORTING: f32 = 0.3;
/// Weight of a cue that is a word of saying, not of opinion ("think", 0.5).
const SAYING: f32 = 0.9;

/// "What did inspectors say Leicestershire must improve?": a saying cue
/// followed by a force (the subject of what was said) and then another
/// intent's cue only reports that ask, so it counts little. "What did
/// Derbyshire say about change?" and "did Derbyshire say they…" still ask
/// for words. The reporting words are then filler: no reading is charged
/// for leaving them unexplained.
fn reported(mut hits: Vec<cues::CueHit>, slots: &mut Slots) -> Vec<cues::CueHit> {
    let saying = |i: Intent| matches!(i, Intent::Quote | Intent::Response);
    // Only a word of saying opens a reported clause ("say", "said", "quote"),
    // not one of opinion ("did the inspector think Derbyshire was capable…"
    // asks for the opinion).
    let clause = hits.iter().find_map(|h| {
        (saying(h.intent)
            && h.weight >= SAYING
            && matches!(slots.claims.get(h.end), Some(Claim::Force)))
        .then_some(h.end)
    });
    let Some(k) = clause else {
        return hits;
    };
    let asked = hits
        .iter()
        .any(|h| h.start > k && !saying(h.intent) && h.intent != Intent::None);
    if asked {
        for h in hits.iter_mut().filter(|h| saying(h.intent) && h.end <= k) {
            h.weight *= REPORTING;
            for w in h.start..h.end {
                if h.says(w) && slots.claims[w] == Claim::Free {
                    slots.claims[w] = Claim::Filler;
                }
            }
        }
    }
    hits
}

/// A later part takes what it leaves unsaid from the part before, before it
/// is scored: its forces, its inspection and its area ("… and who led it?").
/// True when it took the forces.
fn inherit(s: &mut Slots, before: &Slots) -> bool {
    let mut took = false;
    if s.forces.is_empty() && s.groups.is_empty() && s.out_of_scope.is_none() {
        s.forces = before.forces.clone();
        s.groups = before.groups.clone();
        took = !s.forces.is_empty();
    }
    if s.cycles.is_empty() && s.years.is_empty() {
        s.cycles = before.cycles.clone();
        s.years = before.years.clone();
        for w in &before.words {
            if matches!(w, SlotWord::Previous | SlotWord::Latest | SlotWord::Since)
                && !s.words.contains(w)
            {
                s.words.push(*w);
            }
        }
    }
    if s.area.is_none() {
        s.area = before.area;
    }
    took
}

/// Words of a part looked up in the glossary: a definition question is short.
const MAX_GLOSSARY_WORDS: usize = 12;

fn read_one(
    toks: &[Token],
    slots: Slots,
    hits: Vec<cues::CueHit>,
    kb: &KnowledgeBase,
    index: &Index,
    unknown: Vec<String>,
) -> Part {
    // What the sources in scope say of the words a topic reading would search for.
    let force_ids: Vec<usize> = slots.forces.iter().map(|f| f.force).collect();
    let candidates: Vec<usize> = (0..toks.len())
        .filter(|&k| topic_candidate(&slots, k))
        .collect();
    // A word of another name for a glossary term ("special measures") is
    // looked for as the term (passages are tagged with it).
    let stems: Vec<String> = candidates
        .iter()
        .map(|&k| {
            let stem = &toks[k].stem;
            if slots.claims[k] == Claim::Term {
                let own = slots
                    .terms
                    .iter()
                    .filter_map(|&t| index.passages.terms.get(&kb.glossary[t].term))
                    .find(|t| t.other_names().any(|n| n.contains(stem)))
                    .and_then(|t| t.own.first());
                if let Some(own) = own {
                    return own.clone();
                }
            }
            stem.clone()
        })
        .collect();
    let scope = Scope {
        forces: &force_ids,
        ..Scope::default()
    };
    let found = index.passages.explains(kb, &stems, &scope);
    let mut r = vec![0.0f32; toks.len()];
    for (k, v) in candidates.iter().zip(found) {
        r[*k] = v;
    }
    let speaker = slots.speaker.map(|p| {
        if kb.people[p].organisation.as_deref() == Some("HMICFRS") {
            SpeakerSide::Inspectorate
        } else {
            SpeakerSide::Force
        }
    });
    // With no force named, what the glossary's entries tell ("why were
    // there no reports in 2020") is evidence for a definition.
    let mut g = vec![0.0f32; toks.len()];
    if slots.forces.is_empty() && slots.groups.is_empty() {
        let asked: Vec<usize> = (0..toks.len())
            .filter(|&k| matches!(slots.claims[k], Claim::Free | Claim::Year) && toks[k].known)
            .take(MAX_GLOSSARY_WORDS)
            .collect();
        let stems: Vec<String> = asked.iter().map(|&k| toks[k].stem.clone()).collect();
        if let Some((entry, _)) = index.glossary_for(&stems) {
            let held = &index.glossary_stems[entry];
            for (&k, s) in asked.iter().zip(&stems) {
                // Words many entries hold ("crime", "forces") tell little.
                if held.binary_search(s).is_ok() && index.glossary_distinctive(s) {
                    g[k] = 1.0;
                }
            }
        }
    }
    let readings = score::score(
        toks,
        &slots,
        &hits,
        &Evidence {
            r: &r,
            glossary: &g,
            speaker,
        },
    );
    let sure = slots.forces.iter().map(|f| f.score).fold(1.0f32, f32::min);
    let confidence = score::confidence(&readings, sure);
    let best = readings.first().map_or(Intent::None, |r| r.intent);
    let query = build_query(best, toks, &slots, &hits, &r, kb, index);
    Part {
        query,
        confidence,
        readings: readings
            .iter()
            .map(|r: &Reading| (r.intent, r.score))
            .collect(),
        explained: readings.first().map_or(0.0, |r| r.explained),
        groups: slots.groups.clone(),
        out_of_scope: slots.out_of_scope,
        asked_speaker: slots.asked_speaker.clone(),
        people: slots.people.clone(),
        unknown,
        inherited: false,
        referent: slots.words.contains(&SlotWord::Referent),
    }
}

/// Words a topic reading could search the sources for: content words not
/// naming a force, person, time or grade.
fn topic_candidate(slots: &Slots, k: usize) -> bool {
    matches!(
        slots.claims[k],
        Claim::Free | Claim::Area | Claim::Keyword | Claim::Term
    )
}

/// The typed query of the chosen reading.
fn build_query(
    intent: Intent,
    toks: &[Token],
    slots: &Slots,
    hits: &[cues::CueHit],
    r: &[f32],
    kb: &KnowledgeBase,
    index: &Index,
) -> Query {
    let mut q = Query::new(intent);
    q.forces = slots
        .forces
        .iter()
        .map(|f| kb.forces[f.force].slug.clone())
        .collect();
    for g in &slots.groups {
        for &rg in &g.regions {
            let name = kb.regions[rg].name.clone();
            if !q.regions.contains(&name) {
                q.regions.push(name);
            }
        }
    }
    // An area named only by the words of the chosen reading's own cue is
    // not asked about ("How did Kent respond?" is not about responding to the public).
    let area_only_cue = (0..toks.len())
        .filter(|&k| matches!(slots.claims[k], Claim::Area | Claim::Keyword))
        .all(|k| hits.iter().any(|h| h.intent == intent && h.says(k)));
    q.area = slots
        .area
        .filter(|_| !area_only_cue)
        .map(|a| index.families[a.family].id.clone());
    q.grade = slots.grade.map(|g| g.grade);
    q.speaker = slots.speaker.map(|p| kb.people[p].name.clone());
    q.source = slots.outlet.map(|o| kb.outlets[o].name.clone());
    let has = |w: SlotWord| slots.words.contains(&w);
    q.when = if let Some(&c) = slots.cycles.first() {
        When::Cycle(kb.cycles[c].id.clone())
    } else if let Some(&y) = slots.years.first() {
        if has(SlotWord::Since) {
            When::Since(y)
        } else {
            When::Year(y)
        }
    } else if has(SlotWord::Previous) {
        When::Previous
    } else if has(SlotWord::Latest) {
        When::Latest
    } else {
        When::Unspecified
    };
    for w in &slots.words {
        if let SlotWord::Role(role) = w {
            if !q.roles.contains(role) {
                q.roles.push(*role);
            }
        }
    }
    q.quote_kind = match intent {
        Intent::Response => Some(QuoteKind::Response),
        _ if has(SlotWord::Inspector) && q.roles.is_empty() => Some(QuoteKind::Inspector),
        _ => None,
    };
    // Topic words: what the question says besides what it names and what
    // its own intent's cues explain.
    let own: Vec<bool> = (0..toks.len())
        .map(|k| {
            hits.iter()
                .any(|h| h.intent == intent && h.start <= k && k < h.end)
        })
        .collect();
    let topical = matches!(intent.spec().slots.topic, Use::Needs | Use::Takes);
    for (k, t) in toks.iter().enumerate() {
        let candidate = topic_candidate(slots, k) && !own[k];
        // For answers from passages, only words the sources use narrow the search.
        if candidate && (!topical || r[k] > 0.0 || slots.claims[k] == Claim::Free) && !t.stop {
            q.topic.push(t.word.clone());
        }
    }
    q.terms = slots
        .terms
        .iter()
        .map(|&t| kb.glossary[t].term.clone())
        .collect();
    q.qualifiers = Qualifiers {
        negated: slots.grade.is_some_and(|g| g.negated),
        balance: has(SlotWord::Balance),
        notes: has(SlotWord::Notes),
        findings: has(SlotWord::Findings),
    };
    q
}
