//! Spelling correction against the knowledge base's own words.
//!
//! A symmetric-delete index (the SymSpell idea): every known word is stored
//! under each string made by deleting up to two of its letters, so a typo is
//! found by looking up the typo's own deletions, a handful of hash lookups,
//! instead of comparing it with every word. Candidates are confirmed with
//! strsim's Damerau–Levenshtein distance.

use rustc_hash::FxHashMap;

/// Known words and their deletion index.
#[derive(Debug, Default)]
pub struct Vocab {
    words: Vec<String>,
    /// Length in characters of the longest word: longer tokens are never typos of ours.
    longest: usize,
    exact: FxHashMap<String, u32>,
    deletes: FxHashMap<String, Vec<u32>>,
}

/// A correction: the known word, and how sure we are (1.0 for exact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Correction<'a> {
    pub word: &'a str,
    pub score: f32,
}

/// How many edits a word of this length may carry and still be recognised.
/// Four letters or fewer: none ("went" must not become "kent").
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4 => 1,
        5..=7 => 1,
        _ => 2,
    }
}

impl Vocab {
    /// Builds the index from every word the engine should recognise.
    #[cfg(test)]
    pub fn new<I: IntoIterator<Item = String>>(words: I) -> Vocab {
        Vocab::build(words, std::iter::empty(), std::iter::empty())
    }

    /// Builds the index: `names` (forces, places, people) may be found
    /// through up to two typos, as their length allows; other `words` (areas,
    /// cue words) through one; `known` words (stopwords) are only recognised
    /// as typed, never what a typo meant.
    pub fn build<N, W, K>(names: N, words: W, known: K) -> Vocab
    where
        N: IntoIterator<Item = String>,
        W: IntoIterator<Item = String>,
        K: IntoIterator<Item = String>,
    {
        let mut v = Vocab::default();
        let targets = names
            .into_iter()
            .map(|w| (w, 2))
            .chain(words.into_iter().map(|w| (w, 1)));
        for (w, cap) in targets {
            if w.is_empty() || v.exact.contains_key(&w) {
                continue;
            }
            let id = v.words.len() as u32;
            let n = w.chars().count();
            v.longest = v.longest.max(n);
            let chars: Vec<char> = w.chars().collect();
            deletions(&chars, max_edits(n).min(cap), id, &mut v.deletes);
            v.exact.insert(w.clone(), id);
            v.words.push(w);
        }
        for w in known {
            if w.is_empty() || v.exact.contains_key(&w) {
                continue;
            }
            let id = v.words.len() as u32;
            v.exact.insert(w.clone(), id);
            v.words.push(w);
        }
        v
    }

    /// True for a word known exactly (no correction needed).
    pub fn is_known(&self, word: &str) -> bool {
        self.exact.contains_key(word)
    }

    /// The known word closest to `token`, if within its edit budget.
    ///
    /// Single deletions are tried first; two are generated only when one
    /// finds nothing, so the common one-letter typo costs a few lookups.
    pub fn correct(&self, token: &str) -> Option<Correction<'_>> {
        if let Some(&id) = self.exact.get(token) {
            return Some(Correction {
                word: &self.words[id as usize],
                score: 1.0,
            });
        }
        let n = token.chars().count();
        let budget = max_edits(n);
        if budget == 0 || n > self.longest + budget {
            return self.correct_repeats(token);
        }
        let mut best: Option<(usize, f64, u32)> = None;
        let mut level1 = Vec::with_capacity(n + 1);
        level1.push(token.to_string());
        single_deletions(token, &mut level1);
        for d in &level1 {
            self.consider(token, d, budget, &mut best);
        }
        if budget >= 2 && best.is_none_or(|b| b.0 > 1) {
            let mut level2 = Vec::with_capacity(n);
            for d in &level1[1..] {
                level2.clear();
                single_deletions(d, &mut level2);
                for d2 in &level2 {
                    self.consider(token, d2, budget, &mut best);
                }
            }
        }
        if best.is_none() {
            return self.correct_repeats(token);
        }
        best.map(|(dist, _, id)| {
            let w = &self.words[id as usize];
            let len = w.chars().count().max(n) as f32;
            Correction {
                word: w,
                score: (1.0 - 1.5 * dist as f32 / len).clamp(0.3, 0.95),
            }
        })
    }

    /// "Derbyshireeeee": letters held down too long, collapsed and tried again.
    fn correct_repeats(&self, token: &str) -> Option<Correction<'_>> {
        let mut collapsed = String::with_capacity(token.len());
        let mut last = None;
        let mut run = 0;
        let mut changed = false;
        for ch in token.chars() {
            if Some(ch) == last {
                run += 1;
                if run >= 2 {
                    changed = true;
                    continue;
                }
            } else {
                run = 0;
            }
            last = Some(ch);
            collapsed.push(ch);
        }
        if !changed || collapsed.chars().count() > self.longest + 2 {
            return None;
        }
        self.correct(&collapsed).map(|c| Correction {
            score: c.score.min(0.85),
            ..c
        })
    }

    /// Checks the words stored under one deletion string against `token`.
    fn consider(
        &self,
        token: &str,
        key: &str,
        budget: usize,
        best: &mut Option<(usize, f64, u32)>,
    ) {
        let exact = self.exact.get(key).copied();
        let listed = self.deletes.get(key).map(Vec::as_slice).unwrap_or(&[]);
        for id in listed.iter().copied().chain(exact) {
            let w = &self.words[id as usize];
            let dist = strsim::damerau_levenshtein(token, w);
            if dist == 0 || dist > budget.min(max_edits(w.chars().count()).max(1)) {
                continue;
            }
            // Four letters leave little to go on: only typos that keep the
            // first and last letters ("essx" → "essex", not "went" → "kent").
            if token.chars().count() <= 4
                && (token.chars().next() != w.chars().next()
                    || token.chars().last() != w.chars().last())
            {
                continue;
            }
            let sim = strsim::jaro_winkler(token, w);
            let better = match *best {
                None => true,
                Some((bd, bs, _)) => dist < bd || (dist == bd && sim > bs),
            };
            if better {
                *best = Some((dist, sim, id));
            }
        }
    }
}

