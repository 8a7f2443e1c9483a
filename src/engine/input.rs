//! Checking raw input before reading it: empty, too long, or binary questions
//! are rejected with a reason; tabs and line breaks just become spaces.

/// A question fit to read, or why not.
pub fn clean(question: &str, max_chars: usize) -> Result<String, String> {
    if let Some(why) = crate::text::over_limit(question, max_chars) {
        return Err(why);
    }
    // A stray invalid byte (decoded lossily as U+FFFD) is a space; mostly
    // replacement characters is binary data.
    let replaced = question.chars().filter(|&c| c == '\u{FFFD}').count();
    if replaced * 4 > question.chars().count() {
        return Err("That looks like binary data, not a question.".into());
    }
    let mut out = String::with_capacity(question.len());
    for ch in question.chars() {
        match ch {
            '\t' | '\n' | '\r' | '\u{FFFD}' => out.push(' '),
            c if c.is_control() => {
                return Err(
                    "That question contains control characters; please send plain text.".into(),
                )
            }
            '\u{E000}'..='\u{F8FF}' | '\u{FFF0}'..='\u{FFFF}' => {
                return Err("That looks like binary data, not a question.".into())
            }
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed.is_empty() {
        return Err(
            "Please ask a question, for example: What does Derbyshire need to improve?".into(),
        );
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_empty() {
        assert!(clean("", 500).is_err());
        assert!(clean(" \t\n ", 500).is_err());
    }

    #[test]
    fn clean_whitespace_controls_become_spaces() {
        assert_eq!(
            clean("What\tdoes\nKent\r need?", 500).unwrap(),
            "What does Kent  need?"
        );
    }

    #[test]
    fn clean_binary_rejected() {
        assert!(clean("abc\u{0}def", 500).is_err());
        assert!(clean("\u{FFFD}\u{FFFD}", 500).is_err());
        assert!(clean("\u{1b}[31m", 500).is_err());
    }

    #[test]
    fn clean_a_stray_invalid_byte_is_a_space() {
        assert_eq!(clean("Kent\u{FFFD} grades", 500).unwrap(), "Kent  grades");
    }

    #[test]
    fn clean_too_long() {
        let long = "a".repeat(501);
        assert!(clean(&long, 500).unwrap_err().contains("501"));
        assert!(clean(&"a".repeat(500), 500).is_ok());
    }

    #[test]
    fn clean_unicode_counts_chars() {
        assert!(clean(&"é".repeat(500), 500).is_ok());
    }
}
