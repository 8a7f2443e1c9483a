//! Words that set a slot of a query rather than naming a thing: offices
//! whose holders' words are wanted, the inspectorate, time, qualifiers. One
//! table, read by the slot finder and by the spelling vocabulary.

use super::super::query::Role;

/// Words that set a slot of the query rather than naming a thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotWord {
    Role(Role),
    /// The inspectorate's words are wanted.
    Inspector,
    Latest,
    Previous,
    /// "since 2022": the year that follows is a starting point.
    Since,
    /// Show the curators' notes.
    Notes,
    /// "any good?": a verdict with both sides.
    Balance,
    /// "the region", "forces" after a name that is also a region's.
    RegionWord,
}

/// Slot words and phrases (folded), matched on whole words.
pub const SLOT_WORDS: &[(&str, SlotWord)] = &[
    ("chief constable", SlotWord::Role(Role::ChiefConstable)),
    ("chief", SlotWord::Role(Role::ChiefConstable)),
    ("cc", SlotWord::Role(Role::ChiefConstable)),
    (
        "police and crime commissioner",
        SlotWord::Role(Role::Commissioner),
    ),
    ("crime commissioner", SlotWord::Role(Role::Commissioner)),
    ("commissioner", SlotWord::Role(Role::Commissioner)),
    ("pcc", SlotWord::Role(Role::Commissioner)),
    ("pfcc", SlotWord::Role(Role::Commissioner)),
    ("mayor", SlotWord::Role(Role::Mayor)),
    ("deputy", SlotWord::Role(Role::Deputy)),
    ("inspector", SlotWord::Inspector),
    ("inspectors", SlotWord::Inspector),
    ("inspectorate", SlotWord::Inspector),
    ("hmicfrs", SlotWord::Inspector),
    ("hmic", SlotWord::Inspector),
    ("hmi", SlotWord::Inspector),
    ("latest", SlotWord::Latest),
    ("most recent", SlotWord::Latest),
    ("newest", SlotWord::Latest),
    ("this time", SlotWord::Latest),
    ("last inspection", SlotWord::Latest),
    ("last report", SlotWord::Latest),
    ("previous", SlotWord::Previous),
    ("last time", SlotWord::Previous),
    ("before", SlotWord::Previous),
    ("earlier", SlotWord::Previous),
    ("prior", SlotWord::Previous),
    ("older", SlotWord::Previous),
    ("since", SlotWord::Since),
    ("notes", SlotWord::Notes),
    ("note", SlotWord::Notes),
    ("any good", SlotWord::Balance),
    ("how good", SlotWord::Balance),
    ("how bad", SlotWord::Balance),
    ("good or bad", SlotWord::Balance),
    ("good", SlotWord::Balance),
    ("region", SlotWord::RegionWord),
    ("regions", SlotWord::RegionWord),
];
