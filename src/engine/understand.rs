//! Reading a question: which forces, area, cycle, grade, person and term it
//! names, and which cue words say what the asker wants.
//!
//! Words are folded, spelling-corrected against the knowledge base's own
//! vocabulary, stemmed, and matched as phrases through the prebuilt index.

use super::index::{Hit, Index};
use super::words::{self, stem};
use crate::knowledge::{Grade, KnowledgeBase};
use crate::text::fold;

/// Words whose presence signals what a question wants.
pub const CUE_WORDS: &[&str] = &[
    "improve",
    "improvement",
    "improvements",
    "improving",
    "fall",
    "falls",
    "short",
    "failing",
    "fail",
    "fails",
    "weak",
    "weakness",
    "weaknesses",
    "worse",
    "problems",
    "shortcomings",
    "concerns",
    "concern",
    "better",
    "improved",
    "strengths",
    "strength",
    "progress",
    "well",
    "say",
    "said",
    "says",
    "quote",
    "quotes",
    "comment",
    "comments",
    "words",
    "respond",
    "responded",
    "response",
    "reaction",
    "reacted",
    "chief",
    "constable",
    "commissioner",
    "pcc",
    "pfcc",
    "mayor",
    "led",
    "lead",
    "leads",
    "inspector",
    "inspectors",
    "inspectorate",
    "hmicfrs",
    "hmi",
    "hmic",
    "when",
    "published",
    "date",
    "released",
    "compare",
    "compared",
    "versus",
    "vs",
    "against",
    "difference",
    "changed",
    "change",
    "since",
    "trend",
    "help",
    "commands",
    "stand",
    "mean",
    "means",
    "define",
    "definition",
    "explain",
    "grade",
    "graded",
    "grades",
    "rated",
    "rating",
    "ratings",
    "results",
    "overview",
    "summary",
    "which",
    "forces",
    "list",
    "latest",
    "recent",
    "previous",
    "earlier",
    "prior",
    "current",
    "newest",
];

/// What the question says about which inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleRef {
    /// Not said: the most recent.
    Unspecified,
    /// "latest", "most recent", "last inspection".
    Latest,
    /// "previous", "earlier".
    Previous,
    /// A named cycle (index into `KnowledgeBase::cycles`).
    Named(usize),
}

/// Cue flags: what the asker seems to want.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    pub improve: bool,
    pub strengths: bool,
    pub quote: bool,
    pub response: bool,
    pub inspector: bool,
    pub chief: bool,
    pub commissioner: bool,
    pub mayor: bool,
    pub who: bool,
    pub when: bool,
    pub compare: bool,
    pub change: bool,
    pub across: bool,
    pub help: bool,
    pub define: bool,
    pub overview: bool,
    pub grade: bool,
}

/// Everything the engine read from one question.
#[derive(Debug, Clone)]
pub struct Understanding {
    /// Matched forces (index into `KnowledgeBase::forces`) with match scores, in question order.
    pub forces: Vec<(usize, f32)>,
    /// Words naming several forces ("Yorkshire"): the word and its candidates.
    pub groups: Vec<(String, Vec<usize>)>,
    /// A place or force outside the inspectorate's remit.
    pub out_of_scope: Option<&'static str>,
    /// Area family and match strength.
    pub area: Option<(usize, f32)>,
    pub cycle: CycleRef,
    /// Every cycle named ("2021/22 vs 2023-25" names two).
    pub cycles_named: Vec<usize>,
    /// A name the asker wants quotes from that matches no one we know ("What did Andy Burnham say").
    pub asked_speaker: Option<String>,
    /// Words about things the knowledge base never holds (weather, phone numbers).
    pub off_topic: bool,
    /// Four-digit years not part of a cycle name.
    pub years: Vec<u16>,
    pub grade: Option<Grade>,
    pub speaker: Option<usize>,
    pub term: Option<usize>,
    /// Every glossary term named, most specific first.
    pub terms: Vec<usize>,
    /// Words that place the question in policing ("police", "inspection", "crime", a grade).
    pub police_context: bool,
    pub cues: Cues,
    /// Stems of content words not explained by anything above (for topic search).
    pub topic: Vec<String>,
    /// Topic words including those that also name an area (quotes are searched by both).
    pub topic_all: Vec<String>,
    /// Unknown words of four or more letters (for "did you mean").
    pub unknown: Vec<String>,
    /// How many content words the question had.
    pub content_len: usize,
}

