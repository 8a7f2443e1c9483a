//! Passage retrieval: every finding, concern and quote of the knowledge base
//! is a passage, indexed once per load with its force, inspection, kind and
//! speaker, and scored against a question's topic words with BM25 over
//! Snowball stems. Each stem's weight in each passage is worked out once, at
//! indexing (postings), so a search only adds weights: the `bm25` crate this
//! replaced recomputed a logarithm per passage, term and search, half the
//! time of a quote search over every force. Quote and topic answers come
//! from the best passages, verbatim; the reader uses the same index to tell
//! words the sources speak about from words nothing explains.

use rustc_hash::FxHashMap;

use super::words::{is_stopword, stem};
use crate::knowledge::{Inspection, KnowledgeBase, QuoteKind};
use crate::text::fold;

/// Which text of an inspection a passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Finding(usize),
    Concern(usize),
    Quote(usize),
}

/// One finding, concern or quote, and where it sits.
#[derive(Debug, Clone)]
pub struct Passage {
    /// Index into `KnowledgeBase::forces`.
    pub force: usize,
    /// Index into that force's `inspections` (0 is the most recent).
    pub inspection: usize,
    pub kind: Kind,
    /// Distinct stems of its content words.
    pub stems: Vec<String>,
    /// The quote's speaker, folded, for matching without folding per search.
    pub speaker_key: Option<String>,
}

impl Passage {
    /// True for a quote (of either kind).
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Quote(_))
    }

    /// The passage's text.
    pub fn text<'a>(&self, kb: &'a KnowledgeBase) -> &'a str {
        let ins = self.ins(kb);
        match self.kind {
            Kind::Finding(k) => &ins.findings[k].text,
            Kind::Concern(k) => &ins.concerns[k].text,
            Kind::Quote(k) => &ins.quotes[k].text,
        }
    }

    /// The page the passage was read from.
    pub fn source<'a>(&self, kb: &'a KnowledgeBase) -> &'a str {
        let ins = self.ins(kb);
        match self.kind {
            Kind::Finding(k) => &ins.findings[k].source,
            Kind::Concern(k) => &ins.concerns[k].source,
            Kind::Quote(k) => &ins.quotes[k].source,
        }
    }

    pub fn ins<'a>(&self, kb: &'a KnowledgeBase) -> &'a Inspection {
        &kb.forces[self.force].inspections[self.inspection]
    }

    /// The quote's kind, for quotes.
    pub fn quote_kind(&self, kb: &KnowledgeBase) -> Option<QuoteKind> {
        match self.kind {
            Kind::Quote(k) => Some(self.ins(kb).quotes[k].kind),
            _ => None,
        }
    }
}

/// Which passages a search may return.
#[derive(Debug, Clone, Default)]
pub struct Scope<'a> {
    /// Force indices; empty for every force.
    pub forces: &'a [usize],
    /// A cycle index, or any.
    pub cycle: Option<usize>,
    pub quotes_only: bool,
    pub kind: Option<QuoteKind>,
    pub speaker: Option<&'a str>,
    /// Only what this outlet printed (its name, as in `outlets.toml`).
    pub outlet: Option<&'a str>,
}

/// A passage and its score for a search.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub passage: usize,
    pub score: f32,
}

/// Content stems of a text, in order, repeats kept.
pub fn stems_of(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stopword(w))
        .map(stem)
        .collect()
}

/// A glossary term's names as stems: its own name's, and each alias's
/// ("Engage": engag; enhanc monitor; special measur; scan).
#[derive(Debug, Clone)]
pub struct TermNames {
    pub term: String,
    pub own: Vec<String>,
    pub names: Vec<Vec<String>>,
}

impl TermNames {
    /// Names that do not hold the term's own words ("special measures" for
    /// Engage; not "PEEL inspection" for PEEL).
    pub fn other_names(&self) -> impl Iterator<Item = &Vec<String>> {
        self.names
            .iter()
            .filter(|n| !n.iter().any(|s| self.own.contains(s)))
    }
}

