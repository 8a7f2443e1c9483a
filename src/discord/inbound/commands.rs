//! The slash commands: one declaration each (its doc comment is its Discord
//! description), one list feeding registration, dispatch and `/help`.
//!
//! Commands only turn typed options into an engine [`Query`] (names typed
//! without autocomplete are resolved by the engine's own reader); answering,
//! limits and logging are in `asking`, rendering in `outbound::render`.

use std::sync::Arc;

use crate::engine::{Engine, Intent, Query, When};
use crate::knowledge::Grade;

use crate::discord::confirmations;
use crate::discord::error::BotError;
use crate::discord::inbound::allow_list::{self, Place};
use crate::discord::inbound::asking::{self, Admission, Asked, Asker};
use crate::discord::inbound::complete::{
    complete_area, complete_cycle, complete_force, complete_speaker,
};
use crate::discord::inbound::place;
use crate::discord::outbound::builders;
use crate::discord::outbound::help_about;
use crate::discord::outbound::render::{self, OutMessage, Style};
use crate::discord::rate_limit::Use;
use crate::discord::reload;
use crate::discord::state::{Context, Data};

/// Every command, in the order `/help` lists them (admin commands last,
/// and left out of `/help`).
pub fn all() -> Vec<poise::Command<Data, BotError>> {
    vec![
        ask(),
        force(),
        quote(),
        compare(),
        which(),
        about(),
        help(),
        ask_message(),
        reload(),
    ]
}

/// "Ask PEEL Bot" on a message: answers its text for the clicker only,
/// with a button to post the answer for everyone.
#[poise::command(context_menu_command = "Ask PEEL Bot", hide_in_help)]
pub async fn ask_message(
    ctx: Context<'_>,
    #[description = "The message to answer"] msg: poise::serenity_prelude::Message,
) -> Result<(), BotError> {
    let Some(who) = admitted(ctx, "ask_message").await? else {
        return Ok(());
    };
    let question = msg.content.trim().to_string();
    if question.is_empty() {
        return notice(ctx, "That message has no text for me to answer.").await;
    }
    let asked = Asked::Text(question.clone());
    match asking::answer(ctx.data(), &who, &asked) {
        Ok(answer) => {
            let mut messages = render::page(&answer, style(ctx), 1);
            if let Some(last) = messages.last_mut() {
                // A follow-up click posts a new, public message.
                last.buttons.insert(
                    0,
                    render::ButtonSpec {
                        label: "Post publicly".into(),
                        asked,
                        kind: render::ButtonKind::FollowUp,
                    },
                );
                last.buttons
                    .truncate(crate::discord::outbound::sizes::BUTTONS_PER_ROW * 4);
            }
            send_all(ctx, &messages, true).await
        }
        Err(text) => notice(ctx, &text).await,
    }
}

/// The longest question `/ask` lets a user type, as registered with
/// Discord (`max_length` below); `engine.max_question_chars` stays the
/// limit that is enforced, on every path.
pub const ASK_MAX_LENGTH: usize = 500;

/// Ask any question about PEEL police inspections.
///
/// question: What does Derbyshire need to improve?
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, e.g. What does Kent need to improve?"]
    #[max_length = 500]
    question: String,
) -> Result<(), BotError> {
    respond(ctx, "ask", Asked::Text(question)).await
}

/// A force's grades and the areas it must improve.
///
/// name: Kent
#[poise::command(slash_command)]
pub async fn force(
    ctx: Context<'_>,
    #[description = "Police force"]
    #[autocomplete = "complete_force"]
    name: String,
    #[description = "Inspection cycle (default: the latest)"]
    #[autocomplete = "complete_cycle"]
    cycle: Option<String>,
) -> Result<(), BotError> {
    let engine = ctx.data().engine.current();
    let asked = typed(
        &engine,
        Intent::Overview,
        &[&name],
        None,
        cycle.as_deref(),
        |_| {},
    );
    respond(ctx, "force", asked).await
}

