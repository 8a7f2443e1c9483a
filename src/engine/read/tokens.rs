//! Splitting a question into words: folded, spelling-corrected only where no
//! exact reading exists, stemmed, and marked where the asker's punctuation
//! separated them (multi-part questions split there).

use super::super::index::Index;
use super::super::lexicon::is_english;
use super::super::words::{is_stopword, stem};
use crate::text::fold;

/// One word of a question.
#[derive(Debug, Clone)]
pub struct Token {
    /// Folded, as typed.
    pub typed: String,
    /// Folded and, where it was unknown, corrected.
    pub word: String,
    pub stem: String,
    /// How sure the word is what was meant: 1.0 as typed, less when corrected.
    pub score: f32,
    /// Known as typed: a name or cue word, a common English word, or a word the sources use.
    pub known: bool,
    /// Capitalised as typed (a name the knowledge base may not hold).
    pub capital: bool,
    /// Punctuation (`? ; , . : ! +`) stood between this word and the one before.
    pub boundary: bool,
    pub stop: bool,
}

/// Words whose "'s" is "is" or "has", not a possessive.
const IS_CONTRACTIONS: &[&str] = &[
    "who", "what", "where", "when", "why", "how", "it", "that", "there", "here", "he", "she",
    "let", "this",
];

/// Unknown words per question that get a spelling correction attempt, so
/// long junk stays cheap.
const MAX_CORRECTIONS: usize = 4;

/// The words of a question, and the unknown ones (for "did you mean").
pub fn tokenize(question: &str, index: &Index) -> (Vec<Token>, Vec<String>) {
    let mut toks = Vec::new();
    let mut unknown = Vec::new();
    let mut corrections = 0usize;
    let mut boundary = false;
    let mut chunk = String::new();
    let flush = |chunk: &mut String, boundary: &mut bool, toks: &mut Vec<Token>| {
        if chunk.is_empty() {
            return;
        }
        let capital = chunk.chars().next().is_some_and(char::is_uppercase);
        // A possessive is its word ("police's" is police, not "polices");
        // "who's", "what's", "it's" are the word and "is", as if typed so.
        let mut is = false;
        for mark in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
            if let Some(base) = chunk.strip_suffix(mark) {
                if !base.is_empty() {
                    is = IS_CONTRACTIONS.contains(&fold(base).as_str());
                    chunk.truncate(base.len());
                }
                break;
            }
        }
        if is {
            chunk.push_str(" is");
        }
        for w in fold(chunk).split(' ').filter(|w| !w.is_empty()) {
            toks.push(Token {
                typed: w.to_string(),
                word: w.to_string(),
                stem: String::new(),
                score: 1.0,
                known: true,
                capital,
                boundary: std::mem::take(boundary),
                stop: false,
            });
        }
        chunk.clear();
    };
    for ch in question.chars() {
        if ch.is_alphanumeric() || matches!(ch, '\'' | '\u{2019}' | '\u{2018}' | '&' | '-') {
            chunk.push(ch);
        } else {
            flush(&mut chunk, &mut boundary, &mut toks);
            if matches!(ch, '?' | ';' | ',' | '.' | ':' | '!' | '+') {
                boundary = true;
            }
        }
    }
    flush(&mut chunk, &mut boundary, &mut toks);

    // A word's stem: worked out at indexing for every word the sources use.
    let stem_of = |w: &str| {
        index
            .passages
            .stem_of(w)
            .map_or_else(|| stem(w), str::to_string)
    };
    for k in 0..toks.len() {
        // After a first name, a near miss of that person's surname is the
        // surname, even when it is a word or another name ("Roy Wilshire",
        // "Rachel Swan").
        if k > 0 {
            if let Some(surname) = surname_after(&toks[k - 1].word, &toks[k].typed, index) {
                let t = &mut toks[k];
                t.word = surname;
                t.score = 0.85;
                t.stem = stem_of(&t.word);
                continue;
            }
        }
        let t = &mut toks[k];
        let w = t.typed.as_str();
        t.stop = is_stopword(w);
        let numeric = w.chars().all(|c| c.is_ascii_digit());
        if t.stop || numeric || index.vocab.is_known(w) {
            t.stem = stem_of(w);
            continue;
        }
        // A possessive or plural of a known name ("derbyshires", "kents").
        if let Some(base) = w.strip_suffix('s') {
            if base.len() > 2 && index.vocab.is_known(base) && !is_english(w) {
                t.word = base.to_string();
                t.stem = stem_of(base);
                continue;
            }
        }
        // Ordinary English, and words the sources themselves use, are never typos.
        if index.passages.uses_word(w) || is_english(w) {
            t.stem = stem_of(w);
            continue;
        }
        t.known = false;
        let correction = if corrections < MAX_CORRECTIONS {
            corrections += 1;
            index.vocab.correct(w)
        } else {
            None
        };
        match correction {
            Some(c) => {
                t.word = c.word.to_string();
                t.score = c.score;
                t.stop = is_stopword(&t.word);
                t.stem = stem_of(&t.word);
            }
            None => {
                let len = w.chars().count();
                if (4..=24).contains(&len) && unknown.len() < MAX_CORRECTIONS {
                    unknown.push(w.to_string());
                }
                // A word no one knows matches nothing stemmed: it stands as typed.
                t.stem = t.word.clone();
            }
        }
    }
    (toks, unknown)
}