/// Outside England and Wales, or not a territorial force: not covered.
const OUT_OF_SCOPE: &[(&[&str], &str)] = &[
    (&["scotland"], "Police Scotland"),
    (&["scottish"], "Police Scotland"),
    (
        &["northern", "ireland"],
        "the Police Service of Northern Ireland",
    ),
    (&["psni"], "the Police Service of Northern Ireland"),
    (&["ni"], "the Police Service of Northern Ireland"),
    (&["british", "transport"], "British Transport Police"),
    (&["btp"], "British Transport Police"),
    (&["ministry", "defence"], "the Ministry of Defence Police"),
    (&["civil", "nuclear"], "the Civil Nuclear Constabulary"),
    (&["isle", "man"], "the Isle of Man Constabulary"),
    (&["jersey"], "the States of Jersey Police"),
    (&["guernsey"], "Guernsey Police"),
    (&["garda"], "An Garda Síochána"),
    (&["fire", "rescue"], "fire and rescue services"),
    (&["fire", "service"], "fire and rescue services"),
    (&["fire", "services"], "fire and rescue services"),
    (&["fire", "brigade"], "fire and rescue services"),
    (&["firefighters"], "fire and rescue services"),
];

/// Regions whose name alone could mean several forces.
const REGIONS: &[(&str, &[&str])] = &[("london", &["metropolitan", "city-of-london"])];

struct Token {
    /// Folded, corrected word.
    word: String,
    /// The word as force names are matched: unstemmed, possessive "s" dropped.
    key: String,
    stem: String,
    score: f32,
    known: bool,
}

impl Understanding {
    pub fn read(question: &str, kb: &KnowledgeBase, index: &Index) -> Understanding {
        let question = question.trim();
        let folded = fold(question);
        let raw: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut cues = Cues::default();
        cue_scan(&raw, &folded, &mut cues);

        // Content tokens, spelling-corrected where the word is unknown.
        let mut toks: Vec<Token> = Vec::with_capacity(raw.len());
        let mut unknown = Vec::new();
        let mut corrections = 0usize;
        let mut prefix_tries = 0usize;
        for w in &raw {
            if words::is_stopword(w) {
                continue;
            }

            // Spelling correction is bounded per question, so long junk stays cheap.
            let lookup = if corrections < MAX_CORRECTIONS || index.vocab.is_known(w) {
                if !index.vocab.is_known(w) {
                    corrections += 1;
                }
                index.vocab.correct(w)
            } else {
                None
            };
            let (word, score, known) = match lookup {
                Some(c) => (c.word.to_string(), c.score, true),
                None => {
                    let len = w.chars().count();
                    if (4..=24).contains(&len)
                        && !w.chars().all(|c| c.is_ascii_digit())
                        && unknown.len() < MAX_CORRECTIONS
                    {
                        unknown.push(w.to_string());
                    }
                    (w.to_string(), 1.0, false)
                }
            };
            if words::is_stopword(&word) {
                continue;
            }

            let key = match word.strip_suffix('s') {
                Some(base)
                    if !index.force_words.contains_key(&word)
                        && index.force_words.contains_key(base) =>
                {
                    base.to_string()
                }
                _ => word.clone(),
            };
            toks.push(Token {
                stem: stem(&word),
                key,
                word,
                score,
                known,
            });
        }
        let stems: Vec<&str> = toks.iter().map(|t| t.stem.as_str()).collect();
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        let mut used = vec![false; toks.len()];

        // Places that contain a force's name but are not it ("New South Wales").
        let mut out_of_scope = None;
        for (phrase, name) in LOOKALIKES {
            for i in 0..toks.len() {
                if i + phrase.len() <= toks.len()
                    && phrase
                        .iter()
                        .enumerate()
                        .all(|(k, p)| toks[i + k].word == *p)
                {
                    out_of_scope = Some(*name);
                    used[i..i + phrase.len()].iter_mut().for_each(|u| *u = true);
                }
            }
        }
        // Forces: longest phrase matches first, then single distinctive words.
        let mut force_hits: Vec<Hit<usize>> = index.forces.find(&keys);
        force_hits.sort_by(|a, b| b.len.cmp(&a.len).then(a.start.cmp(&b.start)));
        let mut forces: Vec<(usize, f32, usize)> = Vec::new();
        for h in force_hits {
            if used[h.start..h.start + h.len].iter().any(|u| *u) {
                continue;
            }
            let score = toks[h.start..h.start + h.len]
                .iter()
                .map(|t| t.score)
                .fold(1.0f32, f32::min);
            used[h.start..h.start + h.len]
                .iter_mut()
                .for_each(|u| *u = true);
            if !forces.iter().any(|f| f.0 == *h.value) {
                forces.push((*h.value, score, h.start));
            }
        }

        // Cities and towns ("Liverpool police"), a little less certain than a force's own name.
        // A person's name wins over a town's ("Craig Guildford" is not Guildford).
        let person_spans: Vec<(usize, usize)> = index
            .people
            .find(&stems)
            .iter()
            .filter(|h| h.len > 1)
            .map(|h| (h.start, h.start + h.len))
            .collect();
        let mut place_hits: Vec<Hit<usize>> = index.places.find(&keys);
        place_hits.retain(|h| {
            !person_spans
                .iter()
                .any(|(s, e)| h.start < *e && *s < h.start + h.len)
        });
        place_hits.sort_by(|a, b| b.len.cmp(&a.len).then(a.start.cmp(&b.start)));
        for h in place_hits {
            if used[h.start..h.start + h.len].iter().any(|u| *u) {
                continue;
            }
            used[h.start..h.start + h.len]
                .iter_mut()
                .for_each(|u| *u = true);
            let score = 0.85
                * toks[h.start..h.start + h.len]
                    .iter()
                    .map(|t| t.score)
                    .fold(1.0f32, f32::min);
            if !forces.iter().any(|f| f.0 == *h.value) {
                forces.push((*h.value, score, h.start));
            }
        }
        // Out of scope ("Police Scotland"), after force names so "Scotland Yard" is the Met.
        'scope: for (phrase, name) in OUT_OF_SCOPE {
            for i in 0..toks.len() {
                if i + phrase.len() <= toks.len()
                    && phrase
                        .iter()
                        .enumerate()
                        .all(|(k, p)| !used[i + k] && toks[i + k].word == *p)
                {
                    out_of_scope = Some(*name);
                    used[i..i + phrase.len()].iter_mut().for_each(|u| *u = true);
                    break 'scope;
                }
            }
        }

