//! Button clicks (component interactions): answer the question the button
//! carries. A clarify choice replaces the clarifying message with the
//! answer; a follow-up posts a new message; a 👍/👎 goes to `votes`.
//! Refusals and errors are ephemeral, seen only by the clicker.

use std::time::Instant;

use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateInteractionResponse};

use crate::discord::confirmations::{self, NotConfirmed};
use crate::discord::inbound::allow_list::{self, Place};
use crate::discord::inbound::asking::{self, Admission, Asked, Asker};
use crate::discord::inbound::place;
use crate::discord::inbound::votes;
use crate::discord::outbound::builders;
use crate::discord::outbound::button_ids::Click;
use crate::discord::outbound::render::{self, ButtonKind, OutMessage};
use crate::discord::rate_limit::Use;
use crate::discord::reload;
use crate::discord::state::{BotState, Data};

/// A button: answer the question it carries.
pub async fn on_click(ctx: &serenity::Context, state: &Data, click: &ComponentInteraction) {
    // A select menu's chosen option carries the id a button would.
    let id = match &click.data.kind {
        serenity::ComponentInteractionDataKind::StringSelect { values }
            if click.data.custom_id == builders::MENU_ID =>
        {
            values.first().cloned().unwrap_or_default()
        }
        _ => click.data.custom_id.clone(),
    };
    let (kind, asked) = match state.buttons.resolve(&id, Instant::now()) {
        Click::Ask { kind, asked } => (kind, asked),
        Click::Vote {
            up,
            status,
            intent,
            question,
        } => return votes::on_vote(ctx, state, click, up, status, &intent, &question).await,
        Click::Expired => {
            return respond_click(
                ctx,
                state,
                click,
                ButtonKind::FollowUp,
                &[render::notice(
                    "This button has expired. Please ask the question again.",
                )],
                true,
            )
            .await;
        }
        Click::Foreign => return,
    };
    if kind == ButtonKind::ConfirmReload {
        if let Asked::Text(payload) = &asked {
            return confirm_reload(ctx, state, click, payload).await;
        }
        return;
    }
    if matches!(kind, ButtonKind::Clarify | ButtonKind::Page(_)) {
        // A question back, and the pages of an answer, belong to whoever asked.
        if let Some(asker) = asker_of(&click.message) {
            if asker != click.user.id.get() {
                let m = [render::notice(NOT_YOUR_CHOICE)];
                return respond_click(ctx, state, click, ButtonKind::FollowUp, &m, true).await;
            }
        }
    }
    let guild = click.guild_id.map(|g| g.get());
    let channel = click.channel_id.get();
    let place = Place {
        guild,
        channel,
        parent: place::interaction_parent(click.channel.as_ref()),
    };
    let ephemeral_notice = |text: &str| vec![render::notice(text)];
    if let Err(refusal) = allow_list::check(&state.config(), &place) {
        let m = ephemeral_notice(refusal.text());
        return respond_click(ctx, state, click, ButtonKind::FollowUp, &m, true).await;
    }
    let who = Asker {
        user: click.user.id.get(),
        place,
        command: "button",
    };
    match asking::admit(state, &who, Use::Click, true) {
        Admission::Pass => {}
        Admission::Notice(text) => {
            let m = ephemeral_notice(&text);
            return respond_click(ctx, state, click, ButtonKind::FollowUp, &m, true).await;
        }
        Admission::Silent => {
            let m = ephemeral_notice("Please wait a moment before asking again.");
            return respond_click(ctx, state, click, ButtonKind::FollowUp, &m, true).await;
        }
    }
    let style = place::style_for(click.app_permissions);
    match asking::answer(state, &who, &asked) {
        Ok(answer) if kind == ButtonKind::Sources => {
            // Every source and the notes, for the clicker only.
            let messages = render::sources_and_notes(&answer, style);
            respond_click(ctx, state, click, kind, &messages, true).await;
        }
        Ok(answer) => {
            let page = match kind {
                ButtonKind::Page(n) => usize::from(n),
                _ => 1,
            };
            let messages = render::page(&answer, style, page);
            respond_click(ctx, state, click, kind, &messages, false).await;
        }
        Err(text) => {
            let m = ephemeral_notice(&text);
            respond_click(ctx, state, click, ButtonKind::FollowUp, &m, true).await;
        }
    }
}

