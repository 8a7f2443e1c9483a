//! Where a question was asked, read from serenity's models: the bot's id, a
//! thread's parent channel (allow-lists count the parent), and whether the
//! bot may embed links there.
//!
//! Messages are judged from the cache (filled by GUILD_CREATE and channel
//! events); interactions carry Discord's own statement of the bot's
//! permissions (`app_permissions`), which is used instead.

use poise::serenity_prelude as serenity;
use serenity::{ChannelId, ChannelType, GuildId, PartialChannel, Permissions};

use crate::discord::outbound::render::Style;

/// The bot's own user id (from the cache, filled by READY).
pub fn bot_id(ctx: &serenity::Context) -> u64 {
    ctx.cache.current_user().id.get()
}

/// The parent of `channel` if it is a thread the cache knows.
pub fn cached_thread_parent(
    ctx: &serenity::Context,
    guild: Option<u64>,
    channel: u64,
) -> Option<u64> {
    let guild = ctx.cache.guild(GuildId::new(guild?))?;
    guild
        .threads
        .iter()
        .find(|t| t.id.get() == channel)
        .and_then(|t| t.parent_id)
        .map(|p| p.get())
}

/// Embeds unless the cache shows the bot lacks Embed Links in the channel
/// (a thread uses its parent's permissions). Unknown means embeds: most
/// servers grant it, and direct messages always allow it.
pub fn cached_style(ctx: &serenity::Context, guild: Option<u64>, channel: u64) -> Style {
    match cached_permissions(ctx, guild, channel) {
        Some(p) => style_for(Some(p)),
        None => Style::Embeds,
    }
}

/// False only when the cache shows the bot may not add reactions in the
/// channel: then it does not try (and fail) to react.
pub fn may_react(ctx: &serenity::Context, guild: Option<u64>, channel: u64) -> bool {
    cached_permissions(ctx, guild, channel).is_none_or(|p| p.add_reactions())
}

/// The bot's permissions in a guild channel (a thread's are its parent's),
/// when the cache knows them.
fn cached_permissions(
    ctx: &serenity::Context,
    guild: Option<u64>,
    channel: u64,
) -> Option<Permissions> {
    let guild = ctx.cache.guild(GuildId::new(guild?))?;
    let channel_id = ChannelId::new(channel);
    let parent = guild
        .threads
        .iter()
        .find(|t| t.id == channel_id)
        .and_then(|t| t.parent_id);
    let channel = guild.channels.get(&parent.unwrap_or(channel_id))?;
    let member = guild.members.get(&ctx.cache.current_user().id)?;
    Some(guild.user_permissions_in(channel, member))
}

/// The parent channel of an interaction's channel, if that is a thread (a
/// text channel's parent is its category, which allow-lists do not mean).
pub fn interaction_parent(channel: Option<&PartialChannel>) -> Option<u64> {
    let channel = channel?;
    let thread = matches!(
        channel.kind,
        ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread
    );
    thread
        .then_some(channel.parent_id)
        .flatten()
        .map(|p| p.get())
}

/// Pictures only where the bot may attach files: when the permissions are
/// known, they must include Attach Files; when they are not (a message in a
/// channel), no picture, since a refused upload would lose the whole reply.
pub fn may_attach(permissions: Option<Permissions>) -> bool {
    permissions.is_some_and(|p| p.attach_files())
}

/// Plain text only when the permissions are known and lack Embed Links.
pub fn style_for(permissions: Option<Permissions>) -> Style {
    match permissions {
        Some(p) if !p.embed_links() => Style::PlainText,
        _ => Style::Embeds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_pictures_need_attach_files() {
        assert!(!may_attach(None));
        assert!(!may_attach(Some(Permissions::EMBED_LINKS)));
        assert!(may_attach(Some(
            Permissions::EMBED_LINKS | Permissions::ATTACH_FILES
        )));
    }

    #[test]
    fn places_style_needs_embed_links() {
        assert_eq!(style_for(None), Style::Embeds);
        assert_eq!(style_for(Some(Permissions::EMBED_LINKS)), Style::Embeds);
        assert_eq!(
            style_for(Some(Permissions::SEND_MESSAGES)),
            Style::PlainText
        );
    }
}
