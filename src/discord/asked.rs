//! What a person asked, as it travels from where it arrived (a message, a
//! slash command, a button) to the engine: the words they typed, or a typed
//! query that no one needs to turn back into English.

use crate::engine::Query;

/// Words typed, or a typed query (a slash command's options, a button).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    Text(String),
    Query(Query),
}