/// What inspectors and forces said, quoted with sources.
///
/// force: Derbyshire speaker: Roy Wilsher
#[poise::command(slash_command)]
pub async fn quote(
    ctx: Context<'_>,
    #[description = "Police force"]
    #[autocomplete = "complete_force"]
    force: Option<String>,
    #[description = "Who said it"]
    #[autocomplete = "complete_speaker"]
    speaker: Option<String>,
    #[description = "Topic words, e.g. 999 calls"] topic: Option<String>,
) -> Result<(), BotError> {
    let engine = ctx.data().engine.current();
    let forces: Vec<&str> = force.as_deref().into_iter().collect();
    let speaker = speaker.as_deref().and_then(|s| engine.resolve_speaker(s));
    let mut asked = typed(&engine, Intent::Quote, &forces, None, None, |q| {
        q.speaker = speaker.clone();
        q.topic = topic
            .as_deref()
            .map(|t| {
                crate::text::fold(t)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
    });
    if forces.is_empty() && speaker.is_none() && topic.is_none() {
        asked = Asked::Query(Query::new(Intent::Quote));
    }
    respond(ctx, "quote", asked).await
}

/// Two to four forces side by side, overall or on one area.
///
/// first: Essex second: Kent
#[poise::command(slash_command)]
pub async fn compare(
    ctx: Context<'_>,
    #[description = "First force"]
    #[autocomplete = "complete_force"]
    first: String,
    #[description = "Second force"]
    #[autocomplete = "complete_force"]
    second: String,
    #[description = "Inspection area (default: all)"]
    #[autocomplete = "complete_area"]
    area: Option<String>,
    #[description = "Third force (optional)"]
    #[autocomplete = "complete_force"]
    third: Option<String>,
    #[description = "Fourth force (optional)"]
    #[autocomplete = "complete_force"]
    fourth: Option<String>,
) -> Result<(), BotError> {
    let engine = ctx.data().engine.current();
    let mut forces: Vec<&str> = vec![&first, &second];
    forces.extend(third.as_deref());
    forces.extend(fourth.as_deref());
    let asked = typed(
        &engine,
        Intent::Compare,
        &forces,
        area.as_deref(),
        None,
        |_| {},
    );
    respond(ctx, "compare", asked).await
}

/// A PEEL grade, as a typed choice.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum GradeChoice {
    Outstanding,
    Good,
    Adequate,
    #[name = "Requires improvement"]
    RequiresImprovement,
    Inadequate,
}

impl From<GradeChoice> for Grade {
    fn from(g: GradeChoice) -> Grade {
        match g {
            GradeChoice::Outstanding => Grade::Outstanding,
            GradeChoice::Good => Grade::Good,
            GradeChoice::Adequate => Grade::Adequate,
            GradeChoice::RequiresImprovement => Grade::RequiresImprovement,
            GradeChoice::Inadequate => Grade::Inadequate,
        }
    }
}

/// Which forces got a given grade in an area.
///
/// grade: Inadequate area: Responding to the public
#[poise::command(slash_command)]
pub async fn which(
    ctx: Context<'_>,
    #[description = "Grade"] grade: GradeChoice,
    #[description = "Inspection area"]
    #[autocomplete = "complete_area"]
    area: String,
    #[description = "Inspection cycle (default: the latest)"]
    #[autocomplete = "complete_cycle"]
    cycle: Option<String>,
) -> Result<(), BotError> {
    let engine = ctx.data().engine.current();
    let grade = Grade::from(grade);
    let asked = typed(
        &engine,
        Intent::Across,
        &[],
        Some(&area),
        cycle.as_deref(),
        |q| {
            q.grade = Some(grade);
        },
    );
    respond(ctx, "which", asked).await
}

/// What the data covers: forces, cycles, grades known, sources.
#[poise::command(slash_command)]
pub async fn about(ctx: Context<'_>) -> Result<(), BotError> {
    if admitted(ctx, "about").await?.is_none() {
        return Ok(());
    }
    let engine = ctx.data().engine.current();
    let (title, body, footer) = help_about::about(engine.knowledge());
    let messages = render::info(&title, &body, Some(&footer), style(ctx));
    // Only the asker cares: nobody else needs to scroll past it.
    send_all(ctx, &messages, true).await
}

/// How to use PEEL Bot.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), BotError> {
    if admitted(ctx, "help").await?.is_none() {
        return Ok(());
    }
    let state = ctx.data();
    let messages = help_messages(
        &ctx.framework().options().commands,
        &state.config(),
        &|name| state.command_id(name),
        style(ctx),
    );
    send_all(ctx, &messages, true).await
}

/// What a user who is neither an owner nor an admin hears from `/reload`.
pub const RELOAD_REFUSAL: &str =
    "Sorry — only the bot's owners and admins can reload it. If the answers look out of date, please let them know.";

