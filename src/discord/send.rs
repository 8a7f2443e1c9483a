//! Rendered messages as serenity builders, for every way the bot sends.
//!
//! Every builder made here carries `allowed_mentions` with an empty `parse`
//! list and `replied_user: false`, so a question containing `@everyone`, a
//! role or a user mention never pings anyone, whichever path sends it.

use std::time::Instant;

use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage, EditMessage, Message, MessageReference,
};

use super::buttons::ButtonStore;
use super::render::{ButtonKind, ButtonSpec, EmbedSpec, OutMessage};
use super::split;

/// Mentions nobody: empty `parse`, no users, no roles, no reply ping.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
        .empty_users()
        .empty_roles()
        .replied_user(false)
}

fn embed(e: &EmbedSpec) -> CreateEmbed {
    let mut b = CreateEmbed::new().colour(e.colour);
    if let Some(t) = &e.title {
        b = b.title(t);
    }
    if let Some(u) = &e.url {
        b = b.url(u);
    }
    if let Some(d) = &e.description {
        b = b.description(d);
    }
    for f in &e.fields {
        b = b.field(&f.name, &f.value, f.inline);
    }
    if let Some(f) = &e.footer {
        b = b.footer(CreateEmbedFooter::new(f));
    }
    b
}

fn embeds(m: &OutMessage) -> Vec<CreateEmbed> {
    m.embeds.iter().map(embed).collect()
}

/// Buttons in rows of five; custom ids from the store.
fn rows(buttons: &[ButtonSpec], store: &ButtonStore) -> Vec<CreateActionRow> {
    let now = Instant::now();
    buttons
        .chunks(split::BUTTONS_PER_ROW)
        .take(split::ROWS_PER_MESSAGE)
        .map(|chunk| {
            CreateActionRow::Buttons(
                chunk
                    .iter()
                    .map(|b| {
                        let style = match b.kind {
                            ButtonKind::Clarify => ButtonStyle::Primary,
                            ButtonKind::FollowUp => ButtonStyle::Secondary,
                        };
                        CreateButton::new(store.id_for(b.kind, &b.question, now))
                            .label(&b.label)
                            .style(style)
                    })
                    .collect(),
            )
        })
        .collect()
}

/// A new channel message, replying to `reply_to` when given (without
/// failing if that message is already gone).
pub fn create_message(
    m: &OutMessage,
    store: &ButtonStore,
    reply_to: Option<&Message>,
) -> CreateMessage {
    let mut b = CreateMessage::new()
        .allowed_mentions(no_mentions())
        .embeds(embeds(m));
    if let Some(c) = &m.content {
        b = b.content(c);
    }
    if !m.buttons.is_empty() {
        b = b.components(rows(&m.buttons, store));
    }
    if let Some(q) = reply_to {
        let mut r = MessageReference::from(q);
        r.fail_if_not_exists = Some(false);
        b = b.reference_message(r);
    }
    b
}

/// Replaces a message's content, embeds and buttons.
pub fn edit_message(m: &OutMessage, store: &ButtonStore) -> EditMessage {
    EditMessage::new()
        .allowed_mentions(no_mentions())
        .content(m.content.clone().unwrap_or_default())
        .embeds(embeds(m))
        .components(rows(&m.buttons, store))
}

/// The message of an interaction response (a new message or an update).
pub fn interaction_message(
    m: &OutMessage,
    store: &ButtonStore,
    ephemeral: bool,
) -> CreateInteractionResponseMessage {
    let mut b = CreateInteractionResponseMessage::new()
        .allowed_mentions(no_mentions())
        .embeds(embeds(m))
        .components(rows(&m.buttons, store))
        .ephemeral(ephemeral);
    b = b.content(m.content.clone().unwrap_or_default());
    b
}

/// A follow-up message after an interaction response.
pub fn followup(
    m: &OutMessage,
    store: &ButtonStore,
    ephemeral: bool,
) -> CreateInteractionResponseFollowup {
    let mut b = CreateInteractionResponseFollowup::new()
        .allowed_mentions(no_mentions())
        .embeds(embeds(m))
        .ephemeral(ephemeral);
    if let Some(c) = &m.content {
        b = b.content(c);
    }
    if !m.buttons.is_empty() {
        b = b.components(rows(&m.buttons, store));
    }
    b
}

/// A poise reply (slash commands): the first becomes the interaction
/// response, later ones follow-ups.
pub fn poise_reply(m: &OutMessage, store: &ButtonStore, ephemeral: bool) -> poise::CreateReply {
    let mut b = poise::CreateReply::default()
        .allowed_mentions(no_mentions())
        .ephemeral(ephemeral);
    if let Some(c) = &m.content {
        b = b.content(c);
    }
    for e in &m.embeds {
        b = b.embed(embed(e));
    }
    if !m.buttons.is_empty() {
        b = b.components(rows(&m.buttons, store));
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_no_mentions_serializes_to_empty_parse() {
        let v = serde_json::to_value(no_mentions()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false})
        );
    }

    #[test]
    fn send_every_builder_carries_no_mentions() {
        let store = ButtonStore::new(std::time::Duration::from_secs(60), 10);
        let m = OutMessage {
            content: Some("@everyone hi".into()),
            ..OutMessage::default()
        };
        let expected = serde_json::to_value(no_mentions()).unwrap();
        let values = [
            serde_json::to_value(create_message(&m, &store, None)).unwrap(),
            serde_json::to_value(edit_message(&m, &store)).unwrap(),
            serde_json::to_value(interaction_message(&m, &store, false)).unwrap(),
            serde_json::to_value(followup(&m, &store, false)).unwrap(),
        ];
        for v in values {
            assert_eq!(v["allowed_mentions"], expected, "{v}");
        }
    }
}
