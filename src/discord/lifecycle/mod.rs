//! The bot as a running thing: the serenity client and poise framework
//! ([`client`]), its gateway shards ([`shards`]), the `peelbot serve`
//! process with its signals and exit codes ([`serve`], [`fatal`]), what it
//! may log ([`logging`]), and the token ([`token`]).

pub mod client;
pub mod fatal;
pub mod logging;
pub mod serve;
pub mod shards;
pub mod token;
