//! Text folding shared by the loader (matching area wordings) and the engine
//! (matching questions): one definition of "the same words"; and one
//! definition of how long a question is.

use unicode_segmentation::UnicodeSegmentation as _;

/// Code points allowed per unit of a length limit: a limit of 500 accepts at
/// most 2,000 code points, however they are grouped.
pub const CODE_POINTS_PER_CHARACTER: usize = 4;

/// How long `s` is as a person sees it: grapheme clusters, so "é" written
/// as e + a combining accent, a flag or a family emoji counts once.
pub fn visible_len(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Why `s` is over a limit of `max` characters, if it is: more than `max`
/// graphemes, or (stacked combining marks, "Zalgo" text) more than
/// `max * CODE_POINTS_PER_CHARACTER` code points, so marks piled on a few
/// letters cannot carry a huge input past the limit.
pub fn over_limit(s: &str, max: usize) -> Option<String> {
    // Plain ASCII within the limit: one grapheme per byte at most, nothing to count.
    if s.len() <= max && s.is_ascii() {
        return None;
    }
    let code_points = s.chars().count();
    if code_points > max.saturating_mul(CODE_POINTS_PER_CHARACTER) {
        return Some(format!(
            "That question is too long: {code_points} characters counting every accent and mark; the limit is {max}. Please ask something shorter."
        ));
    }
    let seen = visible_len(s);
    (seen > max).then(|| {
        format!("That question is too long: {seen} characters; the limit is {max}. Please ask something shorter.")
    })
}

/// Folds text for comparison: lower case, `&` as "and", accents dropped,
/// apostrophes removed ("force's" → "forces"), every other non-alphanumeric
/// character a single space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut space = true;
    for ch in s.chars() {
        // ASCII (most questions and every name) skips the accent and
        // Unicode case tables.
        let ch = if ch.is_ascii() { ch } else { deaccent(ch) };
        if ch == '&' {
            if !space {
                out.push(' ');
            }
            out.push_str("and ");
            space = true;
        } else if ch == '\'' || ch == '\u{2019}' || ch == '\u{2018}' {
            continue;
        } else if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
            space = false;
        } else if ch.is_alphanumeric() {
            for lower in ch.to_lowercase() {
                out.push(deaccent(lower));
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Maps common Latin accented letters to their base letter.
fn deaccent(ch: char) -> char {
    match ch {
        // Full-width forms ("Ｄｅｒｂｙ") are ASCII in disguise.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ŵ' => 'w',
        'ŷ' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, over_limit, visible_len};

    #[test]
    fn fold_case() {
        assert_eq!(fold("Responding To The PUBLIC"), "responding to the public");
    }

    #[test]
    fn fold_ampersand() {
        assert_eq!(
            fold("Leadership & force management"),
            "leadership and force management"
        );
        assert_eq!(fold("A&B"), "a and b");
    }

    #[test]
    fn fold_punctuation() {
        assert_eq!(
            fold("  Building, supporting, and protecting!  "),
            "building supporting and protecting"
        );
        assert_eq!(fold("anti-social"), "anti social");
    }

    #[test]
    fn fold_apostrophe() {
        assert_eq!(fold("Derbyshire's force’s"), "derbyshires forces");
    }

    #[test]
    fn fold_unicode() {
        assert_eq!(fold("Café Ŵales"), "cafe wales");
        assert_eq!(fold("日本"), "日本");
    }

    #[test]
    fn visible_len_counts_graphemes() {
        assert_eq!(visible_len("Kent"), 4);
        assert_eq!(visible_len("e\u{301}"), 1);
        assert_eq!(visible_len("🇬🇧"), 1);
        assert_eq!(visible_len(""), 0);
    }

    #[test]
    fn over_limit_counts_what_is_seen_and_caps_marks() {
        assert_eq!(over_limit(&"é".repeat(500), 500), None);
        assert_eq!(
            over_limit(&"e\u{301}".repeat(500), 500),
            None,
            "combining accents count once"
        );
        assert!(over_limit(&"a".repeat(501), 500).is_some_and(|e| e.contains("501")));
        // Zalgo: 10 letters under 300 marks each.
        let zalgo: String = (0..10)
            .map(|_| format!("a{}", "\u{301}".repeat(300)))
            .collect();
        assert_eq!(visible_len(&zalgo), 10);
        assert!(over_limit(&zalgo, 500).is_some());
    }

    #[test]
    fn fold_empty() {
        assert_eq!(fold(""), "");
        assert_eq!(fold(" \t\n "), "");
    }
}