/// What someone other than the asker hears from a clarify choice.
pub const NOT_YOUR_CHOICE: &str =
    "Only the person who asked can choose here. Ask your own question and I'll answer it.";

/// Who asked the question a bot message answers: the author of the message
/// it replies to, or the user of the interaction it answers.
fn asker_of(message: &serenity::Message) -> Option<u64> {
    if let Some(q) = &message.referenced_message {
        return Some(q.author.id.get());
    }
    match message.interaction_metadata.as_deref()? {
        serenity::MessageInteractionMetadata::Command(m) => Some(m.user.id.get()),
        serenity::MessageInteractionMetadata::Component(m) => Some(m.user.id.get()),
        _ => None,
    }
}

/// "Apply these removals" under a refused `/reload`: only its admin, only
/// within 5 minutes, and only the change they were shown.
async fn confirm_reload(
    ctx: &serenity::Context,
    state: &Data,
    click: &ComponentInteraction,
    number: &str,
) {
    let user = click.user.id.get();
    let taken = match number.parse::<u64>() {
        Ok(n) if state.is_admin(user) => state.confirmations.take(n, user, Instant::now()),
        Ok(_) => Err(NotConfirmed::NotYours),
        Err(_) => Err(NotConfirmed::Gone),
    };
    let text = match taken {
        Err(NotConfirmed::Gone) => confirmations::CONFIRM_GONE.to_string(),
        Err(NotConfirmed::NotYours) => confirmations::CONFIRM_NOT_YOURS.to_string(),
        Ok(candidate) => {
            let report = reload::confirm(std::sync::Arc::clone(state), candidate).await;
            report.log("confirm");
            report.to_string()
        }
    };
    let m = render::info("Reload", &text, None, render::Style::PlainText);
    respond_click(ctx, state, click, ButtonKind::FollowUp, &m, true).await;
}

/// Answers a click: a clarify choice replaces the clarifying message, a
/// follow-up posts a new message; further parts go as follow-ups.
async fn respond_click(
    ctx: &serenity::Context,
    state: &BotState,
    click: &ComponentInteraction,
    kind: ButtonKind,
    messages: &[OutMessage],
    ephemeral: bool,
) {
    let Some((first, rest)) = messages.split_first() else {
        return;
    };
    let body = builders::interaction_message(first, &state.buttons, ephemeral);
    // A choice under a question only its asker saw (a slash command's
    // clarify) posts the answer for everyone; under a public question it
    // replaces the question.
    let under_private = click
        .message
        .flags
        .is_some_and(|f| f.contains(serenity::MessageFlags::EPHEMERAL));
    let response = match kind {
        ButtonKind::Clarify if !ephemeral && !under_private => {
            CreateInteractionResponse::UpdateMessage(body)
        }
        // Another page replaces the page shown, wherever it is.
        ButtonKind::Page(_) if !ephemeral => CreateInteractionResponse::UpdateMessage(body),
        _ => CreateInteractionResponse::Message(body),
    };
    if let Err(e) = click.create_response(ctx, response).await {
        state.ops.metrics.send_error();
        tracing::warn!(error = %e, "could not answer a button");
        return;
    }
    for m in rest {
        let builder = builders::followup(m, &state.buttons, ephemeral);
        if let Err(e) = click.create_followup(ctx, builder).await {
            state.ops.metrics.send_error();
            tracing::warn!(error = %e, "could not send a follow-up");
            return;
        }
    }
}