/// The surname of someone with first name `first` that `word` misspells
/// (within an edit for short words, two for longer), unless `word` is a
/// first name itself.
fn surname_after(first: &str, word: &str, index: &Index) -> Option<String> {
    let people = index.first_names.get(first)?;
    let n = word.chars().count();
    if n < 4 || index.first_names.contains_key(word) {
        return None;
    }
    let budget = if n >= 7 { 2 } else { 1 };
    people
        .iter()
        .filter_map(|&p| index.surnames.get(p))
        .filter(|s| s.as_str() != word)
        .map(|s| (strsim::damerau_levenshtein(word, s), s))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, s)| s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::load_embedded;

    fn index() -> Index {
        Index::new(&load_embedded().unwrap())
    }

    fn words(q: &str, index: &Index) -> Vec<String> {
        tokenize(q, index).0.into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn tokens_typos_of_names_corrected() {
        let ix = index();
        assert_eq!(words("derbyshre suffok", &ix), ["derbyshire", "suffolk"]);
        assert_eq!(words("Metropolitain", &ix), ["metropolitan"]);
    }

    #[test]
    fn tokens_english_and_source_words_never_corrected() {
        let ix = index();
        // "thorough" is one edit from no name, but is English; "chances" likewise.
        assert_eq!(
            words("thorough chances forest train", &ix),
            ["thorough", "chances", "forest", "train"]
        );
    }

    #[test]
    fn tokens_surname_after_a_first_name_corrected() {
        let ix = index();
        // "wilshire" is nearer Wiltshire, and "swan" is a word: after the
        // first name each is the surname.
        assert_eq!(words("roy wilshire", &ix), ["roy", "wilsher"]);
        assert_eq!(words("rachel swan said", &ix), ["rachel", "swann", "said"]);
        // Not after someone else's first name, nor far from the surname.
        assert_eq!(words("wilshire", &ix), ["wiltshire"]);
        assert_eq!(words("rachel said", &ix), ["rachel", "said"]);
    }

    #[test]
    fn tokens_possessive_of_a_name() {
        let ix = index();
        assert_eq!(words("Derbyshire's kents", &ix), ["derbyshire", "kent"]);
        // Any word's possessive is the word.
        assert_eq!(
            words("notts police's force\u{2019}s", &ix),
            ["notts", "police", "force"]
        );
        // "who's" is "who is", read as if typed so.
        assert_eq!(words("who's", &ix), ["who", "is"]);
        assert_eq!(words("what\u{2019}s peel", &ix), ["what", "is", "peel"]);
    }

    #[test]
    fn tokens_punctuation_marks_boundaries_and_capitals() {
        let ix = index();
        let (t, _) = tokenize("Kent grades? And who led it", &ix);
        assert!(!t[0].boundary && t[0].capital);
        assert!(t[2].boundary, "{t:?}");
        assert!(!t[3].boundary);
    }

    #[test]
    fn tokens_unknown_words_listed_once_corrections_bounded() {
        let ix = index();
        let (_, unknown) = tokenize("zzqx yyqw xxqe wwqr vvqt uuqy", &ix);
        assert!(unknown.len() <= MAX_CORRECTIONS);
    }
}