/// Every string made by deleting one character of `word`.
fn single_deletions(word: &str, out: &mut Vec<String>) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    if chars.len() <= 1 {
        return;
    }
    for &(i, c) in &chars {
        let mut d = String::with_capacity(word.len());
        d.push_str(&word[..i]);
        d.push_str(&word[i + c.len_utf8()..]);
        out.push(d);
    }
}

/// Files word `id` under every string made by deleting up to `edits` of its
/// characters (each string once per word: its list ends with `id` already).
fn deletions(chars: &[char], edits: usize, id: u32, out: &mut FxHashMap<String, Vec<u32>>) {
    if edits == 0 || chars.len() <= 1 {
        return;
    }
    let mut d: Vec<char> = Vec::with_capacity(chars.len());
    for i in 0..chars.len() {
        // Deleting either of two equal neighbours makes the same string.
        if i > 0 && chars[i] == chars[i - 1] {
            continue;
        }
        d.clear();
        d.extend_from_slice(&chars[..i]);
        d.extend_from_slice(&chars[i + 1..]);
        let key: String = d.iter().collect();
        let fresh = match out.get_mut(key.as_str()) {
            Some(ids) if ids.last() == Some(&id) => false,
            Some(ids) => {
                ids.push(id);
                true
            }
            None => {
                out.insert(key, vec![id]);
                true
            }
        };
        if fresh {
            deletions(&d, edits - 1, id, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        Vocab::new(
            [
                "derbyshire",
                "suffolk",
                "metropolitan",
                "nottinghamshire",
                "kent",
                "wales",
                "sales",
            ]
            .map(String::from),
        )
    }

    #[test]
    fn correct_exact() {
        assert_eq!(vocab().correct("kent").unwrap().score, 1.0);
    }

    #[test]
    fn correct_typo_deletion() {
        assert_eq!(vocab().correct("suffok").unwrap().word, "suffolk");
        assert_eq!(vocab().correct("derbyshre").unwrap().word, "derbyshire");
        assert_eq!(
            vocab().correct("nottinghamshre").unwrap().word,
            "nottinghamshire"
        );
    }

    #[test]
    fn correct_typo_insertion() {
        assert_eq!(
            vocab().correct("metropolitain").unwrap().word,
            "metropolitan"
        );
    }

    #[test]
    fn correct_typo_substitution() {
        assert_eq!(vocab().correct("darbyshire").unwrap().word, "derbyshire");
    }

    #[test]
    fn correct_short_words_not_guessed() {
        assert!(vocab().correct("went").is_none());
        assert!(vocab().correct("sent").is_none());
    }

    #[test]
    fn correct_empty() {
        assert!(vocab().correct("").is_none());
    }

    #[test]
    fn correct_unicode() {
        assert!(vocab().correct("ßßßßßß").is_none());
        assert_eq!(vocab().correct("derbyshirè").unwrap().word, "derbyshire");
    }

    #[test]
    fn correct_unrelated_word() {
        assert!(vocab().correct("weather").is_none());
    }
}
