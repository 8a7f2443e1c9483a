//! The path every question takes, whatever it came through (slash command,
//! mention, prefix, button, edit): rate limits, the length limit, the
//! engine, metrics and the curation log, and one structured log line.
//!
//! A question over the length limit is answered by the engine with status
//! `rejected`, shown to the asker privately where Discord allows.

use std::time::Instant;

pub use crate::discord::asked::Asked;
use crate::engine::{Answer, Status};

use crate::discord::inbound::allow_list::Place;
use crate::discord::mentions::strip_mentions;
use crate::discord::rate_limit::{refusal_text, Use, Verdict};
use crate::discord::state::BotState;

/// Who asked, where, and how.
#[derive(Debug, Clone, Copy)]
pub struct Asker {
    pub user: u64,
    pub place: Place,
    /// The command or route, for logs ("ask", "force", "mention", "button", ...).
    pub command: &'static str,
}

/// Whether a question may go ahead.
#[derive(Debug, Clone, PartialEq)]
pub enum Admission {
    Pass,
    /// Refused, with a polite reply.
    Notice(String),
    /// Refused quietly (a repeat refusal in a message flood).
    Silent,
}

/// Applies the rate limits to `what` (a question, a click, a vote).
/// `always_notify` is for interactions, which must get a reply (an
/// ephemeral one, which cannot flood a channel).
pub fn admit(state: &BotState, who: &Asker, what: Use, always_notify: bool) -> Admission {
    match state
        .limiter
        .check(who.user, who.place.channel, what, Instant::now())
    {
        Verdict::Allow => Admission::Pass,
        Verdict::Deny {
            scope,
            retry_after,
            notify,
        } => {
            state.ops.metrics.rate_limited();
            tracing::info!(
                command = who.command,
                user = who.user,
                channel = who.place.channel,
                ?scope,
                "rate limited"
            );
            if notify || always_notify {
                Admission::Notice(refusal_text(scope, retry_after))
            } else {
                Admission::Silent
            }
        }
    }
}

/// Answers what was asked, or says why not (input the engine will not
/// read, such as an over-long question: the engine checks the length, once,
/// on what the person typed). Logs one line per question.
pub fn answer(state: &BotState, who: &Asker, asked: &Asked) -> Result<Answer, String> {
    let started = Instant::now();
    let engine = state.engine.current();
    let (answer, text) = match asked {
        Asked::Text(q) => (engine.answer(q), q.clone()),
        Asked::Query(q) => {
            let text = engine.describe(q);
            (engine.answer_query(q, &text), text)
        }
    };
    let latency = started.elapsed();
    state
        .ops
        .answered(&strip_mentions(&answer.question), &answer, latency);
    tracing::info!(
        command = who.command,
        guild = who.place.guild,
        channel = who.place.channel,
        question = %crate::text::fold(&text),
        intent = %answer.intent,
        status = answer.status.as_str(),
        confidence = answer.confidence,
        latency_us = latency.as_micros() as u64,
        "question"
    );
    if answer.status == Status::Rejected {
        return Err(answer.text);
    }
    Ok(answer)
}