        let mut groups = Vec::new();
        for i in 0..toks.len() {
            if used[i] {
                continue;
            }
            let t = &toks[i];
            // Regions and nations naming several forces.
            let mut candidates: Vec<usize> = Vec::new();
            if let Some((_, slugs)) = REGIONS.iter().find(|(w, _)| *w == t.word) {
                candidates = slugs
                    .iter()
                    .filter_map(|s| kb.forces.iter().position(|f| f.slug == *s))
                    .collect();
            } else if t.word == "welsh" || t.word == "wales" || t.word == "cymru" {
                candidates = kb
                    .forces
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.nation == crate::knowledge::Nation::Wales)
                    .map(|(i, _)| i)
                    .collect();
            } else if let Some(list) = index.force_words.get(&t.key) {
                candidates = list.clone();
            } else if !t.known && t.word.len() >= 5 && prefix_tries < MAX_CORRECTIONS {
                prefix_tries += 1;
                // "Nottingham" for Nottinghamshire, "Derby" for Derbyshire.
                candidates = prefix_forces(&t.word, index);
            }
            candidates.retain(|c| !forces.iter().any(|f| f.0 == *c));
            match candidates.len() {
                0 => {}
                1 => {
                    used[i] = true;
                    let score = if t.known { 0.8 * t.score } else { 0.75 };
                    forces.push((candidates[0], score, i));
                }
                _ => {
                    used[i] = true;
                    groups.push((t.word.clone(), candidates));
                }
            }
        }
        forces.sort_by_key(|f| f.2);

        // Cycle names ("2021/22", "PEEL 2023-25").
        let mut cycle = CycleRef::Unspecified;
        let mut cycles_named: Vec<usize> = Vec::new();
        let mut cycle_hits = index.cycles.find(&stems);
        cycle_hits.sort_by(|a, b| b.len.cmp(&a.len).then(a.start.cmp(&b.start)));
        for h in cycle_hits {
            if used[h.start..h.start + h.len].iter().all(|u| !u) {
                used[h.start..h.start + h.len]
                    .iter_mut()
                    .for_each(|u| *u = true);
                if !cycles_named.contains(h.value) {
                    cycles_named.push(*h.value);
                }
                if cycle == CycleRef::Unspecified {
                    cycle = CycleRef::Named(*h.value);
                }
            }
        }
        if cycle == CycleRef::Unspecified {
            if has_any(&raw, &["previous", "earlier", "prior", "before"])
                || folded.contains("last time")
            {
                cycle = CycleRef::Previous;
            } else if has_any(&raw, &["latest", "newest", "current"])
                || folded.contains("most recent")
                || folded.contains("last inspection")
                || folded.contains("last report")
            {
                cycle = CycleRef::Latest;
            }
        }
        let mut years = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if !used[i] && t.word.len() == 4 && t.word.chars().all(|c| c.is_ascii_digit()) {
                if let Ok(y) = t.word.parse::<u16>() {
                    if (2010..=2035).contains(&y) {
                        years.push(y);
                        used[i] = true;
                    }
                }
            }
        }

        // Areas: weight names over keywords; longer phrases win.
        let mut area_scores: Vec<(usize, f32, usize)> = Vec::new();
        let mut area_hits = index.areas.find(&stems);
        area_hits.sort_by(|a, b| b.len.cmp(&a.len).then(b.value.weight.cmp(&a.value.weight)));
        let mut area_used = vec![false; toks.len()];
        for h in area_hits {
            if (h.start..h.start + h.len).any(|k| used[k] || area_used[k]) {
                continue;
            }
            (h.start..h.start + h.len).for_each(|k| area_used[k] = true);
            let w = f32::from(h.value.weight) * h.len as f32;
            let q = toks[h.start..h.start + h.len]
                .iter()
                .map(|t| t.score)
                .fold(1.0f32, f32::min);
            match area_scores.iter_mut().find(|a| a.0 == h.value.family) {
                Some(a) => a.1 += w,
                None => area_scores.push((h.value.family, w, 0)),
            }
            if let Some(a) = area_scores.iter_mut().find(|a| a.0 == h.value.family) {
                a.2 += 1;
                a.1 *= q.max(0.5);
            }
        }
        area_scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        let area = area_scores.first().map(|&(fam, score, _)| {
            let strength = if score >= 2.0 { 1.0 } else { 0.8 };
            (fam, strength)
        });
        let before_area = used.clone();
        // Words explained by the area no longer count as topic words, but
        // grade words inside an area name ("good use of resources") are not grades.
        let corrected: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
        let grade = grade_in(&corrected, &folded, &toks, &area_used);
        for (k, u) in area_used.iter().enumerate() {
            if *u {
                used[k] = true;
            }
        }

        // People and glossary terms.
        let speaker = index
            .people
            .find(&stems)
            .into_iter()
            .filter(|h| (h.start..h.start + h.len).all(|k| !used[k] || toks[k].word.len() > 3))
            .max_by_key(|h| h.len)
            .map(|h| {
                (h.start..h.start + h.len).for_each(|k| used[k] = true);
                *h.value
            });
        let is_topic = |k: usize, t: &Token, mask: &[bool]| {
            !mask[k]
                && !CUE_WORDS.contains(&t.word.as_str())
                && !words::GENERIC_FORCE_WORDS.contains(&t.word.as_str())
                && !TOPIC_NOISE.contains(&t.word.as_str())
                && t.word.len() > 2
        };
        let speaker_mask: Vec<bool> = before_area
            .iter()
            .zip(&used)
            .zip(&area_used)
            .map(|((b, u), a)| *b || (*u && !*a))
            .collect();
        let topic_all: Vec<String> = toks
            .iter()
            .enumerate()
            .filter(|(k, t)| is_topic(*k, t, &speaker_mask))
            .map(|(_, t)| t.stem.clone())
            .collect();
        // Glossary terms, most specific first ("legitimacy" before "PEEL").
        let mut term_hits = index.terms.find(&stems);
        let is_generic = |t: usize| crate::text::fold(&kb.glossary[t].term) == "peel";
        term_hits.sort_by(|a, b| {
            b.len
                .cmp(&a.len)
                .then(is_generic(*a.value).cmp(&is_generic(*b.value)))
                .then(a.start.cmp(&b.start))
        });
        let mut terms: Vec<usize> = Vec::new();
        for h in &term_hits {
            if !terms.contains(h.value) {
                terms.push(*h.value);
            }
        }
        let term = terms.first().copied();

        let topic: Vec<String> = toks
            .iter()
            .enumerate()
            .filter(|(k, t)| is_topic(*k, t, &used))
            .map(|(_, t)| t.stem.clone())
            .collect();

        if cues.improve && grade == Some(Grade::RequiresImprovement) && forces.is_empty() {
            // "Which forces require improvement ..." is about the grade, not a force's weak spots.
            cues.improve = false;
        }

        Understanding {
            forces: forces.into_iter().map(|(f, s, _)| (f, s)).collect(),
            groups,
            out_of_scope,
            area,
            cycle,
            cycles_named,
            asked_speaker: if speaker.is_none() {
                asked_speaker(question)
            } else {
                None
            },
            off_topic: raw.iter().any(|w| OFF_TOPIC.contains(w))
                || folded.contains("how many officers")
                || folded.contains("how many police officers")
                || folded.contains("phone number")
                || folded.contains("how much"),
            years,
            grade,
            speaker,
            term,
            terms,
            police_context: raw.iter().any(|w| POLICE_WORDS.contains(w)) || grade.is_some(),
            cues,
            topic,
            topic_all,
            unknown,
            content_len: toks.len(),
        }
    }
}

