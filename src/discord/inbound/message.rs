//! Reading a channel message: is it addressed to the bot, and what does it ask?
//!
//! A message is for the bot when it starts with the prefix (`!peel`), when it
//! mentions the bot (`<@id>` in the text; a reply that merely pings the bot
//! does not count), or when it is a direct message. What follows is free
//! text for the engine, except the bare words `help` and `about`.

use crate::discord::mentions;

/// What a message asks the bot to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// A free-text question for the engine.
    Question(String),
    /// The command list (also for an empty mention).
    Help,
    /// What the data covers.
    About,
}

/// How the message reached the bot, for logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Prefix,
    Mention,
    DirectMessage,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Prefix => "prefix",
            Via::Mention => "mention",
            Via::DirectMessage => "dm",
        }
    }
}

/// The invocation in `content`, if the message is for the bot.
pub fn extract(content: &str, bot_id: u64, prefix: &str, is_dm: bool) -> Option<(Via, Invocation)> {
    let text = content.trim();
    let (via, rest) = if let Some(rest) = strip_prefix(text, prefix) {
        (Via::Prefix, rest.to_string())
    } else if let Some(rest) = mentions::remove_bot_mention(text, bot_id) {
        (Via::Mention, rest)
    } else if is_dm {
        (Via::DirectMessage, text.to_string())
    } else {
        return None;
    };
    Some((via, classify(&rest)))
}

/// `rest` after a prefix that ends at a word boundary ("!peel x", not "!peeler").
fn strip_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let prefix = prefix.trim();
    if prefix.is_empty() || text.len() < prefix.len() || !text.is_char_boundary(prefix.len()) {
        return None;
    }
    let (head, rest) = text.split_at(prefix.len());
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        Some(rest)
    } else {
        None
    }
}

fn classify(rest: &str) -> Invocation {
    let rest = rest
        .trim()
        .trim_start_matches([',', ':', ';', '-', '—'])
        .trim();
    let collapsed = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = collapsed.to_lowercase();
    match lower.trim_end_matches(['?', '!', '.']) {
        "" | "help" | "commands" => Invocation::Help,
        "about" => Invocation::About,
        _ => match collapsed.get(..4) {
            Some(head) if head.eq_ignore_ascii_case("ask ") => {
                Invocation::Question(collapsed[4..].trim().to_string())
            }
            _ => Invocation::Question(collapsed),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOT: u64 = 42;

    fn q(s: &str) -> Option<(Via, Invocation)> {
        extract(s, BOT, "!peel", false)
    }

    #[test]
    fn question_prefix_at_word_boundary() {
        assert_eq!(
            q("!peel what does Kent need to improve?"),
            Some((
                Via::Prefix,
                Invocation::Question("what does Kent need to improve?".into())
            ))
        );
        assert_eq!(q("!PEEL about"), Some((Via::Prefix, Invocation::About)));
        assert_eq!(q("!peeler what"), None);
        assert_eq!(q("!peel"), Some((Via::Prefix, Invocation::Help)));
    }

    #[test]
    fn question_mention_anywhere_is_removed() {
        assert_eq!(
            q("<@42> what does   Kent need to improve?"),
            Some((
                Via::Mention,
                Invocation::Question("what does Kent need to improve?".into())
            ))
        );
        assert_eq!(
            q("hey <@!42>, grades for Kent"),
            Some((
                Via::Mention,
                Invocation::Question("hey , grades for Kent".into())
            ))
        );
        assert_eq!(q("<@42>"), Some((Via::Mention, Invocation::Help)));
        assert_eq!(q("<@42> help"), Some((Via::Mention, Invocation::Help)));
    }

    #[test]
    fn question_other_mentions_and_plain_text_ignored() {
        assert_eq!(q("<@43> what does Kent need to improve?"), None);
        assert_eq!(q("what does Kent need to improve?"), None);
        assert_eq!(q("@everyone hello"), None);
    }

    #[test]
    fn question_direct_message_needs_no_address() {
        assert_eq!(
            extract("grades for Kent", BOT, "!peel", true),
            Some((
                Via::DirectMessage,
                Invocation::Question("grades for Kent".into())
            ))
        );
    }

    #[test]
    fn question_ask_word_is_optional() {
        assert_eq!(
            q("!peel ask grades for Kent"),
            Some((Via::Prefix, Invocation::Question("grades for Kent".into())))
        );
        assert_eq!(
            q("!peel asking about Kent"),
            Some((
                Via::Prefix,
                Invocation::Question("asking about Kent".into())
            ))
        );
    }

    #[test]
    fn question_multibyte_prefix_is_safe() {
        assert_eq!(extract("é", BOT, "!peel", false), None);
        assert_eq!(extract("!p", BOT, "!peel", false), None);
    }
}
