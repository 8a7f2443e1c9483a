//! Discord's mention syntax (`<@id>`, `<@!id>`, `<@&id>`, `<#id>`,
//! `@everyone`, `@here`), read here and nowhere else: finding the bot's own
//! mention in a message, and removing every mention from text that outlives
//! the reply.

/// The text with every mention of the bot removed, if there was one.
pub fn remove_bot_mention(text: &str, bot_id: u64) -> Option<String> {
    let plain = format!("<@{bot_id}>");
    let nick = format!("<@!{bot_id}>");
    if !text.contains(&plain) && !text.contains(&nick) {
        return None;
    }
    Some(text.replace(&plain, " ").replace(&nick, " "))
}

/// Removes Discord mentions (`<@…>`, `<@!…>`, `<@&…>`, `<#…>`) and
/// `@everyone`/`@here`, for text kept beyond the reply (the curation log,
/// vote buttons). Repeated until nothing changes, so removing one mention
/// cannot assemble another (`<<@1>@2>`, `@every@everyoneone`).
pub fn strip_mentions(text: &str) -> String {
    let mut current = text.to_string();
    loop {
        let next = strip_once(&current);
        if next == current {
            return next;
        }
        current = next;
    }
}

/// One pass of [`strip_mentions`].
fn strip_once(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let body = tail
            .strip_prefix("<@!")
            .or_else(|| tail.strip_prefix("<@&"))
            .or_else(|| tail.strip_prefix("<@"))
            .or_else(|| tail.strip_prefix("<#"));
        match body.and_then(|b| b.find('>').map(|end| (b, end))) {
            Some((b, end)) if end > 0 && b[..end].bytes().all(|c| c.is_ascii_digit()) => {
                rest = &b[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    let out = out.replace("@everyone", "").replace("@here", "");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_of_the_bot_are_removed_anywhere() {
        assert_eq!(
            remove_bot_mention("hey <@!42>, <@42> hi", 42).as_deref(),
            Some("hey  ,   hi")
        );
        assert_eq!(remove_bot_mention("<@43> hi", 42), None);
    }

    #[test]
    fn strip_mentions_all_kinds() {
        assert_eq!(
            strip_mentions("<@123> what about <@!45> and <@&67> in <#89>?"),
            "what about and in ?"
        );
        assert_eq!(strip_mentions("@everyone @here Kent grades"), "Kent grades");
    }

    #[test]
    fn strip_mentions_to_a_fixpoint() {
        assert_eq!(strip_mentions("<<@1>@2> hi"), "hi");
        assert_eq!(strip_mentions("@every@everyoneone hi"), "hi");
        assert_eq!(strip_mentions("@he@everyonere x"), "x");
        assert_eq!(strip_mentions("<#<@&1>2> y"), "y");
    }

    #[test]
    fn strip_mentions_keeps_other_angle_brackets() {
        assert_eq!(strip_mentions("a < b and <@x> <@>"), "a < b and <@x> <@>");
    }
}
