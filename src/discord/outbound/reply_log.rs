//! Which bot messages answer which question message, so an edited question
//! edits its answer and a deleted question deletes it.
//!
//! A question is tracked from the moment the bot starts answering it, so an
//! edit or deletion that arrives while the answer is still being sent is not
//! lost: the sender learns of it when it finishes. serenity handles each
//! event in its own task, so an edit or deletion can even be handled before
//! the message itself; those are remembered briefly ("early") and applied
//! when the message is handled.
//!
//! Bounded: the oldest questions are forgotten first, so memory stays flat
//! however long the bot runs (an edit to a forgotten question is ignored).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// The bot's replies to one question message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub guild: Option<u64>,
    pub channel: u64,
    /// Who asked, for rate-limiting edits.
    pub asker: u64,
    /// Reply message ids, in order.
    pub replies: Vec<u64>,
    /// The first answer is still being sent.
    pending: bool,
    /// The newest text of the question, if it was edited while pending.
    edited: Option<String>,
}

impl Tracked {
    pub fn new(guild: Option<u64>, channel: u64, asker: u64, replies: Vec<u64>) -> Tracked {
        Tracked {
            guild,
            channel,
            asker,
            replies,
            pending: false,
            edited: None,
        }
    }
}

/// What happened to a question while its first answer was being sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// Nothing: the replies are now tracked.
    Kept,
    /// It was edited to this text: answer again.
    Edited(String),
    /// It was deleted: delete the replies just sent.
    Deleted,
}

/// What to do about an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditAction {
    /// Not a question the bot answered (or one long forgotten).
    Untracked,
    /// The first answer is still being sent; its sender will answer again.
    Deferred,
    /// Answer again into these replies.
    Reanswer(Tracked),
}

/// An edit or deletion seen before its message.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Early {
    Edited(String),
    Deleted,
}

/// What to do with a new question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// Answer it.
    Answer,
    /// It was already edited to this text: answer that instead.
    AnswerEdited(String),
    /// It was already deleted: do not answer.
    Deleted,
}

type Entries = (HashMap<u64, Tracked>, VecDeque<u64>);

/// Early edits and deletions kept; the race they cover lasts milliseconds.
const EARLY_CAPACITY: usize = 1024;

/// Question message id → the replies to it.
#[derive(Debug)]
pub struct ReplyLog {
    capacity: usize,
    inner: Mutex<Entries>,
    early: Mutex<(HashMap<u64, Early>, VecDeque<u64>)>,
}

