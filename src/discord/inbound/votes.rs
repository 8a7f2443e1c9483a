//! 👍/👎 on answers: a click records the vote in the curation log (question
//! text, status, intent, vote and time; never who voted or where) and
//! thanks the voter privately.
//!
//! One person clicking the same vote again on the same message is thanked
//! but not recorded twice ([`crate::ops::ballots`]), so a single user cannot
//! flood the log that curators read.

use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateInteractionResponse};

use crate::engine::Status;
use crate::ops::ballots::Ballot;

use crate::discord::mentions::strip_mentions;
use crate::discord::outbound::builders;
use crate::discord::outbound::render;
use crate::discord::rate_limit::{refusal_text, Use, Verdict};
use crate::discord::state::BotState;

pub const THANKS: &str = "Thanks — noted.";
pub const ALREADY: &str = "Thanks — your vote on this answer is already noted.";
pub const NOT_RECORDING: &str =
    "Thanks — but feedback isn't being recorded at the moment, so your vote wasn't saved.";

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
    let now = std::time::Instant::now();
    let limited = state
        .limiter
        .check(click.user.id.get(), click.channel_id.get(), Use::Vote, now);
    let refusal;
    let text = match (state.ops.feedback(), limited) {
        (
            _,
            Verdict::Deny {
                scope, retry_after, ..
            },
        ) => {
            state.ops.metrics.rate_limited();
            refusal = refusal_text(scope, retry_after);
            refusal.as_str()
        }
        (None, Verdict::Allow) => NOT_RECORDING,
        (Some(log), Verdict::Allow) => {
            match state
                .ops
                .ballots
                .cast(click.user.id.get(), click.message.id.get(), up)
            {
                Ballot::Repeat => ALREADY,
                Ballot::Fresh => {
                    // Best effort: an unwritable log is logged there, and the
                    // voter is thanked all the same.
                    let voter = (click.user.id.get(), click.message.id.get());
                    let question = strip_mentions(question);
                    let written = log.record_vote(voter, &question, status.as_str(), intent, up);
                    tracing::info!(vote, status = status.as_str(), intent, written, "vote");
                    THANKS
                }
            }
        }
    };
    let body = builders::interaction_message(&render::notice(text), &state.buttons, true);
    let response = CreateInteractionResponse::Message(body);
    if let Err(e) = click.create_response(ctx, response).await {
        state.ops.metrics.send_error();
        tracing::warn!(error = %e, "could not answer a vote");
    }
}
