//! Button ids: what a click asks, kept in the button itself.
//!
//! Discord sends a click back as the button's `custom_id` (at most 100
//! characters). A follow-up carries its typed query (`peel:f:y:q1;i=…`, force
//! slugs and area ids, never indices, behind the query's version tag); a
//! clarify choice or suggestion carries its question (`peel:c:q:…`), as ids
//! posted before typed queries did, which still resolve. What fits is written
//! into the id, so the button works for as long as the message exists,
//! across restarts and reloads, with no state. Anything longer is kept in a
//! bounded store and the id names its entry (`n` for a question, `m` for a
//! query); such entries live at least `button_timeout_secs` unless the store fills.
//!
//! The 👍/👎 buttons carry the answer's status, intent and question the same
//! way (`peel:u:q:a:overview:All grades for kent`), so a vote is recorded
//! without remembering anything about the message or who asked.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::engine::{Query, Status};

use crate::discord::asked::Asked;
use crate::discord::outbound::render::{ButtonKind, VoteSpec};
use crate::discord::outbound::sizes::CUSTOM_ID_MAX;

/// Every id the bot makes starts with this, so other components are ignored.
const PREFIX: &str = "peel:";

/// What a click asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Click {
    /// Answer this question or query.
    Ask { kind: ButtonKind, asked: Asked },
    /// A 👍 (`up`) or 👎 on an answer.
    Vote {
        up: bool,
        status: Status,
        intent: String,
        question: String,
    },
    /// The button's stored question is gone (too old or evicted).
    Expired,
    /// Not one of ours.
    Foreign,
}

fn kind_code(kind: ButtonKind) -> char {
    match kind {
        // Pages are 1 to 9 (an answer takes at most five messages).
        ButtonKind::Page(n) => char::from_digit(u32::from(n.clamp(1, 9)), 10).unwrap_or('1'),
        ButtonKind::Clarify => 'c',
        ButtonKind::FollowUp => 'f',
        ButtonKind::ConfirmReload => 'r',
        ButtonKind::Sources => 's',
    }
}

/// What a button's first id part says it does.
enum Kind {
    Ask(ButtonKind),
    Vote { up: bool },
}

fn kind_of(code: &str) -> Option<Kind> {
    match code {
        "c" => Some(Kind::Ask(ButtonKind::Clarify)),
        "f" => Some(Kind::Ask(ButtonKind::FollowUp)),
        "r" => Some(Kind::Ask(ButtonKind::ConfirmReload)),
        "s" => Some(Kind::Ask(ButtonKind::Sources)),
        "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" => {
            code.parse().ok().map(|n| Kind::Ask(ButtonKind::Page(n)))
        }
        "u" => Some(Kind::Vote { up: true }),
        "d" => Some(Kind::Vote { up: false }),
        _ => None,
    }
}

fn status_code(status: Status) -> char {
    match status {
        Status::Answered => 'a',
        Status::Clarify => 'c',
        Status::NoMatch => 'n',
        Status::Rejected => 'r',
    }
}

fn status_of(code: &str) -> Option<Status> {
    match code {
        "a" => Some(Status::Answered),
        "c" => Some(Status::Clarify),
        "n" => Some(Status::NoMatch),
        "r" => Some(Status::Rejected),
        _ => None,
    }
}

/// `status:intent:question`, the part of a vote id after its mode.
fn vote_payload(vote: &VoteSpec) -> String {
    // Intents are short snake_case names; a colon would break the parse.
    let intent = vote.intent.replace(':', "_");
    format!("{}:{intent}:{}", status_code(vote.status), vote.question)
}

fn parse_vote(up: bool, payload: &str) -> Click {
    let mut parts = payload.splitn(3, ':');
    match (parts.next().and_then(status_of), parts.next(), parts.next()) {
        (Some(status), Some(intent), Some(question)) => Click::Vote {
            up,
            status,
            intent: intent.to_string(),
            question: question.to_string(),
        },
        _ => Click::Foreign,
    }
}

/// Stored questions by number (with when they were stored), and their order.
type Entries = (HashMap<u64, (String, Instant)>, VecDeque<u64>);

/// Questions too long for an id, by number; oldest dropped first.
#[derive(Debug)]
pub struct ButtonStore {
    /// How long stored entries live, in milliseconds (reloadable).
    ttl_ms: AtomicU64,
    capacity: usize,
    next: AtomicU64,
    inner: Mutex<Entries>,
    /// Whether answers carry 👍/👎 buttons (the curation log is on).
    votes: AtomicBool,
}

impl ButtonStore {
    /// Entries live `ttl`; at most `capacity` are kept. Vote buttons are off
    /// until [`ButtonStore::set_votes`].
    pub fn new(ttl: Duration, capacity: usize) -> ButtonStore {
        // Start numbering from the clock so ids from an earlier run of the
        // bot do not name this run's entries (they read as expired instead).
        let start = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        ButtonStore {
            ttl_ms: AtomicU64::new(millis(ttl)),
            capacity: capacity.max(1),
            next: AtomicU64::new(start),
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
            votes: AtomicBool::new(false),
        }
    }

