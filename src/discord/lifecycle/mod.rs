//! The bot as a running thing: the serenity client and poise framework
//! ([`client`]), its gateway shards ([`shards`]), the `peelbot serve`
//! process with its signals and logging ([`serve`]), and the token
//! ([`token`]).

pub mod client;
pub mod serve;
pub mod shards;
pub mod token;
