//! Rendered messages as serenity builders, for every way the bot sends.
//!
//! Every builder made here carries `allowed_mentions` with an empty `parse`
//! list and `replied_user: false`, so a question containing `@everyone`, a
//! role or a user mention never pings anyone, whichever path sends it.

use std::time::Instant;

use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption, EditMessage, Message, MessageReference,
};

use crate::discord::outbound::button_ids::ButtonStore;
use crate::discord::outbound::render::{ButtonKind, EmbedSpec, OutMessage};
use crate::discord::outbound::sizes;

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
    if let Some(i) = &e.image {
        b = b.image(i);
    }
    b
}

/// The message's picture as an upload, its alt text as the description.
fn upload(m: &OutMessage) -> Option<CreateAttachment> {
    let c = m.picture.as_ref()?;
    Some(CreateAttachment::bytes(c.png.clone(), c.file_name.clone()).description(c.alt.clone()))
}

fn embeds(m: &OutMessage) -> Vec<CreateEmbed> {
    m.embeds.iter().map(embed).collect()
}

/// Labels of the vote buttons (the emoji is the whole label).
pub const VOTE_UP: &str = "👍";
pub const VOTE_DOWN: &str = "👎";

/// Buttons, then the report link, then 👍/👎 when the store says votes are
/// on, filling rows of five (the votes share a row with the rest); custom
/// ids from the store.
fn rows(m: &OutMessage, store: &ButtonStore) -> Vec<CreateActionRow> {
    let now = Instant::now();
    let mut all: Vec<CreateButton> = m
        .buttons
        .iter()
        .map(|b| {
            let style = match b.kind {
                ButtonKind::Clarify => ButtonStyle::Primary,
                ButtonKind::FollowUp | ButtonKind::Sources => ButtonStyle::Secondary,
                ButtonKind::Page(_) => ButtonStyle::Primary,
                ButtonKind::ConfirmReload => ButtonStyle::Danger,
            };
            CreateButton::new(store.id_for(b.kind, &b.asked, now))
                .label(&b.label)
                .style(style)
        })
        .collect();
    if let Some((label, url)) = &m.link {
        all.push(CreateButton::new_link(url).label(label));
    }
    if let Some(v) = m.votes.as_ref().filter(|_| store.votes()) {
        let [up, down] = store.vote_ids(v, now);
        all.push(
            CreateButton::new(up)
                .label(VOTE_UP)
                .style(ButtonStyle::Secondary),
        );
        all.push(
            CreateButton::new(down)
                .label(VOTE_DOWN)
                .style(ButtonStyle::Secondary),
        );
    }
    let mut rows: Vec<CreateActionRow> = Vec::new();
    if !m.menu.is_empty() {
        // Each option's value is the id a button asking the same would have.
        let options: Vec<CreateSelectMenuOption> = m
            .menu
            .iter()
            .map(|o| {
                CreateSelectMenuOption::new(
                    sizes::shorten(&o.label, sizes::MENU_LABEL_MAX),
                    store.id_for(o.kind, &o.asked, now),
                )
            })
            .collect();
        rows.push(CreateActionRow::SelectMenu(
            CreateSelectMenu::new(MENU_ID, CreateSelectMenuKind::String { options })
                .placeholder("Choose one"),
        ));
    }
    rows.extend(
        all.chunks(sizes::BUTTONS_PER_ROW)
            .map(|chunk| CreateActionRow::Buttons(chunk.to_vec())),
    );
    rows.truncate(sizes::ROWS_PER_MESSAGE);
    rows
}

/// The custom id of a clarify select menu; the chosen option's value says
/// what to ask.
pub const MENU_ID: &str = "peel:menu";

fn has_rows(m: &OutMessage, store: &ButtonStore) -> bool {
    !m.buttons.is_empty()
        || !m.menu.is_empty()
        || m.link.is_some()
        || (m.votes.is_some() && store.votes())
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
    if has_rows(m, store) {
        b = b.components(rows(m, store));
    }
    if let Some(q) = reply_to {
        let mut r = MessageReference::from(q);
        r.fail_if_not_exists = Some(false);
        b = b.reference_message(r);
    }
    if let Some(a) = upload(m) {
        b = b.add_file(a);
    }
    b
}

/// Replaces a message's content, embeds and buttons.
pub fn edit_message(m: &OutMessage, store: &ButtonStore) -> EditMessage {
    EditMessage::new()
        .allowed_mentions(no_mentions())
        .content(m.content.clone().unwrap_or_default())
        .embeds(embeds(m))
        .components(rows(m, store))
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
        .components(rows(m, store))
        .ephemeral(ephemeral);
    b = b.content(m.content.clone().unwrap_or_default());
    if let Some(a) = upload(m) {
        b = b.add_file(a);
    }
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
    if has_rows(m, store) {
        b = b.components(rows(m, store));
    }
    if let Some(a) = upload(m) {
        b = b.add_file(a);
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
    if has_rows(m, store) {
        b = b.components(rows(m, store));
    }
    if let Some(a) = upload(m) {
        b = b.attachment(a);
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

    fn labels(v: &serde_json::Value) -> Vec<String> {
        v["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["components"].as_array().cloned().unwrap_or_default())
            .filter_map(|b| b["label"].as_str().map(str::to_string))
            .collect()
    }

    #[test]
    fn send_votes_only_when_the_store_says_so() {
        use crate::engine::Status;
        let store = ButtonStore::new(std::time::Duration::from_secs(60), 10);
        let m = OutMessage {
            content: Some("answer".into()),
            votes: Some(crate::discord::outbound::render::VoteSpec {
                question: "Kent grades".into(),
                status: Status::Answered,
                intent: "overview".into(),
            }),
            ..OutMessage::default()
        };
        let v = serde_json::to_value(create_message(&m, &store, None)).unwrap();
        assert!(labels(&v).is_empty(), "{v}");
        store.set_votes(true);
        let v = serde_json::to_value(create_message(&m, &store, None)).unwrap();
        assert_eq!(labels(&v), [VOTE_UP, VOTE_DOWN]);
        let rows = v["components"].as_array().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0]["components"][1]["custom_id"],
            "peel:d:q:a:overview:Kent grades"
        );
    }
}
