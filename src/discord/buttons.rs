//! Button ids: which question a click asks, kept in the button itself.
//!
//! Discord sends a click back as the button's `custom_id` (at most 100
//! characters). A question that fits is written into the id, so the button
//! works for as long as the message exists, across restarts, with no state.
//! A longer question is kept in a bounded store and the id names its entry;
//! such entries live at least `button_timeout_secs` unless the store fills.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::render::ButtonKind;
use super::split::CUSTOM_ID_MAX;

/// Every id the bot makes starts with this, so other components are ignored.
const PREFIX: &str = "peel:";

/// What a click asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Click {
    /// Answer this question.
    Ask { kind: ButtonKind, question: String },
    /// The button's stored question is gone (too old or evicted).
    Expired,
    /// Not one of ours.
    Foreign,
}

fn kind_code(kind: ButtonKind) -> char {
    match kind {
        ButtonKind::Clarify => 'c',
        ButtonKind::FollowUp => 'f',
    }
}

fn kind_of(code: &str) -> Option<ButtonKind> {
    match code {
        "c" => Some(ButtonKind::Clarify),
        "f" => Some(ButtonKind::FollowUp),
        _ => None,
    }
}

/// Stored questions by number (with when they were stored), and their order.
type Entries = (HashMap<u64, (String, Instant)>, VecDeque<u64>);

/// Questions too long for an id, by number; oldest dropped first.
#[derive(Debug)]
pub struct ButtonStore {
    ttl: Duration,
    capacity: usize,
    next: AtomicU64,
    inner: Mutex<Entries>,
}

impl ButtonStore {
    /// Entries live `ttl`; at most `capacity` are kept.
    pub fn new(ttl: Duration, capacity: usize) -> ButtonStore {
        // Start numbering from the clock so ids from an earlier run of the
        // bot do not name this run's entries (they read as expired instead).
        let start = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        ButtonStore {
            ttl,
            capacity: capacity.max(1),
            next: AtomicU64::new(start),
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    /// The custom id for a button asking `question`.
    pub fn id_for(&self, kind: ButtonKind, question: &str, now: Instant) -> String {
        let inline = format!("{PREFIX}{}:q:{question}", kind_code(kind));
        if inline.len() <= CUSTOM_ID_MAX {
            return inline;
        }
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut guard = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let (map, order) = &mut *guard;
        while map.len() >= self.capacity {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
        map.insert(n, (question.to_string(), now));
        order.push_back(n);
        format!("{PREFIX}{}:n:{n}", kind_code(kind))
    }

    /// What a clicked button's id asks for.
    pub fn resolve(&self, custom_id: &str, now: Instant) -> Click {
        let Some(rest) = custom_id.strip_prefix(PREFIX) else {
            return Click::Foreign;
        };
        let mut parts = rest.splitn(3, ':');
        let (Some(kind), Some(mode), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            return Click::Foreign;
        };
        let Some(kind) = kind_of(kind) else {
            return Click::Foreign;
        };
        match mode {
            "q" if !value.trim().is_empty() => Click::Ask {
                kind,
                question: value.to_string(),
            },
            "n" => {
                let Ok(n) = value.parse::<u64>() else {
                    return Click::Foreign;
                };
                let guard = match self.inner.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                match guard.0.get(&n) {
                    Some((q, at)) if now.saturating_duration_since(*at) < self.ttl => Click::Ask {
                        kind,
                        question: q.clone(),
                    },
                    _ => Click::Expired,
                }
            }
            _ => Click::Foreign,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> ButtonStore {
        ButtonStore::new(Duration::from_secs(900), 3)
    }

    #[test]
    fn buttons_short_question_is_stateless() {
        let s = store();
        let t = Instant::now();
        let id = s.id_for(ButtonKind::FollowUp, "All grades for kent", t);
        assert_eq!(id, "peel:f:q:All grades for kent");
        // Another store (a restarted bot) still understands it, forever.
        let other = store();
        assert_eq!(
            other.resolve(&id, t + Duration::from_secs(86_400)),
            Click::Ask {
                kind: ButtonKind::FollowUp,
                question: "All grades for kent".into()
            }
        );
    }

    #[test]
    fn buttons_question_with_colons_round_trips() {
        let s = store();
        let t = Instant::now();
        let id = s.id_for(ButtonKind::Clarify, "Kent: grades: 2023?", t);
        assert!(
            matches!(s.resolve(&id, t), Click::Ask { question, .. } if question == "Kent: grades: 2023?")
        );
    }

    #[test]
    fn buttons_long_question_is_stored_for_the_timeout() {
        let s = store();
        let t = Instant::now();
        let q = "What did the inspectors say about how well the force protects vulnerable people and supports victims?";
        let id = s.id_for(ButtonKind::Clarify, q, t);
        assert!(id.len() <= CUSTOM_ID_MAX, "{id}");
        assert!(id.starts_with("peel:c:n:"));
        let asked = Click::Ask {
            kind: ButtonKind::Clarify,
            question: q.into(),
        };
        assert_eq!(s.resolve(&id, t + Duration::from_secs(899)), asked);
        assert_eq!(s.resolve(&id, t + Duration::from_secs(900)), Click::Expired);
        assert_eq!(store().resolve(&id, t), Click::Expired);
    }

    #[test]
    fn buttons_store_is_bounded() {
        let s = store();
        let t = Instant::now();
        let long = |i: usize| format!("{i} {}", "x".repeat(120));
        let ids: Vec<String> = (0..5)
            .map(|i| s.id_for(ButtonKind::FollowUp, &long(i), t))
            .collect();
        assert_eq!(s.resolve(&ids[0], t), Click::Expired);
        assert!(matches!(s.resolve(&ids[4], t), Click::Ask { .. }));
    }

    #[test]
    fn buttons_foreign_ids_are_ignored() {
        let s = store();
        let t = Instant::now();
        for id in [
            "",
            "other:thing",
            "peel:",
            "peel:x:q:hi",
            "peel:f:n:abc",
            "peel:f:z:1",
        ] {
            assert_eq!(s.resolve(id, t), Click::Foreign, "{id}");
        }
    }
}
