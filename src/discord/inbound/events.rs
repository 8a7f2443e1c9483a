//! Gateway events other than slash commands: questions in messages
//! (mentions, the prefix, direct messages), edits and deletions of those
//! questions; button clicks are passed to `clicks`.
//!
//! Each event is handled in its own task (serenity spawns one per event), and
//! every failure is logged here and counted, never returned, so one bad event
//! cannot stop the bot.

use poise::serenity_prelude as serenity;
use serenity::{ChannelId, FullEvent, Message, MessageId, MessageUpdateEvent};

use crate::discord::error::BotError;
use crate::discord::inbound::allow_list::{self, Place};
use crate::discord::inbound::asking::{self, Admission, Asker};
use crate::discord::inbound::clicks;
use crate::discord::inbound::commands::help_messages;
use crate::discord::inbound::message::{self, Invocation};
use crate::discord::inbound::place;
use crate::discord::outbound::builders;
use crate::discord::outbound::help_about;
use crate::discord::outbound::render::{self, OutMessage, Style};
use crate::discord::outbound::reply_log::{Begin, EditAction, Finished, Tracked};
use crate::discord::rate_limit::Use;
use crate::discord::state::{BotState, Data};

type FrameworkContext<'a> = poise::FrameworkContext<'a, Data, BotError>;

/// Poise's event handler: routes the events this front end cares about.
pub async fn handle(fctx: FrameworkContext<'_>, event: &FullEvent) -> Result<(), BotError> {
    let state = fctx.user_data;
    let counted = match event {
        FullEvent::Message { new_message } => {
            on_message(fctx, new_message).await;
            true
        }
        FullEvent::MessageUpdate { event, .. } => {
            on_edit(fctx, event).await;
            true
        }
        FullEvent::MessageDelete {
            deleted_message_id, ..
        } => {
            on_delete(fctx.serenity_context, state, *deleted_message_id).await;
            true
        }
        FullEvent::MessageDeleteBulk {
            multiple_deleted_messages_ids,
            ..
        } => {
            for id in multiple_deleted_messages_ids {
                on_delete(fctx.serenity_context, state, *id).await;
            }
            true
        }
        FullEvent::InteractionCreate { interaction } => {
            if let serenity::Interaction::Component(click) = interaction {
                clicks::on_click(fctx.serenity_context, state, click).await;
            }
            true
        }
        FullEvent::Ready { data_about_bot } => {
            tracing::info!(
                user = %data_about_bot.user.name,
                guilds = data_about_bot.guilds.len(),
                "connected to Discord"
            );
            false
        }
        FullEvent::Resume { .. } => {
            tracing::info!("gateway session resumed");
            false
        }
        _ => false,
    };
    if counted {
        state.ops.metrics.event();
    }
    Ok(())
}

/// The reaction a message over the rate limit gets, instead of a public
/// message that would add to the flood.
pub const WAIT_REACTION: char = '⏳';

/// What to do about a message.
enum Reply {
    Send(Vec<OutMessage>),
    /// Over the limit, first refusal: react with [`WAIT_REACTION`].
    Wait,
    Silent,
}

/// What a message asks for, rendered; or a wait, or silence.
fn reply_for(
    fctx: FrameworkContext<'_>,
    who: &Asker,
    invocation: Invocation,
    style: Style,
) -> Reply {
    let state = fctx.user_data;
    match asking::admit(state, who, Use::Question, false) {
        Admission::Pass => {}
        Admission::Notice(_) => return Reply::Wait,
        Admission::Silent => return Reply::Silent,
    }
    Reply::Send(match invocation {
        Invocation::Help => help_messages(
            &fctx.options.commands,
            &state.config(),
            &|name| state.command_id(name),
            style,
        ),
        Invocation::About => {
            let engine = state.engine.current();
            let (title, body, footer) = help_about::about(engine.knowledge());
            render::info(&title, &body, Some(&footer), style)
        }
        Invocation::Question(q) => match asking::answer(state, who, &asking::Asked::Text(q)) {
            Ok(answer) => render::page(&answer, style, 1),
            Err(text) => vec![render::notice(&text)],
        },
    })
}

