//! Common English words, so ordinary words are never "corrected" into names
//! ("thorough" is not a typo of Hobrough, "chances" not of Hampshire).
//!
//! The list is the lower-case words of SCOWL's small British English list
//! (see `lexicon/LICENSE-SCOWL.txt`), embedded sorted bytewise; a lookup is a
//! binary search over the text itself, so loading costs nothing.

/// One word per line, sorted bytewise.
static WORDS: &str = include_str!("lexicon/english-words.txt");

/// The words, split once per process (a few hundred microseconds), then
/// shared by every engine.
fn words() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| WORDS.lines().collect())
}

/// True when `word` (folded, lower case) is a common English word.
pub fn is_english(word: &str) -> bool {
    if word.is_empty() || !word.is_ascii() {
        return false;
    }
    words().binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_sorted_bytewise_one_word_per_line() {
        let mut last = "";
        for w in WORDS.lines() {
            assert!(w > last, "{w:?} after {last:?}");
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w:?}");
            last = w;
        }
        assert!(WORDS.lines().count() > 30_000);
    }

    #[test]
    fn lexicon_common_words_known() {
        for w in [
            "a", "thorough", "chances", "missed", "training", "corrupt", "forest", "zoo",
        ] {
            assert!(is_english(w), "{w}");
        }
    }

    #[test]
    fn lexicon_names_and_typos_unknown() {
        for w in [
            "derbyshre",
            "metropolitain",
            "suffok",
            "hobrough",
            "",
            "café",
        ] {
            assert!(!is_english(w), "{w}");
        }
    }

    #[test]
    fn lexicon_every_word_found() {
        for w in WORDS.lines().step_by(97) {
            assert!(is_english(w), "{w}");
        }
    }
}
