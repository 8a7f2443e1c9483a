//! Who voted on what, so one person's repeated 👍/👎 on one answer counts
//! once: the last vote of each (voter, answer) pair, in memory and bounded.
//!
//! Voters and answers are opaque numbers here (a front end's user and
//! message ids); nothing is written anywhere.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Votes remembered for de-duplication; the oldest are forgotten first.
const BALLOTS_CAPACITY: usize = 50_000;

/// Whether a vote is new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ballot {
    /// First vote (or a changed vote) by this user on this message.
    Fresh,
    /// The same vote again.
    Repeat,
}

type Key = (u64, u64);

/// The last vote of each (user, message), bounded.
#[derive(Debug, Default)]
pub struct Ballots {
    inner: Mutex<(HashMap<Key, bool>, VecDeque<Key>)>,
}

impl Ballots {
    /// Notes `user`'s vote (`up` or not) on `message`.
    pub fn cast(&self, user: u64, message: u64, up: bool) -> Ballot {
        let mut guard = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let (map, order) = &mut *guard;
        match map.insert((user, message), up) {
            Some(previous) if previous == up => return Ballot::Repeat,
            Some(_) => {}
            None => order.push_back((user, message)),
        }
        while map.len() > BALLOTS_CAPACITY {
            match order.pop_front() {
                Some(old) => {
                    map.remove(&old);
                }
                None => break,
            }
        }
        Ballot::Fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_repeat_counts_once_and_a_change_counts_again() {
        let b = Ballots::default();
        assert_eq!(b.cast(1, 10, false), Ballot::Fresh);
        assert_eq!(b.cast(1, 10, false), Ballot::Repeat);
        assert_eq!(b.cast(2, 10, false), Ballot::Fresh, "another user");
        assert_eq!(b.cast(1, 11, false), Ballot::Fresh, "another answer");
        assert_eq!(b.cast(1, 10, true), Ballot::Fresh, "changed mind");
        assert_eq!(b.cast(1, 10, true), Ballot::Repeat);
    }

    #[test]
    fn votes_memory_is_bounded() {
        let b = Ballots::default();
        for m in 0..(BALLOTS_CAPACITY as u64 + 10) {
            b.cast(1, m, true);
        }
        assert_eq!(b.cast(1, 0, true), Ballot::Fresh, "oldest forgotten");
        let guard = b.inner.lock().unwrap();
        assert!(guard.0.len() <= BALLOTS_CAPACITY);
    }
}
