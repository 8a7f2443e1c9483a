//! Matching the intent table's cue phrases against a question's words.
//!
//! Phrases are compiled once per engine from [`INTENTS`] and matched on
//! Snowball stems, so "weakness" also finds "weaknesses" (tense, where it
//! matters, is carried by longer phrases: "has * improved" is change, "need
//! to improve" is improve): a word matches its stem, `=word` only that word
//! as typed ("=inspect" is not "inspection"), `word*` any word whose stem
//! starts so ("criticis*"), `*` one or more words holding at most four
//! content words, and a leading `^` ties the phrase to the start of the
//! question part.

use rustc_hash::FxHashMap;

use super::super::intents::{Intent, INTENTS};
use super::super::words::stem;

#[derive(Debug, Clone, PartialEq)]
enum Elem {
    /// A stem.
    Word(String),
    /// A word exactly as folded.
    Exact(String),
    Prefix(String),
    Gap,
}

/// One word of a question, as cues see it.
#[derive(Debug, Clone, Copy)]
pub struct CueWord<'a> {
    pub stem: &'a str,
    pub word: &'a str,
    pub stop: bool,
}

impl Elem {
    fn matches(&self, w: &CueWord) -> bool {
        match self {
            Elem::Word(s) => s == w.stem,
            Elem::Exact(x) => x == w.word,
            Elem::Prefix(p) => w.stem.starts_with(p.as_str()),
            Elem::Gap => true,
        }
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    intent: Intent,
    weight: f32,
    anchored: bool,
    elems: Vec<Elem>,
}

/// One cue phrase found in a question: words `start..end` say `intent` with `weight`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueHit {
    pub intent: Intent,
    pub weight: f32,
    pub start: usize,
    pub end: usize,
    /// Which words of `start..end` the phrase's own words matched (bit k is
    /// word `start + k`); the rest fell in a `*`.
    pub literal: u64,
}

impl CueHit {
    /// True when the phrase's own words (not its gaps) include word `k`.
    pub fn says(&self, k: usize) -> bool {
        k >= self.start && k < self.end && (self.literal >> (k - self.start)) & 1 == 1
    }
}

/// The compiled cue phrases, by first word.
#[derive(Debug, Default)]
pub struct CueIndex {
    by_first: FxHashMap<String, Vec<Pattern>>,
    /// Phrases starting with a prefix (`word*`), tried at every word.
    by_prefix: Vec<Pattern>,
}

/// Most content words, and most words, a `*` stands for ("has Derbyshire's
/// responding to the public improved" spans five words, three of content).
const GAP_CONTENT: usize = 4;
const GAP_WORDS: usize = 8;

impl CueIndex {
    pub fn new() -> CueIndex {
        let mut ix = CueIndex::default();
        for spec in INTENTS {
            for (phrase, weight) in spec.cues {
                let (anchored, body) = match phrase.strip_prefix('^') {
                    Some(rest) => (true, rest),
                    None => (false, *phrase),
                };
                let elems: Vec<Elem> = body
                    .split(' ')
                    .map(|w| match w {
                        "*" => Elem::Gap,
                        w if w.starts_with('=') => Elem::Exact(w[1..].to_string()),
                        w => match w.strip_suffix('*') {
                            Some(p) => Elem::Prefix(p.to_string()),
                            None => Elem::Word(stem(w)),
                        },
                    })
                    .collect();
                let p = Pattern {
                    intent: spec.intent,
                    weight: *weight,
                    anchored,
                    elems,
                };
                match &p.elems[0] {
                    Elem::Word(w) => ix.by_first.entry(w.clone()).or_default().push(p),
                    Elem::Exact(w) => ix.by_first.entry(stem(w)).or_default().push(p),
                    _ => ix.by_prefix.push(p),
                }
            }
        }
        ix
    }