/// Share of passages above which a name is too common to tag with
/// ("PEEL", "effectiveness": in many passages, in any sense).
const TAG_MAX_SHARE: f32 = 0.1;

/// The glossary terms passages are tagged with, stemmed as passages are:
/// each with its names that are distinctive (in few passages), when its own
/// name is one distinctive word.
fn term_names(kb: &KnowledgeBase, stemmed: &[String]) -> Vec<TermNames> {
    let texts: Vec<Vec<&str>> = stemmed
        .iter()
        .map(|t| t.split(' ').filter(|w| !w.is_empty()).collect())
        .collect();
    let rare = |name: &[String]| {
        let n = texts.iter().filter(|w| holds_name(w, name)).count();
        n as f32 <= TAG_MAX_SHARE * texts.len() as f32
    };
    kb.glossary
        .iter()
        .map(|t| TermNames {
            term: t.term.clone(),
            own: stems_of(&t.term),
            names: std::iter::once(&t.term)
                .chain(&t.aliases)
                .map(|n| stems_of(n))
                .filter(|n| !n.is_empty() && rare(n))
                .collect(),
        })
        // A term named by one distinctive word ("Engage") is a thing the
        // sources also call by its other names; a longer name ("PEEL
        // pillars") lists its parts as aliases, which are not the term.
        .filter(|t| t.own.len() == 1 && rare(&t.own))
        .collect()
}

/// True when `words` holds `name` as consecutive words.
pub fn holds_name(words: &[&str], name: &[String]) -> bool {
    !name.is_empty()
        && words
            .windows(name.len())
            .any(|w| w.iter().zip(name).all(|(a, b)| *a == b))
}

/// A stemmed text with the term's own stems added where it uses another
/// name for it: a passage saying "returned to Scan" or "enhanced
/// monitoring" is about Engage, and is found when Engage is asked about.
fn tag_terms(text: String, terms: &[TermNames]) -> String {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut extra: Vec<&str> = Vec::new();
    for t in terms {
        if t.other_names().any(|n| holds_name(&words, n)) {
            for s in &t.own {
                if !words.contains(&s.as_str()) && !extra.contains(&s.as_str()) {
                    extra.push(s);
                }
            }
        }
    }
    if extra.is_empty() {
        return text;
    }
    let mut out = text.clone();
    for s in extra {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

/// Each stem's passages with its BM25 weight in each: `idf × tf(k1 + 1) /
/// (tf + k1(1 − b + b·len/avg))`, from the stemmed texts.
fn postings(stemmed: &[String], df: &FxHashMap<String, u32>) -> FxHashMap<String, Vec<(u32, f32)>> {
    let n = stemmed.len() as f32;
    let lens: Vec<f32> = stemmed
        .iter()
        .map(|t| t.split(' ').filter(|s| !s.is_empty()).count() as f32)
        .collect();
    let avg = (lens.iter().sum::<f32>() / n.max(1.0)).max(1.0);
    let mut out: FxHashMap<String, Vec<(u32, f32)>> = FxHashMap::default();
    let mut tf: FxHashMap<&str, f32> = FxHashMap::default();
    for (i, text) in stemmed.iter().enumerate() {
        tf.clear();
        for s in text.split(' ').filter(|s| !s.is_empty()) {
            *tf.entry(s).or_default() += 1.0;
        }
        let norm = K1 * (1.0 - B + B * lens[i] / avg);
        for (s, &f) in &tf {
            let d = df.get(*s).copied().unwrap_or(1) as f32;
            let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
            let w = idf * f * (K1 + 1.0) / (f + norm);
            out.entry((*s).to_string()).or_default().push((i as u32, w));
        }
    }
    out
}

/// Every passage and its BM25 index, whole and per force.
pub struct Passages {
    pub all: Vec<Passage>,
    /// Passage indices per force, so a question about one force reads only its own.
    of_force: Vec<Vec<usize>>,
    /// How many passages hold each stem (document frequency).
    df: FxHashMap<String, u32>,
    /// Folded words of every passage, with their stems: words the sources
    /// use are never typos, and their stems are worked out once.
    known_words: FxHashMap<String, String>,
    /// Per stem, the passages using it and its BM25 weight in each (over
    /// all passages), so [`explains`](Self::explains) ranks by adding
    /// precomputed weights instead of scoring every passage per question.
    postings: FxHashMap<String, Vec<(u32, f32)>>,
    /// Glossary terms passages are tagged with, by name.
    pub terms: FxHashMap<String, TermNames>,
}

/// Passages in scope a search scored: each with its score, and the
/// scores by passage (0 for passages not scored).
struct Scored {
    list: Vec<(u32, f32)>,
    dense: Vec<f32>,
}

/// BM25's usual constants.
const K1: f32 = 1.2;
const B: f32 = 0.75;

impl std::fmt::Debug for Passages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passages")
            .field("passages", &self.all.len())
            .finish()
    }
}

