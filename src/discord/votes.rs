//! 👍/👎 on answers: a click records the vote in the curation log (question
//! text, status, intent, vote and time; never who voted or where) and
//! thanks the voter privately.
//!
//! One person clicking the same vote again on the same message is thanked
//! but not recorded twice, so a single user cannot flood the log that
//! curators read. That memory is in-process and bounded.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateInteractionResponse};

use crate::engine::Status;

use super::render;
use super::send;
use super::state::{BotState, Stats};

/// Votes remembered for de-duplication; the oldest are forgotten first.
const BALLOTS_CAPACITY: usize = 50_000;

pub const THANKS: &str = "Thanks — noted.";
pub const ALREADY: &str = "Thanks — your vote on this answer is already noted.";
pub const NOT_RECORDING: &str =
    "Thanks — but feedback isn't being recorded at the moment, so your vote wasn't saved.";

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

/// A 👍 (`up`) or 👎 click on an answer.
pub async fn on_vote(
    ctx: &serenity::Context,
    state: &BotState,
    click: &ComponentInteraction,
    up: bool,
    status: Status,
    intent: &str,
    question: &str,
) {
    let vote = if up { "up" } else { "down" };
    let text = match state.ops.feedback() {
        None => NOT_RECORDING,
        Some(log) => match state
            .ops
            .ballots
            .cast(click.user.id.get(), click.message.id.get(), up)
        {
            Ballot::Repeat => ALREADY,
            Ballot::Fresh => {
                // Best effort: an unwritable log is logged there, and the
                // voter is thanked all the same.
                let written = log.record_vote(question, status.as_str(), intent, up);
                tracing::info!(vote, status = status.as_str(), intent, written, "vote");
                THANKS
            }
        },
    };
    let body = send::interaction_message(&render::notice(text), &state.buttons, true);
    let response = CreateInteractionResponse::Message(body);
    if let Err(e) = click.create_response(ctx, response).await {
        Stats::bump(&state.stats.send_errors);
        tracing::warn!(error = %e, "could not answer a vote");
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