    /// Every cue phrase in `words` (one question part).
    pub fn find(&self, words: &[CueWord]) -> Vec<CueHit> {
        let mut hits = Vec::new();
        for start in 0..words.len() {
            let listed = self.by_first.get(words[start].stem).into_iter().flatten();
            for p in listed.chain(self.by_prefix.iter()) {
                if p.anchored && start != 0 {
                    continue;
                }
                if let Some((end, literal)) = match_at(&p.elems, words, start, start, 0) {
                    hits.push(CueHit {
                        intent: p.intent,
                        weight: p.weight,
                        start,
                        end,
                        literal,
                    });
                }
            }
        }
        hits
    }
}

/// Where a pattern matching at `at` ends (exclusive), shortest gaps first,
/// and which words (bits from `origin`) its own words matched.
fn match_at(
    elems: &[Elem],
    words: &[CueWord],
    at: usize,
    origin: usize,
    literal: u64,
) -> Option<(usize, u64)> {
    let Some((first, rest)) = elems.split_first() else {
        return Some((at, literal));
    };
    match first {
        Elem::Gap => (1..=GAP_WORDS)
            .filter(|n| at + n <= words.len())
            .take_while(|n| words[at..at + n].iter().filter(|w| !w.stop).count() <= GAP_CONTENT)
            .find_map(|n| match_at(rest, words, at + n, origin, literal)),
        e => {
            let w = words.get(at)?;
            let bit = at - origin;
            if e.matches(w) && bit < 64 {
                match_at(rest, words, at + 1, origin, literal | (1 << bit))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<(String, String)> {
        q.split(' ').map(|w| (w.to_string(), stem(w))).collect()
    }

    fn cue_words(w: &[(String, String)]) -> Vec<CueWord<'_>> {
        w.iter()
            .map(|(word, stem)| CueWord {
                stem,
                word,
                stop: crate::engine::words::is_stopword(word),
            })
            .collect()
    }

    fn intents(q: &str) -> Vec<(Intent, usize, usize)> {
        let w = words(q);
        let words = cue_words(&w);
        CueIndex::new()
            .find(&words)
            .into_iter()
            .map(|h| (h.intent, h.start, h.end))
            .collect()
    }

    #[test]
    fn cues_phrase_and_word() {
        let hits = intents("what does kent need to improve");
        assert!(hits.contains(&(Intent::Improve, 3, 6)), "{hits:?}");
        assert!(hits.contains(&(Intent::Improve, 5, 6)), "{hits:?}");
    }

    #[test]
    fn cues_gap_spans_a_name() {
        let hits = intents("how did avon and somerset do");
        assert!(hits.contains(&(Intent::Overview, 0, 6)), "{hits:?}");
        // More than four content words between: no match.
        let hits = intents("how did the police force of the county of avon and somerset do");
        assert!(!hits.iter().any(|h| h.0 == Intent::Overview), "{hits:?}");
    }

    #[test]
    fn cues_anchor_only_at_start() {
        assert!(intents("when was kent published").contains(&(Intent::When, 0, 1)));
        assert!(!intents("say when")
            .iter()
            .any(|h| h.0 == Intent::When && h.1 == 1 && h.2 == 2));
    }

    #[test]
    fn cues_gap_words_are_not_the_phrase_own() {
        let w = words("how did kent do");
        let words = cue_words(&w);
        let hit = CueIndex::new()
            .find(&words)
            .into_iter()
            .find(|h| h.intent == Intent::Overview)
            .unwrap();
        assert!(hit.says(0) && hit.says(3) && !hit.says(2));
    }

    #[test]
    fn cues_match_inflections_by_stem() {
        assert!(intents("what are kents weaknesses")
            .iter()
            .any(|h| h.0 == Intent::Improve));
        assert!(intents("leicestershire shortcomings")
            .iter()
            .any(|h| h.0 == Intent::Improve));
    }

    #[test]
    fn cues_exact_word_is_not_its_stem() {
        assert!(intents("which forces did wendy williams inspect")
            .iter()
            .any(|h| h.0 == Intent::Who));
        assert!(!intents("did kent improve since the last inspection")
            .iter()
            .any(|h| h.0 == Intent::Who));
    }

    #[test]
    fn cues_prefix_word() {
        assert!(intents("was it criticised")
            .iter()
            .any(|h| h.0 == Intent::Improve));
    }
}
