//! The curation log: questions the bot could not answer and answers users
//! voted on, as JSON Lines, for `peelbot gaps`.
//!
//! Private by construction: an entry holds the question text (as the front
//! end hands it over, with its own mention syntax already removed), status,
//! intent, vote and time; never a user, guild or channel id. Bounded: the file rotates at a size limit. Best effort: a full
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

    /// Records an answer if it ended without one (`no_match` or `clarify`),
    /// under `question`: the asked text as the front end would have curators
    /// read it (without mentions of people or channels).
    pub fn record_answer(&self, question: &str, answer: &Answer) -> bool {
        if !matches!(answer.status, Status::NoMatch | Status::Clarify) {
            return false;
        }
        self.write(&Entry {
            time: now_rfc3339(),
            kind: "unanswered".into(),
            question: question.to_string(),
            status: answer.status.as_str().into(),
            intent: answer.intent.clone(),
            vote: None,
        })
    }

    /// Records a 👍 or 👎 on the answer to `question` (as in [`FeedbackLog::record_answer`]).
    pub fn record_vote(&self, question: &str, status: &str, intent: &str, up: bool) -> bool {
        self.write(&Entry {
            time: now_rfc3339(),
            kind: "vote".into(),
            question: question.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_rfc3339_shape() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