fn ignore(state: &BotState) {
    state.ops.metrics.ignored();
}

async fn on_message(fctx: FrameworkContext<'_>, msg: &Message) {
    let ctx = fctx.serenity_context;
    let state = fctx.user_data;
    let me = place::bot_id(ctx);
    if msg.author.bot || msg.author.id.get() == me || msg.webhook_id.is_some() {
        return ignore(state);
    }
    let guild = msg.guild_id.map(|g| g.get());
    let is_dm = guild.is_none();
    let config = state.config();
    let Some((via, invocation)) = message::extract(&msg.content, me, &config.prefix, is_dm) else {
        return ignore(state);
    };
    let channel = msg.channel_id.get();
    let place = Place {
        guild,
        channel,
        parent: place::cached_thread_parent(ctx, guild, channel),
    };
    if let Err(refusal) = allow_list::check(&config, &place) {
        tracing::debug!(?refusal, guild, channel, "not answering here");
        return ignore(state);
    }
    let who = Asker {
        user: msg.author.id.get(),
        place,
        command: via.as_str(),
    };
    // Tracked from now, so an edit or deletion during sending is not lost.
    let question = msg.id.get();
    let invocation = match state.replies.begin(question, guild, channel, who.user) {
        Begin::Answer => invocation,
        Begin::Deleted => return,
        Begin::AnswerEdited(text) => match message::extract(&text, me, &config.prefix, is_dm) {
            Some((_, edited)) => edited,
            None => invocation,
        },
    };
    let style = place::cached_style(ctx, guild, channel);
    let messages = match reply_for(fctx, &who, invocation, style) {
        Reply::Send(messages) => messages,
        Reply::Wait if !place::may_react(ctx, guild, channel) => {
            // No Add Reactions here: the ⏳ is left out, nothing else changes.
            state.replies.take(question);
            return;
        }
        Reply::Wait => {
            state.replies.take(question);
            // Straight to REST: without Add Reactions Discord refuses and we log it.
            let hourglass = serenity::ReactionType::Unicode(WAIT_REACTION.to_string());
            let reacted = ctx
                .http
                .create_reaction(msg.channel_id, msg.id, &hourglass)
                .await;
            if let Err(e) = reacted {
                state.ops.metrics.send_error();
                tracing::warn!(error = %e, "could not react to a message over the rate limit");
            }
            return;
        }
        Reply::Silent => {
            state.replies.take(question);
            return;
        }
    };
    let sent = send_messages(ctx, state, msg.channel_id, Some(msg), &messages).await;
    match state.replies.finish(question, sent.clone()) {
        Finished::Kept => {}
        Finished::Deleted => delete_replies(ctx, state, channel, &sent).await,
        Finished::Edited(content) => {
            if let Some(tracked) = state.replies.get(question) {
                reanswer(fctx, question, tracked, &content).await;
            }
        }
    }
}

/// Sends messages in order, the first as a reply; returns the ids sent.
/// Stops at the first failure (later parts make no sense without it).
async fn send_messages(
    ctx: &serenity::Context,
    state: &BotState,
    channel: ChannelId,
    reply_to: Option<&Message>,
    messages: &[OutMessage],
) -> Vec<u64> {
    let mut sent = Vec::with_capacity(messages.len());
    for (i, m) in messages.iter().enumerate() {
        let builder = builders::create_message(m, &state.buttons, reply_to.filter(|_| i == 0));
        match channel.send_message(ctx, builder).await {
            Ok(message) => sent.push(message.id.get()),
            Err(e) => {
                state.ops.metrics.send_error();
                tracing::warn!(channel = channel.get(), error = %e, "could not send a reply");
                break;
            }
        }
    }
    sent
}