/// Reload the knowledge base and settings (bot owners and admins only).
#[poise::command(
    slash_command,
    hide_in_help,
    default_member_permissions = "MANAGE_GUILD"
)]
pub async fn reload(ctx: Context<'_>) -> Result<(), BotError> {
    let state = ctx.data();
    let user = ctx.author().id.get();
    if !state.is_admin(user) {
        tracing::info!(command = "reload", user, "refused: not an owner or admin");
        return notice(ctx, RELOAD_REFUSAL).await;
    }
    // Validation reads every file: take the time Discord allows a deferred reply.
    ctx.defer_ephemeral().await?;
    let mut report = reload::reload(Arc::clone(state)).await;
    report.log("command");
    let mut messages = render::info("Reload", &report.to_string(), None, Style::PlainText);
    if let Some(candidate) = report.take_candidate() {
        let number = state
            .confirmations
            .offer(user, candidate, std::time::Instant::now());
        if let Some(last) = messages.last_mut() {
            last.buttons.push(render::ButtonSpec {
                label: confirmations::CONFIRM_LABEL.into(),
                asked: Asked::Text(number.to_string()),
                kind: render::ButtonKind::ConfirmReload,
            });
        }
    }
    send_all(ctx, &messages, true).await
}

/// `/help` as messages; also used for `!peel help` and empty mentions.
pub fn help_messages(
    commands: &[poise::Command<Data, BotError>],
    config: &crate::config::DiscordConfig,
    ids: &dyn Fn(&str) -> Option<u64>,
    style: Style,
) -> Vec<OutMessage> {
    let list: Vec<help_about::CommandHelp> = commands
        .iter()
        .filter(|c| !c.hide_in_help)
        .map(|c| help_about::CommandHelp {
            name: c.name.to_string(),
            description: c.description.as_deref().unwrap_or_default().to_string(),
            example: c.help_text.as_deref().map(str::to_string),
            id: ids(&c.name),
        })
        .collect();
    let (title, body) = help_about::help(&list, &config.prefix, config.message_content_intent);
    render::info(&title, &body, None, style)
}

/// Where an interaction came from; a thread's parent counts for allow-lists.
fn place(ctx: Context<'_>) -> Place {
    let parent = match ctx {
        poise::Context::Application(a) => place::interaction_parent(a.interaction.channel.as_ref()),
        poise::Context::Prefix(_) => None,
    };
    Place {
        guild: ctx.guild_id().map(|g| g.get()),
        channel: ctx.channel_id().get(),
        parent,
    }
}

/// Embeds unless the interaction says the bot lacks Embed Links there.
fn style(ctx: Context<'_>) -> Style {
    match ctx {
        poise::Context::Application(a) => place::style_for(a.interaction.app_permissions),
        poise::Context::Prefix(_) => Style::Embeds,
    }
}

/// Checks the place and the rate limits; replies (ephemerally) when refused.
async fn admitted(ctx: Context<'_>, command: &'static str) -> Result<Option<Asker>, BotError> {
    let state = ctx.data();
    let place = place(ctx);
    if let Err(refusal) = allow_list::check(&state.config(), &place) {
        notice(ctx, refusal.text()).await?;
        return Ok(None);
    }
    let who = Asker {
        user: ctx.author().id.get(),
        place,
        command,
    };
    match asking::admit(state, &who, Use::Question, true) {
        Admission::Pass => Ok(Some(who)),
        Admission::Notice(text) => {
            notice(ctx, &text).await?;
            Ok(None)
        }
        Admission::Silent => Ok(None),
    }
}

/// A typed query from a command's options. Forces, areas and cycles come
/// as autocomplete values (slugs, ids) or as typed words, which the engine
/// resolves; anything it cannot resolve is read as words instead, so the
/// engine's own reply explains what it did not know.
fn typed(
    engine: &Engine,
    intent: Intent,
    forces: &[&str],
    area: Option<&str>,
    cycle: Option<&str>,
    rest: impl FnOnce(&mut Query),
) -> Asked {
    let mut q = Query::new(intent);
    let mut unresolved: Vec<&str> = Vec::new();
    for f in forces {
        match engine.resolve_force(f) {
            Some(slug) if !q.forces.contains(&slug) => q.forces.push(slug),
            Some(_) => {}
            None => unresolved.push(f),
        }
    }
    if let Some(a) = area {
        match engine.resolve_area(a) {
            Some(id) => q.area = Some(id),
            None => unresolved.push(a),
        }
    }
    if let Some(c) = cycle {
        match engine.resolve_cycle(c) {
            Some(id) => q.when = When::Cycle(id),
            None => unresolved.push(c),
        }
    }
    rest(&mut q);
    if unresolved.is_empty() {
        Asked::Query(q)
    } else {
        let mut words: Vec<String> = vec![engine.describe(&q)];
        words.extend(unresolved.iter().map(|s| s.to_string()));
        Asked::Text(words.join(" "))
    }
}

