//! Where the bot answers: the allow-lists and the direct-message switch from
//! config, checked in one place for every way a question arrives.

use crate::config::DiscordConfig;

/// Where a question was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// None in direct messages.
    pub guild: Option<u64>,
    pub channel: u64,
    /// The parent channel when `channel` is a thread.
    pub parent: Option<u64>,
}

/// Why the bot does not answer somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    DirectMessagesOff,
    GuildNotAllowed,
    ChannelNotAllowed,
}

impl Refusal {
    /// What to tell someone who used a slash command or button there.
    pub fn text(self) -> &'static str {
        match self {
            Refusal::DirectMessagesOff => {
                "I don't answer in direct messages. Please ask in a server channel."
            }
            Refusal::GuildNotAllowed | Refusal::ChannelNotAllowed => {
                "I'm not set up to answer here. Please ask in one of the channels I serve."
            }
        }
    }
}

/// Whether the bot may answer at `place`.
pub fn check(config: &DiscordConfig, place: &Place) -> Result<(), Refusal> {
    let Some(guild) = place.guild else {
        return if config.allow_dms {
            Ok(())
        } else {
            Err(Refusal::DirectMessagesOff)
        };
    };
    if !config.allowed_guilds.is_empty() && !config.allowed_guilds.contains(&guild) {
        return Err(Refusal::GuildNotAllowed);
    }
    if !config.allowed_channels.is_empty()
        && !config.allowed_channels.contains(&place.channel)
        && !place
            .parent
            .is_some_and(|p| config.allowed_channels.contains(&p))
    {
        return Err(Refusal::ChannelNotAllowed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(guild: Option<u64>, channel: u64, parent: Option<u64>) -> Place {
        Place {
            guild,
            channel,
            parent,
        }
    }

    #[test]
    fn policy_default_allows_guilds_not_dms() {
        let c = DiscordConfig::default();
        assert_eq!(check(&c, &place(Some(1), 2, None)), Ok(()));
        assert_eq!(
            check(&c, &place(None, 2, None)),
            Err(Refusal::DirectMessagesOff)
        );
        let c = DiscordConfig {
            allow_dms: true,
            ..DiscordConfig::default()
        };
        assert_eq!(check(&c, &place(None, 2, None)), Ok(()));
    }

    #[test]
    fn policy_allow_lists() {
        let c = DiscordConfig {
            allowed_guilds: vec![1],
            allowed_channels: vec![10],
            ..DiscordConfig::default()
        };
        assert_eq!(check(&c, &place(Some(1), 10, None)), Ok(()));
        assert_eq!(check(&c, &place(Some(1), 99, Some(10))), Ok(()), "thread");
        assert_eq!(
            check(&c, &place(Some(1), 11, None)),
            Err(Refusal::ChannelNotAllowed)
        );
        assert_eq!(
            check(&c, &place(Some(2), 10, None)),
            Err(Refusal::GuildNotAllowed)
        );
    }
}