/// Words that neither name a topic nor change the question.
const TOPIC_NOISE: &[&str] = &[
    "inspection",
    "inspections",
    "report",
    "reports",
    "peel",
    "area",
    "areas",
    "need",
    "needs",
    "needed",
    "inspected",
    "found",
    "think",
    "thinks",
    "findings",
    "finding",
    "anything",
    "something",
    "thing",
    "things",
    "like",
    "know",
    "want",
    "wants",
    "really",
    "actually",
    "look",
    "looks",
    "looking",
    "find",
    "out",
];

fn has_any(words: &[&str], wanted: &[&str]) -> bool {
    words.iter().any(|w| wanted.contains(w))
}

/// Forces with a single-word name that starts with `word` ("derby" → Derbyshire).
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

/// A grade named in the question, ignoring words inside an area name.
fn grade_in(raw: &[&str], folded: &str, toks: &[Token], area_used: &[bool]) -> Option<Grade> {
    if folded.contains("requires improvement")
        || folded.contains("require improvement")
        || folded.contains("required improvement")
        || folded.contains("requiring improvement")
        || folded.contains("needs improvement")
        || folded.contains("need improvement")
    {
        return Some(Grade::RequiresImprovement);
    }
    if raw.contains(&"inadequate") {
        return Some(Grade::Inadequate);
    }
    if raw.contains(&"outstanding") {
        return Some(Grade::Outstanding);
    }
    if raw.contains(&"adequate") {
        return Some(Grade::Adequate);
    }
    let good_in_area = toks
        .iter()
        .zip(area_used)
        .any(|(t, used)| *used && t.word == "good");
    if raw.contains(&"good") && !good_in_area && !folded.contains("how good") {
        return Some(Grade::Good);
    }
    None
}