/// An edited question: answer it again in the same reply messages.
async fn on_edit(fctx: FrameworkContext<'_>, event: &MessageUpdateEvent) {
    // Edits without content are embeds unfolding, not the author's edit.
    let Some(content) = event.content.as_deref() else {
        return;
    };
    // Only edits that still ask the bot something matter (and only those
    // are remembered if they arrive before their message).
    let ctx = fctx.serenity_context;
    let is_dm = event.guild_id.is_none();
    let config = fctx.user_data.config();
    if message::extract(content, place::bot_id(ctx), &config.prefix, is_dm).is_none() {
        return;
    }
    let question = event.id.get();
    match fctx.user_data.replies.edit(question, content) {
        EditAction::Untracked | EditAction::Deferred => {}
        EditAction::Reanswer(tracked) => reanswer(fctx, question, tracked, content).await,
    }
}

/// Answers an edited question into its existing replies. A question edited
/// into something not addressed to the bot keeps its old answer.
async fn reanswer(fctx: FrameworkContext<'_>, question: u64, tracked: Tracked, content: &str) {
    let ctx = fctx.serenity_context;
    let state = fctx.user_data;
    let guild = tracked.guild;
    let Some((_, invocation)) = message::extract(
        content,
        place::bot_id(ctx),
        &state.config().prefix,
        guild.is_none(),
    ) else {
        return;
    };
    let place = Place {
        guild,
        channel: tracked.channel,
        parent: place::cached_thread_parent(ctx, guild, tracked.channel),
    };
    let who = Asker {
        user: tracked.asker,
        place,
        command: "edit",
    };
    let style = place::cached_style(ctx, guild, tracked.channel);
    let Reply::Send(messages) = reply_for(fctx, &who, invocation, style) else {
        return;
    };
    let replies = edit_replies(ctx, state, &tracked, &messages).await;
    if !state.replies.update(question, replies.clone()) {
        // Deleted while we were editing.
        delete_replies(ctx, state, tracked.channel, &replies).await;
    }
}

/// Edits the old replies into the new messages, deleting or adding the
/// difference; returns the reply ids now in place.
async fn edit_replies(
    ctx: &serenity::Context,
    state: &BotState,
    tracked: &Tracked,
    messages: &[OutMessage],
) -> Vec<u64> {
    let channel = ChannelId::new(tracked.channel);
    let mut kept = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        match tracked.replies.get(i) {
            Some(&id) => {
                let builder = builders::edit_message(m, &state.buttons);
                match channel.edit_message(ctx, MessageId::new(id), builder).await {
                    Ok(_) => kept.push(id),
                    Err(e) => {
                        state.ops.metrics.send_error();
                        tracing::warn!(error = %e, "could not edit a reply");
                    }
                }
            }
            None => {
                let builder = builders::create_message(m, &state.buttons, None);
                match channel.send_message(ctx, builder).await {
                    Ok(sent) => kept.push(sent.id.get()),
                    Err(e) => {
                        state.ops.metrics.send_error();
                        tracing::warn!(error = %e, "could not send a reply");
                    }
                }
            }
        }
    }
    for &id in tracked.replies.iter().skip(messages.len()) {
        if let Err(e) = channel.delete_message(ctx, MessageId::new(id)).await {
            state.ops.metrics.send_error();
            tracing::warn!(error = %e, "could not delete a reply");
        }
    }
    kept
}

/// A deleted question: delete its answer (or, if the answer is still
/// being sent, its sender will).
async fn on_delete(ctx: &serenity::Context, state: &BotState, id: MessageId) {
    if let Some(tracked) = state.replies.delete(id.get()) {
        delete_replies(ctx, state, tracked.channel, &tracked.replies).await;
    }
}

async fn delete_replies(ctx: &serenity::Context, state: &BotState, channel: u64, replies: &[u64]) {
    let channel = ChannelId::new(channel);
    for &reply in replies {
        if let Err(e) = channel.delete_message(ctx, MessageId::new(reply)).await {
            state.ops.metrics.send_error();
            tracing::warn!(error = %e, "could not delete a reply");
        }
    }
}
