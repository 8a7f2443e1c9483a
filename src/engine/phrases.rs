//! Phrases keyed by their first word: how names, areas, terms and fixed
//! word sequences are found in a question in one pass.

use rustc_hash::FxHashMap;

/// Phrases keyed by their first word.
#[derive(Debug)]
pub struct Phrases<T> {
    by_first: FxHashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            by_first: FxHashMap::default(),
        }
    }
}

/// Where a phrase was found in a question's content words.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub len: usize,
    pub value: &'a T,
}

impl<T: PartialEq> Phrases<T> {
    pub fn add(&mut self, stems: Vec<String>, value: T) {
        let Some(first) = stems.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if !list.iter().any(|(s, v)| *s == stems && *v == value) {
            list.push((stems, value));
        }
    }

    /// Every occurrence of every phrase in `stems`.
    pub fn find<'a>(&'a self, stems: &[&str]) -> Vec<Hit<'a, T>> {
        let mut hits = Vec::new();
        for (i, s) in stems.iter().enumerate() {
            let Some(list) = self.by_first.get(*s) else {
                continue;
            };
            for (phrase, value) in list {
                let n = phrase.len();
                if i + n <= stems.len() && phrase.iter().zip(&stems[i..i + n]).all(|(a, b)| a == b)
                {
                    hits.push(Hit {
                        start: i,
                        len: n,
                        value,
                    });
                }
            }
        }
        hits
    }
}
