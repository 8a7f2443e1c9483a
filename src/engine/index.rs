//! Indexes built once per knowledge base: every way a question can name a
//! force, a region, an area, a cycle, a person or a glossary term, keyed for
//! lookup by first word; the stable keys queries use (slugs, ids, names) and
//! what they resolve to; the vocabulary for spelling correction; the cue
//! phrases of the intent table; and the passages for retrieval.

use rustc_hash::FxHashMap;

use super::intents::INTENTS;
use super::passages::Passages;
pub use super::phrases::{Hit, Phrases};
use super::read::cues::CueIndex;
use super::read::slot_words::WordTables;
use super::read::slot_words::SLOT_WORDS;
use super::vocab::Vocab;
use super::words::{self, stem, GENERIC_FORCE_WORDS};
use crate::knowledge::{Grade, KnowledgeBase, OutletKind};
use crate::text::fold;

/// Content words of a name or phrase, stemmed: how phrases and questions meet.
pub fn content_stems(text: &str, drop_generic: bool) -> Vec<String> {
    content_words(text, drop_generic)
        .into_iter()
        .map(|w| stem(&w))
        .collect()
}

/// Content words of a name, unstemmed: force names must match as written
/// ("Staffs" is not "staff").
pub fn content_words(text: &str, drop_generic: bool) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !words::is_stopword(w))
        .filter(|w| !drop_generic || !GENERIC_FORCE_WORDS.contains(w))
        .map(String::from)
        .collect()
}

/// One inspection area followed across cycles: its canonical area in each cycle.
#[derive(Debug, Clone)]
pub struct Family {
    /// Name of the newest area in the family.
    pub name: String,
    /// Id of the newest area in the family (a query's `area`).
    pub id: String,
    /// Area index per cycle (index into `KnowledgeBase::cycles`), if the cycle has it.
    pub per_cycle: Vec<Option<usize>>,
    /// Stems of the area's names (and short names) in every cycle.
    pub name_stems: Vec<String>,
    /// Stems of every other word for it: synonyms and plain-English keywords.
    pub word_stems: Vec<String>,
}

/// How strongly an area phrase names its area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaRef {
    pub family: usize,
    /// 2 for a name or synonym, 1 for a plain-English keyword.
    pub weight: u8,
}

/// All the indexes.
#[derive(Debug)]
pub struct Index {
    pub vocab: Vocab,
    pub forces: Phrases<usize>,
    /// Cities and towns → the force that polices them.
    pub places: Phrases<usize>,
    /// Distinctive single words of force names → forces containing them.
    pub force_words: FxHashMap<String, Vec<usize>>,
    /// Region names and aliases (stemmed) → regions (an alias may name several).
    pub regions: Phrases<usize>,
    pub areas: Phrases<AreaRef>,
    pub families: Vec<Family>,
    /// (cycle index, area index) → family.
    pub family_of: FxHashMap<(usize, usize), usize>,
    pub cycles: Phrases<usize>,
    pub people: Phrases<usize>,
    /// First names (folded) → the people who have them ("rachel").
    pub first_names: FxHashMap<String, Vec<usize>>,
    /// Each glossary entry's distinct stems (name, aliases and text), sorted,
    /// so questions about PEEL itself find the entry that tells it.
    pub glossary_stems: Vec<Vec<String>>,
    /// How many entries hold each of those stems.
    glossary_df: FxHashMap<String, usize>,
    /// Each person's surname, folded (the last word of the name).
    pub surnames: Vec<String>,
    pub terms: Phrases<usize>,
    /// News outlets by name ("the BBC", "Derbyshire Times") → outlet index.
    pub outlets: Phrases<usize>,
    /// Each force's short name as folded words ("nottinghamshire"), for prefix and near-miss checks.
    pub short_words: Vec<Vec<String>>,
    pub cues: CueIndex,
    /// Exact word phrases: lookalike places, bodies out of scope, slot words.
    pub word_tables: WordTables,
    pub passages: Passages,
    /// Stable keys → indices, for resolving queries.
    pub slug_of: FxHashMap<String, usize>,
    pub area_of: FxHashMap<String, usize>,
    pub cycle_of: FxHashMap<String, usize>,
    pub region_of: FxHashMap<String, usize>,
    pub person_of: FxHashMap<String, usize>,
}

/// Words too common to identify a force on their own ("north", "city").
const WEAK_FORCE_WORDS: &[&str] = &[
    "north", "south", "east", "west", "city", "isle", "greater", "new", "and",
];

