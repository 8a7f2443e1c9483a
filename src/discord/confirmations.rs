//! Refused reloads waiting for an admin: the one change `/reload` showed
//! that its admin may still apply, with **Apply these removals**, within
//! [`CONFIRM_WITHIN`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::ops::Candidate;

/// How long an admin has to confirm a refused reload.
pub const CONFIRM_WITHIN: Duration = Duration::from_secs(5 * 60);

/// The label of the button that confirms a refused reload.
pub const CONFIRM_LABEL: &str = "Apply these removals";

/// What a confirmation click hears when it cannot apply.
pub const CONFIRM_GONE: &str = "This reload can no longer be confirmed (it is over 5 minutes old, was replaced by a newer /reload, or was already applied). Run /reload again.";
pub const CONFIRM_NOT_YOURS: &str =
    "Only the admin who ran this /reload can confirm it. Run /reload yourself to see the change.";

/// A refused reload waiting for its admin's confirmation.
#[derive(Debug)]
struct Pending {
    number: u64,
    admin: u64,
    offered: Instant,
    candidate: Candidate,
}

/// The one refused reload that may still be confirmed (a newer `/reload`
/// replaces it), for the admin who saw it, within [`CONFIRM_WITHIN`].
#[derive(Debug, Default)]
pub struct Confirmations {
    pending: Mutex<Option<Pending>>,
    next: AtomicU64,
}

/// Why a confirmation was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotConfirmed {
    /// Unknown, replaced, expired or already used.
    Gone,
    /// Someone other than the admin who was shown the change.
    NotYours,
}

impl Confirmations {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Pending>> {
        match self.pending.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Keeps `candidate` for `admin`; the number goes in the confirm button.
    pub fn offer(&self, admin: u64, candidate: Candidate, now: Instant) -> u64 {
        let number = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        *self.lock() = Some(Pending {
            number,
            admin,
            offered: now,
            candidate,
        });
        number
    }

    /// The candidate `admin` confirmed with button `number`, taken.
    pub fn take(&self, number: u64, admin: u64, now: Instant) -> Result<Candidate, NotConfirmed> {
        let mut slot = self.lock();
        match slot.as_ref() {
            Some(p) if p.number == number && now.duration_since(p.offered) < CONFIRM_WITHIN => {
                if p.admin != admin {
                    return Err(NotConfirmed::NotYours);
                }
            }
            _ => return Err(NotConfirmed::Gone),
        }
        slot.take().map(|p| p.candidate).ok_or(NotConfirmed::Gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate() -> Option<Candidate> {
        // A refused reload needs a directory that loses an inspection.
        let dir = std::env::temp_dir().join(format!("peelbot-confirm-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        copy(&src, &dir);
        let kb = crate::knowledge::load_dir(&dir).ok()?;
        let shared =
            crate::engine::SharedEngine::new(crate::engine::Engine::new(kb, &Default::default()));
        let derby = dir.join("forces/derbyshire.toml");
        let text = std::fs::read_to_string(&derby).ok()?;
        std::fs::write(&derby, &text[..text.rfind("[[inspection]]")?]).ok()?;
        let source = crate::ops::ReloadSource {
            knowledge: crate::ops::KnowledgeSource::new(Some(dir.clone())),
            config_path: None,
        };
        let outcome = source.reload(&shared, &Default::default());
        let _ = std::fs::remove_dir_all(&dir);
        match outcome {
            crate::ops::ReloadOutcome::Refused { candidate, .. } => candidate.map(|c| *c),
            _ => None,
        }
    }

    fn copy(from: &std::path::Path, to: &std::path::Path) {
        let _ = std::fs::create_dir_all(to);
        for e in std::fs::read_dir(from).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                let _ = std::fs::copy(e.path(), to.join(e.file_name()));
            }
        }
    }

    #[test]
    fn reload_confirmations_expire_and_belong_to_their_admin() {
        let c = Confirmations::default();
        let t = Instant::now();
        let n = c.offer(1, candidate().expect("a refused candidate"), t);
        assert_eq!(c.take(n, 2, t).err(), Some(NotConfirmed::NotYours));
        assert_eq!(c.take(n + 1, 1, t).err(), Some(NotConfirmed::Gone));
        assert_eq!(
            c.take(n, 1, t + CONFIRM_WITHIN).err(),
            Some(NotConfirmed::Gone)
        );
        assert!(c.take(n, 1, t + Duration::from_secs(299)).is_ok());
        assert_eq!(c.take(n, 1, t).err(), Some(NotConfirmed::Gone), "used once");
    }
}
