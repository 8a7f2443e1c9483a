//! Discord's size limits, and cutting text to fit them at word boundaries.
//!
//! Discord rejects a whole message when any part is one character too long,
//! so every string the bot sends passes through here. Lengths are counted in
//! UTF-16 code units, which is never less than the character count Discord
//! documents: a text that fits by this count fits by Discord's.

/// Characters of plain content in one message.
pub const CONTENT_MAX: usize = 2000;
/// Characters in an embed title.
pub const TITLE_MAX: usize = 256;
/// Characters in an embed description.
pub const DESCRIPTION_MAX: usize = 4096;
/// Fields in one embed.
pub const FIELDS_MAX: usize = 25;
/// Characters in a field name.
pub const FIELD_NAME_MAX: usize = 256;
/// Characters in a field value.
pub const FIELD_VALUE_MAX: usize = 1024;
/// Characters in an embed footer.
pub const FOOTER_MAX: usize = 2048;
/// Characters across all embeds of one message (titles, descriptions,
/// field names and values, footers).
pub const EMBEDS_TOTAL_MAX: usize = 6000;
/// Embeds in one message.
pub const EMBEDS_PER_MESSAGE: usize = 10;
/// Characters in a button label.
pub const BUTTON_LABEL_MAX: usize = 80;
/// A link button's URL.
pub const LINK_URL_MAX: usize = 512;
/// Options in a select menu, and characters in an option's label.
pub const MENU_OPTIONS_MAX: usize = 25;
pub const MENU_LABEL_MAX: usize = 100;
/// Characters in a component's custom id.
pub const CUSTOM_ID_MAX: usize = 100;
/// Buttons in one action row.
pub const BUTTONS_PER_ROW: usize = 5;
/// Action rows in one message.
pub const ROWS_PER_MESSAGE: usize = 5;
/// Choices in one autocomplete response.
pub const CHOICES_MAX: usize = 25;
/// Characters in an autocomplete choice's name or value.
pub const CHOICE_MAX: usize = 100;

/// The length of `s` as Discord's limits count it (conservatively).
pub fn len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The byte index at which `s` reaches `max` units (or its end).
fn byte_index_at(s: &str, max: usize) -> usize {
    let mut units = 0;
    for (i, ch) in s.char_indices() {
        units += ch.len_utf16();
        if units > max {
            return i;
        }
    }
    s.len()
}

/// Splits `text` into pieces of at most `max` units, preferring to cut
/// between paragraphs, then lines, then words. Only a single word longer than
/// `max` (a very long URL) is cut inside the word. Pieces are trimmed and
/// never empty; nothing is dropped but the whitespace at the cuts.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if len(rest) <= max {
            out.push(rest.to_string());
            break;
        }
        let limit = byte_index_at(rest, max);
        let head = &rest[..limit];
        // A cut at a boundary only counts if it leaves something before it.
        let cut = [head.rfind("\n\n"), head.rfind('\n')]
            .into_iter()
            .flatten()
            .find(|&i| !head[..i].trim().is_empty())
            .or_else(|| {
                head.char_indices()
                    .rev()
                    .find(|&(i, c)| c.is_whitespace() && !head[..i].trim().is_empty())
                    .map(|(i, _)| i)
            })
            // The boundary just past the limit is fine too: the head is whole words.
            .or_else(|| {
                rest[limit..]
                    .starts_with(char::is_whitespace)
                    .then_some(limit)
            });
        let (piece, tail) = match cut {
            Some(i) => (&rest[..i], &rest[i..]),
            None => {
                // One word longer than the limit: cut it where we must.
                let i = if limit == 0 {
                    rest.chars().next().map_or(rest.len(), char::len_utf8)
                } else {
                    limit
                };
                (&rest[..i], &rest[i..])
            }
        };
        let piece = piece.trim();
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
        rest = tail.trim_start();
    }
    out
}

/// Shortens `text` to at most `max` units for places that cannot be split
/// (titles, labels): cuts at a word boundary and ends with "…", so the
/// shortening is visible, never silent.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if len(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let limit = byte_index_at(text, max - 1);
    let head = &text[..limit];
    let cut = head
        .char_indices()
        .rev()
        .find(|&(i, c)| c.is_whitespace() && !head[..i].trim().is_empty())
        .map_or(limit, |(i, _)| i);
    let mut out = head[..cut]
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':')
        .to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize) -> String {
        (0..n)
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn split_short_is_one_piece() {
        assert_eq!(split("  hello world ", 20), vec!["hello world"]);
    }

    #[test]
    fn split_empty_is_nothing() {
        assert!(split("   ", 10).is_empty());
    }

    #[test]
    fn split_never_exceeds_max_and_keeps_every_word() {
        let text = words(2000);
        for max in [10, 37, 100, 1024, 2000] {
            let pieces = split(&text, max);
            assert!(pieces.iter().all(|p| len(p) <= max), "max {max}");
            assert_eq!(pieces.join(" "), text, "max {max}");
        }
    }

    #[test]
    fn split_prefers_paragraphs_then_lines() {
        let text = format!("{}\n\n{}", "a ".repeat(30).trim(), "b ".repeat(30).trim());
        let pieces = split(&text, 80);
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].chars().all(|c| c == 'a' || c == ' '));
        let text = "line one\nline two\nline three";
        assert_eq!(split(text, 18), vec!["line one\nline two", "line three"]);
    }

    #[test]
    fn split_long_word_is_cut_only_when_it_must_be() {
        let url = format!("https://example.org/{}", "x".repeat(50));
        let text = format!("see {url} now");
        let pieces = split(&text, 30);
        assert!(pieces.iter().all(|p| len(p) <= 30));
        assert_eq!(pieces[0], "see");
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn split_multibyte_counts_utf16() {
        let text = "é😀 ".repeat(100);
        let pieces = split(&text, 50);
        assert!(pieces.iter().all(|p| len(p) <= 50));
        assert_eq!(pieces.join(" "), text.trim());
    }

    #[test]
    fn shorten_fits_and_shows_the_cut() {
        assert_eq!(shorten("short", 10), "short");
        let s = shorten("Derbyshire Constabulary areas to improve", 20);
        assert!(len(&s) <= 20, "{s}");
        assert_eq!(s, "Derbyshire…");
        let s = shorten(&"x".repeat(300), 256);
        assert_eq!(len(&s), 256);
        assert!(s.ends_with('…'));
    }
}
