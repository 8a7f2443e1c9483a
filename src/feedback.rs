//! The curation log: questions the bot could not answer and answers users
//! voted on, as JSON Lines, for `peelbot gaps`.
//!
//! Private by construction: an entry holds the question text (with Discord
//! mentions stripped), status, intent, vote and time; never a user, guild or
//! channel id. Bounded: the file rotates at a size limit. Best effort: a full
//! disk or an unwritable file is logged and never stops the bot answering.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::config::FeedbackConfig;
use crate::engine::{Answer, Status};

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// UTC, RFC 3339.
    pub time: String,
    /// "unanswered" or "vote".
    pub kind: String,
    pub question: String,
    pub status: String,
    pub intent: String,
    /// "up" or "down", for votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<String>,
}

/// Appends entries to the log file, rotating it when it grows too big.
#[derive(Debug)]
pub struct FeedbackLog {
    enabled: bool,
    path: PathBuf,
    max_bytes: u64,
    file: Mutex<Option<(File, u64)>>,
}

impl FeedbackLog {
    pub fn new(config: &FeedbackConfig) -> FeedbackLog {
        FeedbackLog {
            enabled: config.enabled,
            path: config.path.clone(),
            max_bytes: config.max_bytes,
            file: Mutex::new(None),
        }
    }

    /// Records an answer if it ended without one (`no_match` or `clarify`).
    pub fn record_answer(&self, answer: &Answer) -> bool {
        if !matches!(answer.status, Status::NoMatch | Status::Clarify) {
            return false;
        }
        self.write(&Entry {
            time: now_rfc3339(),
            kind: "unanswered".into(),
            question: strip_mentions(&answer.question),
            status: answer.status.as_str().into(),
            intent: answer.intent.name().to_string(),
            vote: None,
        })
    }

    /// Records a 👍 or 👎 on an answer.
    pub fn record_vote(&self, question: &str, status: &str, intent: &str, up: bool) -> bool {
        self.write(&Entry {
            time: now_rfc3339(),
            kind: "vote".into(),
            question: strip_mentions(question),
            status: status.into(),
            intent: intent.into(),
            vote: Some(if up { "up" } else { "down" }.into()),
        })
    }

    /// Writes one line; false (and a warning in the log) if it could not.
    fn write(&self, entry: &Entry) -> bool {
        if !self.enabled {
            return false;
        }
        let Ok(mut line) = serde_json::to_string(entry) else {
            return false;
        };
        line.push('\n');
        let mut guard = match self.file.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        match self.append(&mut guard, line.as_bytes()) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "feedback log not written");
                *guard = None;
                false
            }
        }
    }

    fn append(&self, slot: &mut Option<(File, u64)>, bytes: &[u8]) -> std::io::Result<()> {
        if slot.is_none() {
            let f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)?;
            let size = f.metadata()?.len();
            *slot = Some((f, size));
        }
        if let Some((_, size)) = slot.as_ref() {
            if size + bytes.len() as u64 > self.max_bytes {
                *slot = None;
                std::fs::rename(&self.path, rotated(&self.path))?;
                let f = OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&self.path)?;
                *slot = Some((f, 0));
            }
        }
        if let Some((f, size)) = slot.as_mut() {
            f.write_all(bytes)?;
            *size += bytes.len() as u64;
        }
        Ok(())
    }
}

/// The previous generation of a rotated log: `feedback.jsonl` → `feedback.jsonl.1`.
pub fn rotated(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".1");
    PathBuf::from(s)
}