    /// Changes how long stored entries live (a reload); applies to entries
    /// already stored too.
    pub fn set_ttl(&self, ttl: Duration) {
        self.ttl_ms.store(millis(ttl), Ordering::Relaxed);
    }

    fn ttl(&self) -> Duration {
        Duration::from_millis(self.ttl_ms.load(Ordering::Relaxed))
    }

    /// Shows (or stops showing) 👍/👎 on answers.
    pub fn set_votes(&self, on: bool) {
        self.votes.store(on, Ordering::Relaxed);
    }

    pub fn votes(&self) -> bool {
        self.votes.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Keeps `value` under a new number, dropping the oldest entries if full.
    fn store(&self, value: String, now: Instant) -> u64 {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut guard = self.lock();
        let (map, order) = &mut *guard;
        while map.len() >= self.capacity {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
        map.insert(n, (value, now));
        order.push_back(n);
        n
    }

    /// The custom id for a button asking `asked`.
    pub fn id_for(&self, kind: ButtonKind, asked: &Asked, now: Instant) -> String {
        let (inline, stored, value) = match asked {
            Asked::Text(q) => ('q', 'n', q.clone()),
            Asked::Query(q) => ('y', 'm', q.encode()),
        };
        let id = format!("{PREFIX}{}:{inline}:{value}", kind_code(kind));
        if id.len() <= CUSTOM_ID_MAX {
            return id;
        }
        let n = self.store(value, now);
        format!("{PREFIX}{}:{stored}:{n}", kind_code(kind))
    }

    /// The custom ids of the 👍 and 👎 buttons for an answer. When the
    /// question is too long for an id, both name one stored entry.
    pub fn vote_ids(&self, vote: &VoteSpec, now: Instant) -> [String; 2] {
        let payload = vote_payload(vote);
        let up = format!("{PREFIX}u:q:{payload}");
        if up.len() <= CUSTOM_ID_MAX {
            return [up, format!("{PREFIX}d:q:{payload}")];
        }
        let n = self.store(payload, now);
        [format!("{PREFIX}u:n:{n}"), format!("{PREFIX}d:n:{n}")]
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
        let value = match mode {
            "q" | "y" if !value.trim().is_empty() => value.to_string(),
            "n" | "m" => {
                let Ok(n) = value.parse::<u64>() else {
                    return Click::Foreign;
                };
                match self.lock().0.get(&n) {
                    Some((v, at)) if now.saturating_duration_since(*at) < self.ttl() => v.clone(),
                    _ => return Click::Expired,
                }
            }
            _ => return Click::Foreign,
        };
        match kind {
            Kind::Ask(kind) if matches!(mode, "y" | "m") => match Query::decode(&value) {
                Some(q) => Click::Ask {
                    kind,
                    asked: Asked::Query(q),
                },
                None => Click::Foreign,
            },
            Kind::Ask(kind) => Click::Ask {
                kind,
                asked: Asked::Text(value),
            },
            Kind::Vote { up } => parse_vote(up, &value),
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> ButtonStore {
        ButtonStore::new(Duration::from_secs(900), 3)
    }

    fn text(q: &str) -> Asked {
        Asked::Text(q.to_string())
    }

    #[test]
    fn buttons_follow_up_carries_its_typed_query() {
        use crate::engine::{Intent, When};
        let s = store();
        let t = Instant::now();
        let q = Query {
            when: When::Cycle("2021-22".into()),
            area: Some("investigating-crime".into()),
            ..Query::new(Intent::Overview).with_force("hampshire-and-isle-of-wight")
        };
        let id = s.id_for(ButtonKind::FollowUp, &Asked::Query(q.clone()), t);
        assert_eq!(
            id,
            "peel:f:y:q1;i=overview;f=hampshire-and-isle-of-wight;a=investigating-crime;w=c:2021-22"
        );
        // Stateless: a restarted bot (another store) reads the same query.
        assert_eq!(
            store().resolve(&id, t + Duration::from_secs(86_400)),
            Click::Ask {
                kind: ButtonKind::FollowUp,
                asked: Asked::Query(q)
            }
        );
    }

    #[test]
    fn buttons_long_query_is_stored() {
        use crate::engine::Intent;
        let s = store();
        let t = Instant::now();
        let q = Query {
            topic: vec!["x".repeat(40), "y".repeat(40)],
            ..Query::new(Intent::Quote).with_force("devon-and-cornwall")
        };
        let id = s.id_for(ButtonKind::FollowUp, &Asked::Query(q.clone()), t);
        assert!(
            id.starts_with("peel:f:m:") && id.len() <= CUSTOM_ID_MAX,
            "{id}"
        );
        assert_eq!(
            s.resolve(&id, t),
            Click::Ask {
                kind: ButtonKind::FollowUp,
                asked: Asked::Query(q)
            }
        );
    }

    #[test]
    fn buttons_ids_posted_by_the_previous_version_still_resolve() {
        // Before typed queries, follow-ups carried English questions.
        let s = store();
        for (id, question) in [
            ("peel:f:q:All grades for kent", "All grades for kent"),
            (
                "peel:f:q:What did the inspector say about south-yorkshire?",
                "What did the inspector say about south-yorkshire?",
            ),
            (
                "peel:c:q:What does North Yorkshire Police need to improve?",
                "What does North Yorkshire Police need to improve?",
            ),
        ] {
            assert!(matches!(
                s.resolve(id, Instant::now()),
                Click::Ask { asked: Asked::Text(q), .. } if q == question
            ));
        }
        assert_eq!(
            s.resolve("peel:f:y:not a query", Instant::now()),
            Click::Foreign
        );
    }

    #[test]
    fn buttons_short_question_is_stateless() {
        let s = store();
        let t = Instant::now();
        let id = s.id_for(ButtonKind::FollowUp, &text("All grades for kent"), t);
        assert_eq!(id, "peel:f:q:All grades for kent");
        // Another store (a restarted bot) still understands it, forever.
        let other = store();
        assert_eq!(
            other.resolve(&id, t + Duration::from_secs(86_400)),
            Click::Ask {
                kind: ButtonKind::FollowUp,
                asked: text("All grades for kent")
            }
        );
    }

    #[test]
    fn buttons_question_with_colons_round_trips() {
        let s = store();
        let t = Instant::now();
        let id = s.id_for(ButtonKind::Clarify, &text("Kent: grades: 2023?"), t);
        assert_eq!(
            s.resolve(&id, t),
            Click::Ask {
                kind: ButtonKind::Clarify,
                asked: text("Kent: grades: 2023?")
            }
        );
    }

    #[test]
    fn buttons_long_question_is_stored_for_the_timeout() {
        let s = store();
        let t = Instant::now();
        let q = "What did the inspectors say about how well the force protects vulnerable people and supports victims?";
        let id = s.id_for(ButtonKind::Clarify, &text(q), t);
        assert!(id.len() <= CUSTOM_ID_MAX, "{id}");
        assert!(id.starts_with("peel:c:n:"));
        let asked = Click::Ask {
            kind: ButtonKind::Clarify,
            asked: text(q),
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
            .map(|i| s.id_for(ButtonKind::FollowUp, &text(&long(i)), t))
            .collect();
        assert_eq!(s.resolve(&ids[0], t), Click::Expired);
        assert!(matches!(s.resolve(&ids[4], t), Click::Ask { .. }));
    }

    fn vote(question: &str) -> VoteSpec {
        VoteSpec {
            question: question.into(),
            status: Status::Answered,
            intent: "overview".into(),
        }
    }

    #[test]
    fn buttons_vote_ids_carry_status_intent_and_question() {
        let s = store();
        let t = Instant::now();
        let [up, down] = s.vote_ids(&vote("Kent: grades?"), t);
        assert_eq!(up, "peel:u:q:a:overview:Kent: grades?");
        assert_eq!(down, "peel:d:q:a:overview:Kent: grades?");
        // Stateless: another store understands it.
        assert_eq!(
            store().resolve(&down, t),
            Click::Vote {
                up: false,
                status: Status::Answered,
                intent: "overview".into(),
                question: "Kent: grades?".into()
            }
        );
        assert!(matches!(s.resolve(&up, t), Click::Vote { up: true, .. }));
    }

    #[test]
    fn buttons_long_vote_shares_one_stored_entry() {
        let s = store();
        let t = Instant::now();
        let q = "x ".repeat(80);
        let [up, down] = s.vote_ids(&vote(&q), t);
        assert!(up.len() <= CUSTOM_ID_MAX && down.len() <= CUSTOM_ID_MAX);
        assert_eq!(up.rsplit(':').next(), down.rsplit(':').next());
        assert!(
            matches!(s.resolve(&down, t), Click::Vote { up: false, question, .. } if question == q)
        );
        assert_eq!(s.resolve(&up, t + Duration::from_secs(900)), Click::Expired);
    }

    #[test]
    fn buttons_ttl_is_reloadable() {
        let s = store();
        let t = Instant::now();
        let id = s.id_for(ButtonKind::FollowUp, &text(&"y".repeat(120)), t);
        s.set_ttl(Duration::from_secs(10));
        assert_eq!(s.resolve(&id, t + Duration::from_secs(11)), Click::Expired);
        s.set_ttl(Duration::from_secs(20));
        assert!(matches!(
            s.resolve(&id, t + Duration::from_secs(11)),
            Click::Ask { .. }
        ));
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
            "peel:u:q:x:overview:hi",
            "peel:d:q:a",
        ] {
            assert_eq!(s.resolve(id, t), Click::Foreign, "{id}");
        }
    }
}