impl Index {
    /// The glossary entry whose text holds the most of `stems`, weighting
    /// each by how few entries hold it, with that weight; none when no
    /// entry holds two of them, or one no other entry holds.
    pub fn glossary_for(&self, stems: &[String]) -> Option<(usize, f32)> {
        let n = self.glossary_stems.len() as f32;
        let weight = |s: &String| {
            let df = self.glossary_df(s) as f32;
            if df == 0.0 {
                0.0
            } else {
                (1.0 + n / df).ln()
            }
        };
        let weights: Vec<f32> = stems.iter().map(weight).collect();
        self.glossary_stems
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let held: Vec<f32> = stems
                    .iter()
                    .zip(&weights)
                    .filter(|(s, _)| g.binary_search(s).is_ok())
                    .map(|(_, w)| *w)
                    .collect();
                // One word no other entry holds ("2020") says as much as two.
                let unique = stems
                    .iter()
                    .zip(&weights)
                    .any(|(s, w)| *w >= (1.0 + n).ln() - 1e-3 && g.binary_search(s).is_ok());
                (
                    i,
                    held.len() + usize::from(unique),
                    held.iter().sum::<f32>(),
                )
            })
            .filter(|(_, held, _)| *held >= 2)
            .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)))
            .map(|(i, _, w)| (i, w))
    }

    /// True when at most a third of the glossary's entries hold the stem.
    pub fn glossary_distinctive(&self, stem: &str) -> bool {
        self.glossary_df(stem) * 3 <= self.glossary_stems.len()
    }

    /// How many glossary entries hold the stem.
    fn glossary_df(&self, stem: &str) -> usize {
        self.glossary_df.get(stem).copied().unwrap_or(0)
    }

    pub fn new(kb: &KnowledgeBase) -> Index {
        let mut forces = Phrases::default();
        let mut places = Phrases::default();
        let mut force_words: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (fi, f) in kb.forces.iter().enumerate() {
            let slug_words = f.slug.replace('-', " ");
            let names = std::iter::once(&f.name)
                .chain(&f.aliases)
                .chain(&f.nicknames)
                .map(String::as_str)
                .chain([f.short_name(), slug_words.as_str()]);
            for name in names {
                let words = content_words(name, true);
                for w in &words {
                    if !WEAK_FORCE_WORDS.contains(&w.as_str()) && w.len() > 2 {
                        let list = force_words.entry(w.clone()).or_default();
                        if !list.contains(&fi) {
                            list.push(fi);
                        }
                    }
                }
                forces.add(words, fi);
            }
            for p in &f.places {
                places.add(content_words(p, true), fi);
            }
        }

        let mut regions = Phrases::default();
        for (ri, r) in kb.regions.iter().enumerate() {
            for n in std::iter::once(&r.name).chain(&r.aliases) {
                regions.add(content_stems(n, false), ri);
            }
        }

        // Area families: newest cycle first; older areas join the family of their successor.
        let mut families: Vec<Family> = Vec::new();
        let mut family_of = FxHashMap::default();
        for (ci, c) in kb.cycles.iter().enumerate() {
            for (ai, a) in c.areas.iter().enumerate() {
                let successor = (ci > 0)
                    .then(|| {
                        kb.cycles[ci - 1]
                            .areas
                            .iter()
                            .position(|newer| newer.succeeds == Some(ai))
                            .and_then(|ni| family_of.get(&(ci - 1, ni)).copied())
                    })
                    .flatten();
                let fam = successor.unwrap_or_else(|| {
                    families.push(Family {
                        name: a.name.clone(),
                        id: a.id.clone(),
                        per_cycle: vec![None; kb.cycles.len()],
                        name_stems: Vec::new(),
                        word_stems: Vec::new(),
                    });
                    families.len() - 1
                });
                families[fam].per_cycle[ci] = Some(ai);
                family_of.insert((ci, ai), fam);
            }
        }
        for fam in &mut families {
            for (c, a) in fam.per_cycle.iter().enumerate() {
                let Some(a) = a else { continue };
                let area = &kb.cycles[c].areas[*a];
                for n in std::iter::once(&area.name).chain(&area.short) {
                    for s in super::passages::stems_of(n) {
                        if !fam.name_stems.contains(&s) {
                            fam.name_stems.push(s);
                        }
                    }
                }
                for n in area.synonyms.iter().chain(&area.keywords) {
                    for s in super::passages::stems_of(n) {
                        if !fam.word_stems.contains(&s) {
                            fam.word_stems.push(s);
                        }
                    }
                }
            }
        }
        let mut areas = Phrases::default();
        let mut area_of = FxHashMap::default();
        for (ci, c) in kb.cycles.iter().enumerate() {
            for (ai, a) in c.areas.iter().enumerate() {
                let family = family_of[&(ci, ai)];
                area_of.entry(a.id.clone()).or_insert(family);
                for n in std::iter::once(&a.name).chain(&a.short).chain(&a.synonyms) {
                    areas.add(content_stems(n, false), AreaRef { family, weight: 2 });
                }
                for k in &a.keywords {
                    areas.add(content_stems(k, false), AreaRef { family, weight: 1 });
                }
            }
        }

        let mut cycles = Phrases::default();
        let mut cycle_of = FxHashMap::default();
        for (ci, c) in kb.cycles.iter().enumerate() {
            cycle_of.insert(c.id.clone(), ci);
            for n in std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(std::iter::once(&c.id))
            {
                let stems = content_stems(n, false);
                cycles.add(stems.clone(), ci);
                if stems.first().map(String::as_str) == Some("peel") && stems.len() > 1 {
                    cycles.add(stems[1..].to_vec(), ci);
                }
            }
        }

        let mut people = Phrases::default();
        for (pi, p) in kb.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let stems = content_stems(n, false);
                if let Some(last) = stems.last() {
                    people.add(vec![last.clone()], pi);
                }
                people.add(stems, pi);
            }
        }
        let mut first_names: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (pi, p) in kb.people.iter().enumerate() {
            let folded = fold(&p.name);
            if let Some(first) = folded.split(' ').next().filter(|_| folded.contains(' ')) {
                first_names.entry(first.to_string()).or_default().push(pi);
            }
        }

        let mut terms = Phrases::default();
        for (ti, t) in kb.glossary.iter().enumerate() {
            for n in std::iter::once(&t.term).chain(&t.aliases) {
                terms.add(content_stems(n, false), ti);
            }
        }

        // News outlets, so "what did the BBC report" finds what it printed.
        let mut outlets = Phrases::default();
        for (oi, o) in kb.outlets.iter().enumerate() {
            if o.kind != OutletKind::News {
                continue;
            }
            let name = o.name.split('(').next().unwrap_or(&o.name);
            for part in name.split('/') {
                let words = content_words(part, false);
                let mut variants = vec![words.clone()];
                if words.len() > 1
                    && matches!(words.last().map(String::as_str), Some("news" | "radio"))
                {
                    variants.push(words[..words.len() - 1].to_vec());
                }
                for v in variants {
                    // A one-word name that is an English word ("Star") says too little.
                    if v.len() == 1 && super::lexicon::is_english(&v[0]) {
                        continue;
                    }
                    outlets.add(v, oi);
                }
            }
        }

        // Names may carry two typos ("nottinghamshre"); other words one.
        let raw_words = |s: &str| -> Vec<String> {
            fold(s)
                .split(' ')
                .filter(|w| w.len() > 1)
                .map(String::from)
                .collect()
        };
        let mut names: Vec<String> = Vec::new();
        for f in &kb.forces {
            for n in std::iter::once(&f.name)
                .chain(&f.aliases)
                .chain(&f.nicknames)
                .chain(&f.places)
            {
                names.extend(raw_words(n));
            }
        }
        for r in &kb.regions {
            for n in std::iter::once(&r.name).chain(&r.aliases) {
                names.extend(raw_words(n));
            }
        }
        for p in &kb.people {
            names.extend(raw_words(&p.name));
        }
        let mut vocab_words: Vec<String> = Vec::new();
        for c in &kb.cycles {
            for a in &c.areas {
                for n in std::iter::once(&a.name)
                    .chain(&a.synonyms)
                    .chain(&a.keywords)
                {
                    vocab_words.extend(raw_words(n));
                }
            }
        }
        for t in &kb.glossary {
            for n in std::iter::once(&t.term).chain(&t.aliases) {
                vocab_words.extend(raw_words(n));
            }
        }
        for spec in INTENTS {
            for (phrase, _) in spec.cues {
                vocab_words.extend(
                    raw_words(phrase)
                        .into_iter()
                        .filter(|w| !w.ends_with('*') && !w.starts_with('=')),
                );
            }
        }
        for (phrase, _) in SLOT_WORDS {
            vocab_words.extend(raw_words(phrase));
        }
        for g in Grade::ALL {
            vocab_words.extend(raw_words(g.label()));
        }
        let known_only = words::STOPWORDS
            .iter()
            .chain(words::FILLER)
            .map(|w| w.to_string());

        let short_words = kb
            .forces
            .iter()
            .map(|f| fold(f.short_name()).split(' ').map(String::from).collect())
            .collect();
        let glossary_stems: Vec<Vec<String>> = kb
            .glossary
            .iter()
            .map(|t| {
                let all = format!("{} {} {}", t.term, t.aliases.join(" "), t.text);
                let mut stems = super::passages::stems_of(&all);
                stems.sort_unstable();
                stems.dedup();
                stems
            })
            .collect();
        let mut glossary_df: FxHashMap<String, usize> = FxHashMap::default();
        for s in glossary_stems.iter().flatten() {
            *glossary_df.entry(s.clone()).or_default() += 1;
        }
        Index {
            short_words,
            vocab: Vocab::build(names, vocab_words, known_only),
            forces,
            places,
            force_words,
            regions,
            areas,
            families,
            family_of,
            cycles,
            people,
            first_names,
            glossary_df,
            glossary_stems,
            surnames: kb
                .people
                .iter()
                .map(|p| {
                    fold(&p.name)
                        .rsplit(' ')
                        .next()
                        .unwrap_or_default()
                        .to_string()
                })
                .collect(),
            terms,
            outlets,
            cues: CueIndex::new(),
            word_tables: WordTables::new(),
            passages: Passages::new(kb),
            slug_of: kb
                .forces
                .iter()
                .enumerate()
                .map(|(i, f)| (f.slug.clone(), i))
                .collect(),
            area_of,
            cycle_of,
            region_of: kb
                .regions
                .iter()
                .enumerate()
                .map(|(i, r)| (r.name.clone(), i))
                .collect(),
            person_of: kb
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| (fold(&p.name), i))
                .collect(),
        }
    }
}
