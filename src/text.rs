//! Text folding shared by the loader (matching area wordings) and the engine
//! (matching questions): one definition of "the same words".

/// Folds text for comparison: lower case, `&` as "and", accents dropped,
/// apostrophes removed ("force's" → "forces"), every other non-alphanumeric
/// character a single space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for ch in s.chars() {
        let ch = deaccent(ch);
        if ch == '&' {
            if !space {
                out.push(' ');
            }
            out.push_str("and ");
            space = true;
        } else if ch == '\'' || ch == '\u{2019}' || ch == '\u{2018}' {
            continue;
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
    use super::fold;

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
    fn fold_empty() {
        assert_eq!(fold(""), "");
        assert_eq!(fold(" \t\n "), "");
    }
}
