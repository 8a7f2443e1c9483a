//! The path every question takes, whatever it came through (slash command,
//! mention, prefix, button, edit): rate limits, the length limit, the
//! engine, metrics and the curation log, and one structured log line.
//!
//! A question over the length limit is counted in metrics as status
//! `rejected`, intent `too_long` (the engine never sees it).

use std::time::Instant;

use crate::engine::{Answer, Request, Status};

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

/// The text of a request that counts towards the length limit.
fn request_text(request: &Request) -> String {
    match request {
        Request::Ask(q) => q.clone(),
        Request::Force { force, cycle } => join(&[Some(force), cycle.as_ref()]),
        Request::Quotes {
            force,
            speaker,
            topic,
        } => join(&[force.as_ref(), speaker.as_ref(), topic.as_ref()]),
        Request::Compare { a, b, area } => join(&[Some(a), Some(b), area.as_ref()]),
        Request::Which { grade, area, cycle } => join(&[Some(grade), Some(area), cycle.as_ref()]),
    }
}

fn join(parts: &[Option<&String>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Answers a request, or says why not (too long). Logs one line per question.
pub fn answer(state: &BotState, who: &Asker, request: &Request) -> Result<Answer, String> {
    let started = Instant::now();
    let engine = state.engine.current();
    let max = engine.config().max_question_chars;
    let text = request_text(request);
    // What a person sees (graphemes), with a cap on code points for marks.
    if let Some(why) = crate::text::over_limit(&text, max) {
        state
            .ops
            .observe(Status::Rejected.as_str(), "too_long", started.elapsed());
        tracing::info!(
            command = who.command,
            guild = who.place.guild,
            chars = crate::text::visible_len(&text),
            code_points = text.chars().count(),
            max,
            "question too long"
        );
        return Err(why);
    }
    let answer = match request {
        Request::Ask(q) => engine.answer(q),
        other => engine.answer_request(other),
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
    Ok(answer)
}
