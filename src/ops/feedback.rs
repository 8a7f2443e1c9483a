//! The curation log: questions the bot could not answer and answers users
//! voted on, as JSON Lines, for `peelbot gaps`.
//!
//! Private by construction: an entry holds the question text (as the front
//! end hands it over, with its own mention syntax already removed), status,
//! intent, vote and time, and for votes a keyed hash of (voter, answer)
//! whose key lives in a file beside the log; never a user, guild or channel
//! id. Bounded: the file rotates at a size limit and questions are cut at
//! [`MAX_QUESTION_CHARS`]. Rotation by others is noticed: when the path no
//! longer names the open file (moved, deleted, replaced), the next entry
//! reopens it, as does [`FeedbackLog::reopen`] (SIGHUP). Best effort: a full
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
    /// For votes: a keyed hash of who voted on which answer, so `gaps`
    /// counts one vote per person per answer (the last) without the log
    /// holding either id. Absent in lines written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voter: Option<String>,
}

/// Longest question written, in characters; a longer one is cut.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// The open file, its size, and which file it is (to notice rotation).
#[derive(Debug)]
struct Open {
    file: File,
    size: u64,
    id: Option<(u64, u64)>,
}

/// Appends entries to the log file, rotating it when it grows too big and
/// reopening it when something else moved or replaced it.
#[derive(Debug)]
pub struct FeedbackLog {
    enabled: bool,
    path: PathBuf,
    max_bytes: u64,
    file: Mutex<Option<Open>>,
    /// The voter-hash key, read or created on the first vote.
    key: Mutex<Option<ring::hmac::Key>>,
}

impl FeedbackLog {
    pub fn new(config: &FeedbackConfig) -> FeedbackLog {
        FeedbackLog {
            enabled: config.enabled,
            path: config.path.clone(),
            max_bytes: config.max_bytes,
            file: Mutex::new(None),
            key: Mutex::new(None),
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
            question: bounded(question),
            status: answer.status.as_str().into(),
            intent: answer.intent.name().to_string(),
            vote: None,
            voter: None,
        })
    }

    /// Records `voter`'s 👍 or 👎 on the answer to `question` (as in
    /// [`FeedbackLog::record_answer`]). `voter` is (who, which answer) as the
    /// front end numbers them; only their keyed hash is written.
    pub fn record_vote(
        &self,
        voter: (u64, u64),
        question: &str,
        status: &str,
        intent: &str,
        up: bool,
    ) -> bool {
        if !self.enabled {
            return false;
        }
        let Some(voter) = self.voter_hash(voter) else {
            return false;
        };
        self.write(&Entry {
            time: now_rfc3339(),
            kind: "vote".into(),
            question: bounded(question),
            status: status.into(),
            intent: intent.into(),
            vote: Some(if up { "up" } else { "down" }.into()),
            voter: Some(voter),
        })
    }

    /// Closes the file, so the next entry opens `path` afresh (SIGHUP and
    /// `/reload` call this, as log rotation tools expect).
    pub fn reopen(&self) {
        *lock(&self.file) = None;
    }

    /// The file holding the voter-hash key: beside the log, so it survives
    /// restarts and moves with it.
    pub fn key_path(&self) -> PathBuf {
        let mut s = self.path.as_os_str().to_owned();
        s.push(".key");
        PathBuf::from(s)
    }

    /// HMAC-SHA256 of the voter under the log's key, hex, first 16 bytes.
    fn voter_hash(&self, (user, answer): (u64, u64)) -> Option<String> {
        let mut slot = lock(&self.key);
        if slot.is_none() {
            match load_or_create_key(&self.key_path()) {
                Ok(key) => *slot = Some(key),
                Err(e) => {
                    tracing::warn!(path = %self.key_path().display(), error = %e, "feedback key not readable; vote not written");
                    return None;
                }
            }
        }
        let key = slot.as_ref()?;
        let mut message = [0u8; 16];
        message[..8].copy_from_slice(&user.to_be_bytes());
        message[8..].copy_from_slice(&answer.to_be_bytes());
        let tag = ring::hmac::sign(key, &message);
        Some(
            tag.as_ref()[..16]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        )
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
        let mut guard = lock(&self.file);
        match self.append(&mut guard, line.as_bytes()) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "feedback log not written");
                *guard = None;
                false
            }
        }
    }

    fn open(&self) -> std::io::Result<Open> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        let meta = file.metadata()?;
        Ok(Open {
            size: meta.len(),
            id: file_id(&meta),
            file,
        })
    }

    fn append(&self, slot: &mut Option<Open>, bytes: &[u8]) -> std::io::Result<()> {
        // Moved, deleted or replaced by someone else (logrotate): reopen.
        if let Some(open) = slot.as_ref() {
            let now = std::fs::metadata(&self.path).ok().and_then(|m| file_id(&m));
            if now.is_none() || now != open.id {
                tracing::info!(path = %self.path.display(), "feedback log moved or replaced; reopening");
                *slot = None;
            }
        }
        if slot.is_none() {
            *slot = Some(self.open()?);
        }
        if slot
            .as_ref()
            .is_some_and(|o| o.size + bytes.len() as u64 > self.max_bytes)
        {
            *slot = None;
            std::fs::rename(&self.path, rotated(&self.path))?;
            *slot = Some(self.open()?);
        }
        if let Some(open) = slot.as_mut() {
            open.file.write_all(bytes)?;
            open.size += bytes.len() as u64;
        }
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// `question` cut to [`MAX_QUESTION_CHARS`].
fn bounded(question: &str) -> String {
    match question.char_indices().nth(MAX_QUESTION_CHARS) {
        Some((i, _)) => format!("{}…", &question[..i]),
        None => question.to_string(),
    }
}

/// (device, inode) on Unix: what tells one file from its replacement.
#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((meta.dev(), meta.ino()))
}

/// Elsewhere only a missing file is noticed.
#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    Some((0, 0))
}

/// The key in `path`, or a new random one written there (owner-only).
fn load_or_create_key(path: &Path) -> std::io::Result<ring::hmac::Key> {
    use ring::rand::SecureRandom as _;
    let bytes = match std::fs::read(path) {
        Ok(bytes) if bytes.len() >= 32 => bytes,
        Ok(_) => {
            return Err(std::io::Error::other(
                "the key file is shorter than 32 bytes",
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut fresh = [0u8; 32];
            ring::rand::SystemRandom::new()
                .fill(&mut fresh)
                .map_err(|_| std::io::Error::other("no system randomness"))?;
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt as _;
                options.mode(0o600);
            }
            match options.open(path) {
                Ok(mut f) => {
                    f.write_all(&fresh)?;
                    fresh.to_vec()
                }
                // Another process created it first: use theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::read(path)?,
                Err(e) => return Err(e),
            }
        }
        Err(e) => return Err(e),
    };
    Ok(ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &bytes))
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