fn cue_scan(raw: &[&str], folded: &str, c: &mut Cues) {
    let any = |ws: &[&str]| has_any(raw, ws);
    c.improve = any(&[
        "improve",
        "improvement",
        "improvements",
        "failing",
        "fail",
        "fails",
        "weak",
        "weakness",
        "weaknesses",
        "worse",
        "problems",
        "shortcomings",
        "concerns",
        "struggling",
        "struggle",
        "struggles",
        "wrong",
        "poor",
        "poorly",
        "badly",
    ]) || folded.contains("fall short")
        || folded.contains("falls short")
        || folded.contains("do better")
        || folded.contains("bad at");
    c.strengths = any(&[
        "improved",
        "strengths",
        "strength",
        "progress",
        "excel",
        "excels",
        "praised",
        "praise",
    ]) || folded.contains("better at")
        || folded.contains("got better")
        || folded.contains("good at")
        || folded.contains("doing well")
        || folded.contains("does well")
        || folded.contains("do well");
    c.quote = any(&[
        "say",
        "said",
        "says",
        "saying",
        "quote",
        "quotes",
        "quoted",
        "comment",
        "comments",
        "commented",
        "words",
        "remarks",
        "statement",
        "statements",
    ]);
    c.response = any(&[
        "respond",
        "responded",
        "response",
        "responses",
        "reaction",
        "react",
        "reacted",
        "reply",
        "replied",
    ]) && !folded.contains("responding to");
    c.inspector = any(&[
        "inspector",
        "inspectors",
        "inspectorate",
        "hmicfrs",
        "hmi",
        "hmic",
    ]);
    c.chief = folded.contains("chief constable") || any(&["chief", "cc"]);
    c.commissioner = any(&["commissioner", "pcc", "pfcc", "mayor", "commissioners"])
        || folded.contains("police and crime");
    c.who = (raw.contains(&"who")
        && any(&[
            "led",
            "lead",
            "leads",
            "leading",
            "inspected",
            "inspector",
            "inspectors",
            "carried",
            "wrote",
            "headed",
            "conducted",
            "ran",
        ]))
        || folded.contains("who led")
        || folded.contains("who inspected")
        || folded.contains("who carried out")
        || folded.contains("who did the")
        || folded.contains("who was the inspector")
        || folded.contains("which inspector")
        || folded.contains("who is the inspector")
        || folded.contains("led the inspection")
        || folded.contains("lead inspector")
        || folded.contains("who wrote");
    c.when = raw.first() == Some(&"when")
        || any(&["published", "date", "released", "dated"])
        || folded.contains("when was")
        || folded.contains("when did");
    c.compare = any(&[
        "compare",
        "compared",
        "comparison",
        "versus",
        "vs",
        "v",
        "against",
        "difference",
        "differ",
    ]) || folded.contains("better than")
        || folded.contains("worse than");
    c.change = any(&["changed", "change", "changes", "trend", "since"])
        || folded.contains("over time")
        || folded.contains("improved since")
        || folded.contains("got worse")
        || folded.contains("gone down")
        || folded.contains("gone up");
    c.across = folded.contains("which forces")
        || folded.contains("what forces")
        || folded.contains("which police forces")
        || folded.contains("which police")
        || folded.contains("list forces")
        || folded.contains("list the forces")
        || folded.contains("list of forces")
        || folded.contains("any forces")
        || folded.contains("all forces")
        || folded.contains("how many forces")
        || folded.contains("forces are")
        || folded.contains("forces were")
        || folded.contains("forces rated")
        || folded.contains("forces graded")
        || folded.contains("which force");
    c.help = raw == ["help"]
        || folded.contains("what can you do")
        || folded.contains("what can i ask")
        || folded.contains("how do i use")
        || folded.contains("what do you know")
        || folded.contains("how does this work")
        || folded.starts_with("help ")
        || any(&["commands", "usage"])
        || raw == ["hi"]
        || raw == ["hello"];
    c.define = folded.contains("stand for")
        || folded.contains("stands for")
        || any(&[
            "mean",
            "means",
            "meaning",
            "define",
            "definition",
            "explain",
        ])
        || folded.starts_with("what is")
        || folded.starts_with("whats")
        || folded.starts_with("what are")
        || folded.starts_with("what s ");
    c.overview = any(&[
        "overview",
        "summary",
        "results",
        "result",
        "grades",
        "ratings",
        "scorecard",
        "report",
        "everything",
        "all",
    ]);
    c.grade = any(&[
        "grade", "graded", "grading", "rated", "rating", "rate", "score", "scored", "judged",
        "assessed", "do", "did", "does", "doing", "good", "how",
    ]);
    // Refinements on the lists above.
    c.improve |= any(&[
        "improving",
        "failings",
        "fixing",
        "fix",
        "flaws",
        "criticised",
        "criticism",
        "criticisms",
    ]);
    c.improve &= !any(&["worse"]) || any(&["improve", "improvement"]);
    c.mayor = any(&["mayor"]);
    c.across |= any(&["rank", "ranking", "rankings", "ranked", "league"])
        || folded.contains("best force")
        || folded.contains("worst force");
    c.improve |= folded.contains("cause of concern")
        || folded.contains("causes of concern")
        || folded.contains("areas for improvement");
    c.commissioner = any(&["commissioner", "pcc", "pfcc", "commissioners"])
        || folded.contains("police and crime");
    c.who |= raw.contains(&"who") && any(&["hmi", "hmicfrs"]);
    let yes_no = matches!(
        raw.first().copied(),
        Some("has" | "have" | "did" | "is" | "are" | "was" | "were" | "had")
    );
    let moved = any(&[
        "improved",
        "improve",
        "better",
        "worse",
        "worsened",
        "declined",
        "deteriorated",
        "slipped",
        "progressed",
        "getting",
    ]);
    let at = folded.contains("better at")
        || folded.contains("good at")
        || folded.contains("improved at")
        || folded.contains("improved on");
    let _ = at;
    c.change |= yes_no && moved && !folded.contains("need to") && !folded.contains("needs to");
    c.strengths |= any(&["best", "positives"]);
    // "respond to 999 calls" is about an area, not the force's response to a report.
    let about_calls = [
        "to 999",
        "to calls",
        "to emergency",
        "to emergencies",
        "to incidents",
        "to the public",
        "to people",
        "to victims",
        "to crime",
        "times",
        "quickly",
        "fast",
        "to 101",
    ];
    if c.response {
        for lead in [
            "respond ",
            "responds ",
            "responded ",
            "response ",
            "responses ",
        ] {
            if let Some(i) = folded.find(lead) {
                let after = &folded[i + lead.len()..];
                if about_calls
                    .iter()
                    .any(|a| after.starts_with(a.trim_start_matches("to ")) || after.starts_with(a))
                {
                    c.response = false;
                }
            }
        }
    }
    c.improve |= folded.contains("falling short")
        || folded.contains("work on")
        || folded.contains("get better")
        || folded.contains("be better")
        || folded.contains("needs attention");
    // "What did inspectors find about ..." asks for their words and findings.
    c.quote |= c.inspector
        && any(&[
            "find",
            "found",
            "findings",
            "reported",
            "observe",
            "observed",
            "noted",
            "highlight",
            "highlighted",
        ]);
    c.help |= matches!(
        raw.first().copied(),
        Some("hello" | "hi" | "hey" | "thanks" | "thank" | "cheers")
    ) && raw.len() <= 3;
}