/// Answers what was asked and sends the answer.
async fn respond(ctx: Context<'_>, command: &'static str, asked: Asked) -> Result<(), BotError> {
    let Some(who) = admitted(ctx, command).await? else {
        return Ok(());
    };
    match asking::answer(ctx.data(), &who, &asked) {
        Ok(answer) => {
            let mut messages = render::page(&answer, style(ctx), 1);
            if let Some(chart) = picture(ctx, &answer) {
                render::with_picture(&mut messages, chart);
            }
            // A question back, or "not in our sources", concerns only the
            // asker; the answer they then choose is posted for everyone.
            let private = !matches!(answer.status, crate::engine::Status::Answered);
            send_all(ctx, &messages, private).await
        }
        Err(text) => notice(ctx, &text).await,
    }
}

/// The answer's picture, where it has one and the bot may attach files
/// here (drawn once per knowledge base version and spec).
fn picture(ctx: Context<'_>, answer: &crate::engine::Answer) -> Option<Arc<crate::chart::Chart>> {
    let spec = answer.chart.as_ref()?;
    let allowed = match ctx {
        poise::Context::Application(a) => place::may_attach(a.interaction.app_permissions),
        poise::Context::Prefix(_) => false,
    };
    if !allowed || style(ctx) != Style::Embeds {
        return None;
    }
    let engine = ctx.data().engine.current();
    match ctx.data().charts.get(engine.knowledge(), spec) {
        Ok(chart) => Some(chart),
        Err(e) => {
            // The answer still goes, without its picture.
            tracing::warn!(error = %e, kind = %spec.kind(), "picture not drawn");
            None
        }
    }
}

/// A short ephemeral message (errors, refusals).
pub async fn notice(ctx: Context<'_>, text: &str) -> Result<(), BotError> {
    send_all(ctx, &[render::notice(text)], true).await
}

async fn send_all(
    ctx: Context<'_>,
    messages: &[OutMessage],
    ephemeral: bool,
) -> Result<(), BotError> {
    for m in messages {
        ctx.send(builders::poise_reply(m, &ctx.data().buttons, ephemeral))
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_declared_once_with_valid_descriptions() {
        let cmds = all();
        let mut names: Vec<&str> = cmds.iter().map(|c| c.name.as_ref()).collect();
        assert_eq!(
            names,
            [
                "ask",
                "force",
                "quote",
                "compare",
                "which",
                "about",
                "help",
                "ask_message",
                "reload"
            ]
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 9);
        for c in cmds.iter().filter(|c| c.context_menu_action.is_none()) {
            let d = c.description.as_deref().unwrap_or_default();
            assert!((1..=100).contains(&d.len()), "/{}: {d:?}", c.name);
            assert!(c.slash_action.is_some(), "/{} is a slash command", c.name);
            for p in &c.parameters {
                let d = p.description.as_deref().unwrap_or_default();
                assert!(
                    (1..=100).contains(&d.len()),
                    "/{} {}: {d:?}",
                    c.name,
                    p.name
                );
            }
        }
    }

    #[test]
    fn commands_autocomplete_where_names_are_typed() {
        let cmds = all();
        let auto = |cmd: &str, param: &str| {
            cmds.iter()
                .find(|c| c.name == cmd)
                .and_then(|c| c.parameters.iter().find(|p| p.name == param))
                .map(|p| p.autocomplete_callback.is_some())
        };
        assert_eq!(auto("force", "name"), Some(true));
        assert_eq!(auto("quote", "force"), Some(true));
        assert_eq!(auto("quote", "speaker"), Some(true));
        for f in ["first", "second", "third", "fourth"] {
            assert_eq!(auto("compare", f), Some(true), "{f}");
        }
        assert_eq!(auto("which", "area"), Some(true));
        assert_eq!(auto("ask", "question"), Some(false));
    }

    #[test]
    fn commands_only_reload_and_the_context_menu_are_left_out_of_help() {
        let hidden: Vec<String> = all()
            .iter()
            .filter(|c| c.hide_in_help)
            .map(|c| c.name.to_string())
            .collect();
        assert_eq!(hidden, ["ask_message", "reload"]);
    }
}
