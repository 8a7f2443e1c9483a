//! Invariants every message the bot sends must keep, checked on the raw JSON
//! the fake received: nobody is pinged, and Discord's limits hold.

use serde_json::Value;

use super::fake::Recorded;

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Why one sent message breaks a rule, if it does.
pub fn message_problem(m: &Value) -> Option<String> {
    let am = &m["allowed_mentions"];
    if !am.is_object() {
        return Some("no allowed_mentions".into());
    }
    if am["parse"] != serde_json::json!([]) {
        return Some(format!("allowed_mentions.parse is {}", am["parse"]));
    }
    for key in ["users", "roles"] {
        if am[key].as_array().is_some_and(|a| !a.is_empty()) {
            return Some(format!("allowed_mentions.{key} is {}", am[key]));
        }
    }
    if am["replied_user"] == Value::Bool(true) {
        return Some("allowed_mentions.replied_user is true".into());
    }
    let content = chars(&m["content"]);
    if content > 2000 {
        return Some(format!("content has {content} characters"));
    }
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    if content == 0 && embeds.is_empty() {
        return Some("neither content nor embeds".into());
    }
    if embeds.len() > 10 {
        return Some(format!("{} embeds", embeds.len()));
    }
    let mut total = 0;
    for e in &embeds {
        let limits = [
            ("title", chars(&e["title"]), 256),
            ("description", chars(&e["description"]), 4096),
            ("footer", chars(&e["footer"]["text"]), 2048),
            ("author", chars(&e["author"]["name"]), 256),
        ];
        for (what, n, max) in limits {
            if n > max {
                return Some(format!("embed {what} has {n} characters"));
            }
            total += n;
        }
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        if fields.len() > 25 {
            return Some(format!("{} fields", fields.len()));
        }
        for f in &fields {
            let (n, v) = (chars(&f["name"]), chars(&f["value"]));
            if n == 0 || n > 256 || v == 0 || v > 1024 {
                return Some(format!("field sizes {n}/{v}"));
            }
            total += n + v;
        }
    }
    if total > 6000 {
        return Some(format!("embeds total {total} characters"));
    }
    let rows = m["components"].as_array().cloned().unwrap_or_default();
    if rows.len() > 5 {
        return Some(format!("{} action rows", rows.len()));
    }
    for row in &rows {
        let buttons = row["components"].as_array().cloned().unwrap_or_default();
        if buttons.is_empty() || buttons.len() > 5 {
            return Some(format!("{} buttons in a row", buttons.len()));
        }
        for b in &buttons {
            if b["type"] == 3 {
                // A select menu: alone in its row, at most 25 options.
                let options = b["options"].as_array().cloned().unwrap_or_default();
                if buttons.len() != 1 || options.is_empty() || options.len() > 25 {
                    return Some(format!("select menu with {} options", options.len()));
                }
                for o in &options {
                    let (label, value) = (chars(&o["label"]), chars(&o["value"]));
                    if label == 0 || label > 100 || value == 0 || value > 100 {
                        return Some(format!("menu option label {label} / value {value}"));
                    }
                }
                continue;
            }
            let label = chars(&b["label"]);
            if b["style"] == 5 {
                // A link button: a URL, no custom id.
                let url = b["url"].as_str().unwrap_or("");
                if label == 0 || label > 80 || !url.starts_with("https://") || url.len() > 512 {
                    return Some(format!("link button label {label} / url {url:?}"));
                }
                if b.get("custom_id").is_some_and(|v| !v.is_null()) {
                    return Some("link button with a custom id".into());
                }
                continue;
            }
            let id = chars(&b["custom_id"]);
            if label == 0 || label > 80 || id == 0 || id > 100 {
                return Some(format!("button label {label} / custom_id {id}"));
            }
        }
    }
    None
}

/// Checks every request: messages keep the rules, autocomplete stays within
/// 25 choices, and the bot called no route the fake does not know.
pub fn assert_all_sends_ok(requests: &[std::sync::Arc<Recorded>]) {
    for r in requests {
        assert_ne!(r.status, 404, "unknown route {} {}", r.method, r.path);
        if let Some(m) = r.message() {
            if let Some(problem) = message_problem(m) {
                panic!("{} {}: {problem}\n{m:#}", r.method, r.path);
            }
        }
        if r.path.ends_with("/callback") && r.body["type"] == 8 {
            let choices = r.body["data"]["choices"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(
                choices.len() <= 25,
                "{} autocomplete choices",
                choices.len()
            );
            for c in &choices {
                assert!((1..=100).contains(&chars(&c["name"])), "choice {c}");
            }
        }
    }
}