impl Passages {
    pub fn new(kb: &KnowledgeBase) -> Passages {
        let mut all = Vec::new();
        let mut texts: Vec<&str> = Vec::new();
        for (fi, f) in kb.forces.iter().enumerate() {
            for (ii, ins) in f.inspections.iter().enumerate() {
                let kinds = (0..ins.findings.len())
                    .map(Kind::Finding)
                    .chain((0..ins.concerns.len()).map(Kind::Concern))
                    .chain((0..ins.quotes.len()).map(Kind::Quote));
                for kind in kinds {
                    let speaker_key = match kind {
                        Kind::Quote(k) => Some(fold(&ins.quotes[k].speaker)),
                        _ => None,
                    };
                    let p = Passage {
                        force: fi,
                        inspection: ii,
                        kind,
                        stems: Vec::new(),
                        speaker_key,
                    };
                    texts.push(p.text(kb));
                    all.push(p);
                }
            }
        }
        // Each text folded and stemmed once; a word's stem worked out once.
        let mut known_words: FxHashMap<String, String> = FxHashMap::default();
        let stemmed: Vec<String> = texts
            .iter()
            .map(|text| {
                let folded = fold(text);
                let mut out = String::with_capacity(folded.len());
                for w in folded.split(' ').filter(|w| !w.is_empty()) {
                    let s = known_words.entry(w.to_string()).or_insert_with(|| stem(w));
                    if is_stopword(w) {
                        continue;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(s);
                }
                out
            })
            .collect();
        // How distinctive a word is counts its own uses, not the tags.
        let mut df: FxHashMap<String, u32> = FxHashMap::default();
        for text in &stemmed {
            let mut seen: Vec<&str> = text.split(' ').filter(|s| !s.is_empty()).collect();
            seen.sort_unstable();
            seen.dedup();
            for s in seen {
                *df.entry(s.to_string()).or_default() += 1;
            }
        }
        let terms = term_names(kb, &stemmed);
        let stemmed: Vec<String> = stemmed.into_iter().map(|t| tag_terms(t, &terms)).collect();
        let mut tagged_df: FxHashMap<String, u32> = FxHashMap::default();
        for (p, text) in all.iter_mut().zip(&stemmed) {
            let mut stems: Vec<String> = text
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            stems.sort_unstable();
            stems.dedup();
            for s in &stems {
                *tagged_df.entry(s.clone()).or_default() += 1;
            }
            p.stems = stems;
        }
        let mut of_force = vec![Vec::new(); kb.forces.len()];
        for (i, p) in all.iter().enumerate() {
            of_force[p.force].push(i);
        }
        let postings = postings(&stemmed, &tagged_df);
        Passages {
            all,
            of_force,
            df,
            known_words,
            postings,
            terms: terms.into_iter().map(|t| (t.term.clone(), t)).collect(),
        }
    }

    /// Indices of the passages in scope's forces (every passage when none).
    pub fn candidates<'a>(&'a self, scope: &'a Scope) -> Box<dyn Iterator<Item = usize> + 'a> {
        if scope.forces.is_empty() {
            Box::new(0..self.all.len())
        } else {
            Box::new(
                scope
                    .forces
                    .iter()
                    .filter_map(|&f| self.of_force.get(f))
                    .flatten()
                    .copied(),
            )
        }
    }

    /// True when some passage uses this folded word.
    pub fn uses_word(&self, word: &str) -> bool {
        self.known_words.contains_key(word)
    }

    /// The stem of a word the sources use, worked out when indexing.
    pub fn stem_of(&self, word: &str) -> Option<&str> {
        self.known_words.get(word).map(String::as_str)
    }

    /// How distinctive a stem is across all passages (0..1): 1 for words few
    /// passages use ("inclusion"), falling towards 0 for words most use
    /// ("people"), so common words say little about what was asked.
    pub fn specificity(&self, stem: &str) -> f32 {
        let df = self.df.get(stem).copied().unwrap_or(0) as f32;
        if df == 0.0 {
            return 0.0;
        }
        let idf = (self.all.len() as f32 / df).ln();
        ((idf - 1.5) / 2.5).clamp(0.15, 1.0)
    }

    /// Passages in scope matching the stems, best first; ties go to the more
    /// recent inspection.
    pub fn search(&self, kb: &KnowledgeBase, stems: &[String], scope: &Scope) -> Vec<Hit> {
        if stems.is_empty() {
            return Vec::new();
        }
        let speaker = scope.speaker.map(fold);
        let scored = self.score_in(kb, stems, scope, speaker.as_deref());
        let mut hits: Vec<Hit> = scored
            .list
            .into_iter()
            .map(|(p, score)| Hit {
                passage: p as usize,
                score,
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(
                    self.all[a.passage]
                        .inspection
                        .cmp(&self.all[b.passage].inspection),
                )
                .then(a.passage.cmp(&b.passage))
        });
        hits
    }

    /// Every passage in scope, most recent inspection first (for "what did
    /// the BBC report" with no topic).
    pub fn all_in(&self, kb: &KnowledgeBase, scope: &Scope) -> Vec<Hit> {
        let speaker = scope.speaker.map(fold);
        let mut hits: Vec<Hit> = self
            .candidates(scope)
            .filter(|&i| self.in_scope(kb, &self.all[i], scope, speaker.as_deref()))
            .map(|i| Hit {
                passage: i,
                score: 0.0,
            })
            .collect();
        hits.sort_by_key(|h| (self.all[h.passage].inspection, h.passage));
        hits
    }

    /// True when a passage is in scope; `speaker` is the scope's speaker, folded.
    pub fn in_scope(
        &self,
        kb: &KnowledgeBase,
        p: &Passage,
        scope: &Scope,
        speaker: Option<&str>,
    ) -> bool {
        if !scope.forces.is_empty() && !scope.forces.contains(&p.force) {
            return false;
        }
        if let Some(c) = scope.cycle {
            if p.ins(kb).cycle != c {
                return false;
            }
        }
        if (scope.quotes_only || scope.kind.is_some() || scope.speaker.is_some()) && !p.is_quote() {
            return false;
        }
        if let Some(k) = scope.kind {
            if p.quote_kind(kb) != Some(k) {
                return false;
            }
        }
        if speaker.is_some() && p.speaker_key.as_deref() != speaker {
            return false;
        }
        if let Some(o) = scope.outlet {
            if kb.outlet_for(p.source(kb)).map(|x| x.name.as_str()) != Some(o) {
                return false;
            }
        }
        true
    }

    /// BM25 score of every passage in scope holding any of the stems (a
    /// stem given twice counts twice), added up from the postings.
    fn score_in(
        &self,
        kb: &KnowledgeBase,
        stems: &[String],
        scope: &Scope,
        speaker: Option<&str>,
    ) -> Scored {
        // Dense per passage (a few hundred): cheaper than hashing each posting.
        let mut dense = vec![0.0f32; self.all.len()];
        // 0 not yet checked, 1 in scope, 2 out of it.
        let mut state = vec![0u8; self.all.len()];
        let mut list: Vec<u32> = Vec::new();
        for s in stems {
            for &(p, w) in self.postings.get(s).map(Vec::as_slice).unwrap_or(&[]) {
                let i = p as usize;
                if state[i] == 0 {
                    let ok = self.in_scope(kb, &self.all[i], scope, speaker);
                    state[i] = if ok { 1 } else { 2 };
                    if ok {
                        list.push(p);
                    }
                }
                if state[i] == 1 {
                    dense[i] += w;
                }
            }
        }
        Scored {
            list: list.iter().map(|&p| (p, dense[p as usize])).collect(),
            dense,
        }
    }

    /// How well the sources in scope explain each stem (0..1, in order): its
    /// [`specificity`](Self::specificity) when the best passage for all of
    /// them has it, half that when some passage in scope has it, 0 when none
    /// does. "Best" is by BM25 over all passages' statistics, added up from
    /// the postings of the stems alone.
    pub fn explains(&self, kb: &KnowledgeBase, stems: &[String], scope: &Scope) -> Vec<f32> {
        let speaker = scope.speaker.map(fold);
        let score = self.score_in(kb, stems, scope, speaker.as_deref());
        let some: Vec<bool> = stems
            .iter()
            .map(|s| {
                self.postings
                    .get(s)
                    .is_some_and(|list| list.iter().any(|(p, _)| score.dense[*p as usize] > 0.0))
            })
            .collect();
        // Highest score; ties to the more recent inspection, then the first passage.
        let best = score
            .list
            .iter()
            .map(|&(p, w)| (p as usize, w))
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then(self.all[b.0].inspection.cmp(&self.all[a.0].inspection))
                    .then(b.0.cmp(&a.0))
            })
            .map(|(p, _)| &self.all[p]);
        stems
            .iter()
            .zip(some)
            .map(|(s, some)| {
                let presence = if best.is_some_and(|p| p.stems.binary_search(s).is_ok()) {
                    1.0
                } else if some {
                    0.5
                } else {
                    0.0
                };
                presence * self.specificity(s)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::load_embedded;

    fn passages() -> (KnowledgeBase, Passages) {
        let kb = load_embedded().unwrap();
        let p = Passages::new(&kb);
        (kb, p)
    }

    fn slug(kb: &KnowledgeBase, i: usize) -> &str {
        &kb.forces[i].slug
    }

    #[test]
    fn passages_cover_every_finding_concern_and_quote() {
        let (kb, p) = passages();
        let expected: usize = kb
            .forces
            .iter()
            .flat_map(|f| &f.inspections)
            .map(|i| i.findings.len() + i.concerns.len() + i.quotes.len())
            .sum();
        assert_eq!(p.all.len(), expected);
    }

    #[test]
    fn passages_rank_the_passage_holding_rare_words_first() {
        let (kb, p) = passages();
        let hits = p.search(&kb, &stems_of("inclusion training"), &Scope::default());
        let best = &p.all[hits[0].passage];
        assert_eq!(slug(&kb, best.force), "derbyshire");
        assert!(best.text(&kb).contains("inclusion training"));
    }

    #[test]
    fn passages_scope_by_force_kind_and_speaker() {
        let (kb, p) = passages();
        let derby = kb
            .forces
            .iter()
            .position(|f| f.slug == "derbyshire")
            .unwrap();
        let scope = Scope {
            forces: &[derby],
            kind: Some(QuoteKind::Response),
            ..Scope::default()
        };
        let hits = p.search(&kb, &stems_of("significant challenge change"), &scope);
        assert!(!hits.is_empty());
        for h in &hits {
            let ps = &p.all[h.passage];
            assert_eq!(ps.force, derby);
            assert_eq!(ps.quote_kind(&kb), Some(QuoteKind::Response));
        }
        assert!(p.all[hits[0].passage]
            .text(&kb)
            .contains("significant challenge"));
    }

    #[test]
    fn passages_explain_words_the_sources_use() {
        let (kb, p) = passages();
        let r = p.explains(&kb, &stems_of("engage corrupt"), &Scope::default());
        assert!(r[0] > 0.5, "{r:?}");
        assert_eq!(r[1], 0.0);
        // A word most passages use says less than a rare one.
        assert!(p.specificity("inclus") > p.specificity("forc"));
        assert!(p.uses_word("thorough"));
    }
}
