//! The engine's fixed knowledge of English, kept apart from the knowledge
//! base's facts: words that carry no meaning for matching, words that name
//! a police force generically, and stemming (Snowball's English stemmer, so
//! "investigations", "investigating" and "investigate" meet).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words that carry no meaning for matching; dropped from phrases and from
/// topic searches (cue phrases may still use them: "who led", "stand for").
pub const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "and",
    "for",
    "at",
    "in",
    "on",
    "with",
    "its",
    "it",
    "their",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "by",
    "about",
    "me",
    "my",
    "i",
    "you",
    "your",
    "we",
    "our",
    "us",
    "this",
    "that",
    "these",
    "those",
    "there",
    "as",
    "or",
    "so",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "can",
    "could",
    "would",
    "will",
    "shall",
    "should",
    "please",
    "tell",
    "show",
    "give",
    "get",
    "got",
    "what",
    "whats",
    "how",
    "hows",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "why",
    "any",
    "some",
    "all",
    "from",
    "into",
    "up",
    "out",
    "than",
    "then",
    "if",
    "s",
    "also",
    "just",
    "very",
    "much",
    "many",
    "more",
    "most",
    "being",
    "per",
    "re",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
    "ok",
    "u",
    "ur",
    "pls",
    "plz",
    "im",
    "ive",
    "id",
    "whos",
    "wheres",
    "whys",
    "theyre",
    "thats",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "dont",
    "doesnt",
    "didnt",
    "hasnt",
    "havent",
    "hadnt",
    "cant",
    "wont",
    "not",
    "no",
    "yes",
    "yeah",
    "lol",
    "mate",
    "guys",
    "like",
    "actually",
    "really",
    "basically",
    "even",
    "still",
    "already",
    "ever",
    "one",
    "ones",
    "between",
    "because",
    "only",
    "too",
    "though",
    "although",
    "while",
    "whether",
];

/// Words that name a police force generically; dropped from force names.
pub const GENERIC_FORCE_WORDS: &[&str] = &[
    "police",
    "constabulary",
    "service",
    "force",
    "forces",
    "cops",
    "policing",
    "heddlu",
];

/// Words every reading explains: they place a question among inspections
/// without saying what it asks ("the latest PEEL inspection report").
pub const FILLER: &[&str] = &[
    "police",
    "policing",
    "constabulary",
    "force",
    "service",
    "cops",
    "heddlu",
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
    "know",
    "want",
    "wants",
    "wondering",
    "wonder",
    "curious",
    "look",
    "looking",
    "find",
    "anything",
    "something",
    "thing",
    "things",
    "stuff",
    "latest",
    "recent",
    "recently",
    "newest",
    "last",
    "previous",
    "current",
    "cycle",
    "year",
    "overall",
    "exactly",
    "pretty",
    "quite",
    "bit",
    "lot",
    "way",
    "ways",
    "let",
    "see",
    "quick",
    "question",
    "answer",
    "info",
    "information",
    "details",
    "detail",
    "official",
    "main",
    "key",
    "specific",
    "particular",
    "particularly",
];

/// Words that turn the next grade or judgement around ("no inadequate grades").
pub const NEGATIONS: &[&str] = &[
    "not", "no", "never", "without", "none", "isnt", "arent", "wasnt", "werent", "doesnt", "didnt",
    "hasnt", "havent", "hadnt", "nothing", "neither", "nor", "dont",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The Snowball English stem of a folded word.
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.is_ascii() {
        return word.to_string();
    }
    stemmer().stem(word).into_owned()
}

pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// True for a word every reading explains (see [`FILLER`]).
pub fn is_filler(word: &str) -> bool {
    FILLER.contains(&word) || GENERIC_FORCE_WORDS.contains(&word)
}

/// A word that is a year PEEL could be asked about ("2022"): four digits
/// from 2010 to 2035.
pub fn year_of(word: &str) -> Option<u16> {
    if word.len() != 4 {
        return None;
    }
    word.parse::<u16>()
        .ok()
        .filter(|y| (2010..=2035).contains(y))
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stem_investigation_family() {
        let s = stem("investigations");
        assert_eq!(stem("investigation"), s);
        assert_eq!(stem("investigating"), s);
        assert_eq!(stem("investigate"), s);
    }

    #[test]
    fn stem_short_words_kept() {
        assert_eq!(stem("kent"), "kent");
        assert_eq!(stem("999"), "999");
    }

    #[test]
    fn stem_unicode_kept() {
        assert_eq!(stem("café"), "café");
    }

    #[test]
    fn stem_plural_and_verb_forms_meet() {
        assert_eq!(stem("offenders"), stem("offender"));
        assert_eq!(stem("calls"), stem("call"));
        assert_eq!(stem("vulnerable"), stem("vulnerability"));
    }
}