/// Removes Discord mentions (`<@…>`, `<@!…>`, `<@&…>`, `<#…>`) and `@everyone`/`@here`.
pub fn strip_mentions(text: &str) -> String {
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

/// Current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// What curators should look at: the most frequent unanswered questions and
/// the most down-voted answers.
#[derive(Debug, Default)]
pub struct Gaps {
    /// (times asked, an example of the wording, last status), most asked first.
    pub unanswered: Vec<(usize, String, String)>,
    /// (down votes, up votes, question, intent), most down-voted first.
    pub downvoted: Vec<(usize, usize, String, String)>,
    /// Lines that were not valid entries (skipped).
    pub skipped: usize,
    pub entries: usize,
}

impl Gaps {
    /// Reads the log and its rotated predecessor; a missing file is an empty log.
    pub fn read(path: &Path) -> std::io::Result<Gaps> {
        let mut text = String::new();
        for p in [rotated(path), path.to_path_buf()] {
            match std::fs::read(&p) {
                Ok(bytes) => text.push_str(&String::from_utf8_lossy(&bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Gaps::from_lines(&text))
    }

    pub fn from_lines(text: &str) -> Gaps {
        use std::collections::HashMap;
        let mut gaps = Gaps::default();
        let mut asked: HashMap<String, (usize, String, String)> = HashMap::new();
        let mut votes: HashMap<(String, String), (usize, usize, String)> = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(e) = serde_json::from_str::<Entry>(line) else {
                gaps.skipped += 1;
                continue;
            };
            gaps.entries += 1;
            let key = crate::text::fold(&e.question);
            match (e.kind.as_str(), e.vote.as_deref()) {
                ("unanswered", _) => {
                    let slot = asked
                        .entry(key)
                        .or_insert((0, e.question.clone(), String::new()));
                    slot.0 += 1;
                    slot.2 = e.status.clone();
                }
                ("vote", Some(v)) => {
                    let slot =
                        votes
                            .entry((key, e.intent.clone()))
                            .or_insert((0, 0, e.question.clone()));
                    if v == "down" {
                        slot.0 += 1;
                    } else {
                        slot.1 += 1;
                    }
                }
                _ => gaps.skipped += 1,
            }
        }
        gaps.unanswered = asked.into_values().collect();
        gaps.unanswered
            .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        gaps.downvoted = votes
            .into_iter()
            .filter(|(_, v)| v.0 > 0)
            .map(|((_, intent), (down, up, q))| (down, up, q, intent))
            .collect();
        gaps.downvoted
            .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        gaps
    }

    /// The report `peelbot gaps` prints (at most `top` lines per list).
    pub fn render(&self, top: usize) -> String {
        let mut out = format!("{} entries", self.entries);
        if self.skipped > 0 {
            out.push_str(&format!(" ({} unreadable lines skipped)", self.skipped));
        }
        out.push_str("\n\nMost frequent unanswered questions (no_match or clarify):\n");
        if self.unanswered.is_empty() {
            out.push_str("  none\n");
        }
        for (n, q, status) in self.unanswered.iter().take(top) {
            out.push_str(&format!("  {n:>4}x  [{status}] {q}\n"));
        }
        out.push_str("\nMost down-voted answers:\n");
        if self.downvoted.is_empty() {
            out.push_str("  none\n");
        }
        for (down, up, q, intent) in self.downvoted.iter().take(top) {
            out.push_str(&format!("  {down:>4} down / {up} up  [{intent}] {q}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_mentions_all_kinds() {
        assert_eq!(
            strip_mentions("<@123> what about <@!45> and <@&67> in <#89>?"),
            "what about and in ?"
        );
        assert_eq!(strip_mentions("@everyone @here Kent grades"), "Kent grades");
    }

    #[test]
    fn strip_mentions_keeps_other_angle_brackets() {
        assert_eq!(strip_mentions("a < b and <@x> <@>"), "a < b and <@x> <@>");
    }

    #[test]
    fn gaps_counts_and_ranks() {
        let lines = [
            r#"{"time":"t","kind":"unanswered","question":"Tell me a joke","status":"no_match","intent":"none"}"#,
            r#"{"time":"t","kind":"unanswered","question":"tell me a JOKE!","status":"no_match","intent":"none"}"#,
            r#"{"time":"t","kind":"unanswered","question":"Yorkshire police","status":"clarify","intent":"clarify"}"#,
            r#"{"time":"t","kind":"vote","question":"Kent grades","status":"answered","intent":"overview","vote":"down"}"#,
            r#"{"time":"t","kind":"vote","question":"Kent grades","status":"answered","intent":"overview","vote":"up"}"#,
            "not json",
        ];
        let g = Gaps::from_lines(&lines.join("\n"));
        assert_eq!(g.unanswered[0].0, 2);
        assert_eq!(g.unanswered[0].1, "Tell me a joke");
        assert_eq!(
            g.downvoted,
            vec![(1, 1, "Kent grades".to_string(), "overview".to_string())]
        );
        assert_eq!(g.skipped, 1);
        assert!(g.render(10).contains("2x  [no_match] Tell me a joke"));
    }

    #[test]
    fn now_rfc3339_shape() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