/// Words about things no inspection report answers.
/// Words that make a question about policing even when it names only a place.
const POLICE_WORDS: &[&str] = &[
    "police",
    "policing",
    "constabulary",
    "force",
    "forces",
    "cops",
    "inspection",
    "inspections",
    "inspected",
    "inspector",
    "inspectors",
    "inspectorate",
    "hmicfrs",
    "hmic",
    "hmi",
    "peel",
    "grade",
    "graded",
    "grades",
    "rated",
    "rating",
    "crime",
    "crimes",
    "officers",
    "chief",
    "constable",
    "pcc",
    "commissioner",
    "report",
    "improve",
    "improvement",
];

const OFF_TOPIC: &[&str] = &[
    "university",
    "college",
    "school",
    "beach",
    "beaches",
    "holiday",
    "holidays",
    "hotel",
    "hotels",
    "restaurant",
    "restaurants",
    "pub",
    "pubs",
    "nice",
    "live",
    "living",
    "house",
    "houses",
    "prices",
    "forest",
    "united",
    "rugby",
    "cricket",
    "fc",
    "tourism",
    "attractions",
    "visit",
    "shopping",
    "population",
    "mp",
    "council",
    "election",
    "pizza",
    "food",
    "eat",
    "eating",
    "season",
    "game",
    "games",
    "goals",
    "league",
    "weather",
    "forecast",
    "rain",
    "sunny",
    "train",
    "trains",
    "bus",
    "buses",
    "football",
    "match",
    "joke",
    "recipe",
    "traffic",
    "film",
    "movie",
    "music",
    "song",
    "lottery",
    "horoscope",
    "phone",
    "telephone",
    "address",
    "email",
    "website",
    "salary",
    "salaries",
    "tickets",
    "stock",
    "shares",
];

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

/// Places outside England and Wales whose names contain a force's name.
const LOOKALIKES: &[(&[&str], &str)] = &[
    (
        &["new", "south", "wales"],
        "New South Wales Police (Australia)",
    ),
    (&["cleveland", "ohio"], "Cleveland, Ohio"),
    (&["new", "york"], "the New York police"),
    (&["durham", "north", "carolina"], "Durham, North Carolina"),
];

/// Unknown words per question that get a spelling correction attempt.
const MAX_CORRECTIONS: usize = 4;