impl ReplyLog {
    pub fn new(capacity: usize) -> ReplyLog {
        ReplyLog {
            capacity: capacity.max(1),
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
            early: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    fn remember_early(&self, question: u64, what: Early) {
        let mut guard = match self.early.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let (map, order) = &mut *guard;
        // A deletion is final; an edit only replaces an earlier edit.
        if map.get(&question) == Some(&Early::Deleted) {
            return;
        }
        if map.insert(question, what).is_none() {
            order.push_back(question);
        }
        while map.len() > EARLY_CAPACITY {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
    }

    fn take_early(&self, question: u64) -> Option<Early> {
        let mut guard = match self.early.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let (map, order) = &mut *guard;
        let found = map.remove(&question);
        if found.is_some() {
            order.retain(|&id| id != question);
        }
        found
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Records (or replaces) the replies to `question`.
    pub fn insert(&self, question: u64, tracked: Tracked) {
        let mut guard = self.lock();
        let (map, order) = &mut *guard;
        if map.insert(question, tracked).is_none() {
            order.push_back(question);
        }
        while map.len() > self.capacity {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
        // Ids removed by `take` linger in `order`; drop them when they pile up.
        if order.len() > 2 * self.capacity {
            order.retain(|id| map.contains_key(id));
        }
    }

    /// Starts tracking a question the bot is about to answer, unless it was
    /// already deleted (or answers its newest text if already edited).
    pub fn begin(&self, question: u64, guild: Option<u64>, channel: u64, asker: u64) -> Begin {
        let begin = match self.take_early(question) {
            Some(Early::Deleted) => return Begin::Deleted,
            Some(Early::Edited(text)) => Begin::AnswerEdited(text),
            None => Begin::Answer,
        };
        let mut t = Tracked::new(guild, channel, asker, Vec::new());
        t.pending = true;
        self.insert(question, t);
        begin
    }

    /// The first answer was sent as `replies` (empty if sending failed).
    pub fn finish(&self, question: u64, replies: Vec<u64>) -> Finished {
        let mut guard = self.lock();
        let Some(t) = guard.0.get_mut(&question) else {
            return Finished::Deleted;
        };
        if replies.is_empty() {
            guard.0.remove(&question);
            return Finished::Kept;
        }
        t.pending = false;
        t.replies = replies;
        match t.edited.take() {
            Some(text) => Finished::Edited(text),
            None => Finished::Kept,
        }
    }

    /// An edit of `question` to `content`.
    pub fn edit(&self, question: u64, content: &str) -> EditAction {
        let mut guard = self.lock();
        match guard.0.get_mut(&question) {
            None => {
                drop(guard);
                self.remember_early(question, Early::Edited(content.to_string()));
                EditAction::Untracked
            }
            Some(t) if t.pending => {
                t.edited = Some(content.to_string());
                EditAction::Deferred
            }
            Some(t) => EditAction::Reanswer(t.clone()),
        }
    }

    /// Replaces the replies after answering again; false if the question was
    /// deleted meanwhile (the caller deletes `replies`).
    pub fn update(&self, question: u64, replies: Vec<u64>) -> bool {
        match self.lock().0.get_mut(&question) {
            Some(t) => {
                t.replies = replies;
                true
            }
            None => false,
        }
    }

    pub fn get(&self, question: u64) -> Option<Tracked> {
        self.lock().0.get(&question).cloned()
    }

    /// Forgets `question`, returning its replies.
    pub fn take(&self, question: u64) -> Option<Tracked> {
        self.lock().0.remove(&question)
    }

    /// A deletion of `question`: its replies, if any were sent; remembered
    /// briefly if the question has not been seen yet.
    pub fn delete(&self, question: u64) -> Option<Tracked> {
        let found = self.take(question);
        if found.is_none() {
            self.remember_early(question, Early::Deleted);
        }
        found
    }

    pub fn len(&self) -> usize {
        self.lock().0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(reply: u64) -> Tracked {
        Tracked::new(Some(9), 1, 2, vec![reply])
    }

    #[test]
    fn replies_insert_get_take() {
        let log = ReplyLog::new(10);
        log.insert(5, t(50));
        assert_eq!(log.get(5), Some(t(50)));
        log.insert(5, t(51));
        assert_eq!(log.len(), 1);
        assert_eq!(log.take(5), Some(t(51)));
        assert_eq!(log.get(5), None);
    }

    #[test]
    fn replies_oldest_forgotten_first() {
        let log = ReplyLog::new(3);
        for q in 0..5 {
            log.insert(q, t(q + 100));
        }
        assert_eq!(log.len(), 3);
        assert_eq!(log.get(0), None);
        assert_eq!(log.get(1), None);
        assert!(log.get(4).is_some());
    }

    #[test]
    fn replies_order_stays_bounded_with_takes() {
        let log = ReplyLog::new(2);
        for q in 0..100 {
            log.insert(q, t(q));
            log.take(q);
        }
        assert!(log.is_empty());
        assert!(log.lock().1.len() <= 4);
    }

    #[test]
    fn replies_edit_while_sending_is_answered_after() {
        let log = ReplyLog::new(10);
        assert_eq!(log.begin(5, None, 1, 2), Begin::Answer);
        assert_eq!(log.edit(5, "new"), EditAction::Deferred);
        assert_eq!(log.edit(5, "newer"), EditAction::Deferred);
        assert_eq!(log.finish(5, vec![50]), Finished::Edited("newer".into()));
        assert_eq!(
            log.edit(5, "again"),
            EditAction::Reanswer(Tracked::new(None, 1, 2, vec![50]))
        );
        assert!(log.update(5, vec![51]));
        assert_eq!(log.get(5).map(|t| t.replies), Some(vec![51]));
    }

    #[test]
    fn replies_delete_while_sending_deletes_after() {
        let log = ReplyLog::new(10);
        log.begin(5, None, 1, 2);
        assert!(log.delete(5).is_some());
        assert_eq!(log.finish(5, vec![50]), Finished::Deleted);
        assert!(!log.update(5, vec![51]));
    }

    #[test]
    fn replies_edit_or_delete_before_the_message_is_applied() {
        let log = ReplyLog::new(10);
        assert_eq!(log.edit(5, "edited"), EditAction::Untracked);
        assert_eq!(
            log.begin(5, None, 1, 2),
            Begin::AnswerEdited("edited".into())
        );
        assert!(log.delete(6).is_none());
        assert_eq!(log.edit(6, "too late"), EditAction::Untracked);
        assert_eq!(log.begin(6, None, 1, 2), Begin::Deleted);
        // Remembered once only.
        assert_eq!(log.take(5).map(|t| t.pending), Some(true));
        assert_eq!(log.begin(5, None, 1, 2), Begin::Answer);
    }

    #[test]
    fn replies_early_memory_is_bounded() {
        let log = ReplyLog::new(10);
        for q in 0..(EARLY_CAPACITY as u64 + 10) {
            log.delete(q);
        }
        assert_eq!(log.begin(0, None, 1, 2), Begin::Answer);
        assert_eq!(
            log.begin(EARLY_CAPACITY as u64 + 9, None, 1, 2),
            Begin::Deleted
        );
    }

    #[test]
    fn replies_failed_send_is_not_tracked() {
        let log = ReplyLog::new(10);
        log.begin(5, None, 1, 2);
        assert_eq!(log.finish(5, Vec::new()), Finished::Kept);
        assert_eq!(log.edit(5, "x"), EditAction::Untracked);
    }
}
