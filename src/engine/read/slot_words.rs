//! Words that set a slot of a query rather than naming a thing: offices
//! whose holders' words are wanted, the inspectorate, time, qualifiers. One
//! table, read by the slot finder and by the spelling vocabulary.

use super::super::phrases::Phrases;
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
    /// "key findings", "what did they find": what the inspection found.
    Findings,
    /// "they", "its", "this force": a force meant but not named.
    Referent,
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
    ("findings", SlotWord::Findings),
    ("key findings", SlotWord::Findings),
    ("main findings", SlotWord::Findings),
    ("find", SlotWord::Findings),
    ("found", SlotWord::Findings),
    ("they", SlotWord::Referent),
    ("their", SlotWord::Referent),
    ("them", SlotWord::Referent),
    ("it", SlotWord::Referent),
    ("its", SlotWord::Referent),
    ("this force", SlotWord::Referent),
    ("that force", SlotWord::Referent),
    ("region", SlotWord::RegionWord),
    ("regions", SlotWord::RegionWord),
];

/// Outside England and Wales, or not a territorial force: not covered.
const OUT_OF_SCOPE: &[(&[&str], &str)] = &[
    (&["scotland"], "Police Scotland"),
    (&["scottish"], "Police Scotland"),
    (
        &["northern", "ireland"],
        "the Police Service of Northern Ireland",
    ),
    (&["psni"], "the Police Service of Northern Ireland"),
    (&["british", "transport"], "British Transport Police"),
    (&["btp"], "British Transport Police"),
    (
        &["ministry", "of", "defence"],
        "the Ministry of Defence Police",
    ),
    (&["civil", "nuclear"], "the Civil Nuclear Constabulary"),
    (&["isle", "of", "man"], "the Isle of Man Constabulary"),
    (&["jersey"], "the States of Jersey Police"),
    (&["guernsey"], "Guernsey Police"),
    (&["garda"], "An Garda Síochána"),
    (&["fire", "and", "rescue"], "fire and rescue services"),
    (&["fire", "rescue"], "fire and rescue services"),
    (&["fire", "service"], "fire and rescue services"),
    (&["fire", "services"], "fire and rescue services"),
    (&["fire", "brigade"], "fire and rescue services"),
    (&["firefighters"], "fire and rescue services"),
    (
        &["national", "crime", "agency"],
        "the National Crime Agency",
    ),
    (&["nca"], "the National Crime Agency"),
];

/// Names that contain a force's or a town's name but are something else:
/// places abroad, and football clubs named for their towns.
const LOOKALIKES: &[(&[&str], &str)] = &[
    (
        &["new", "south", "wales"],
        "New South Wales Police (Australia)",
    ),
    (&["cleveland", "ohio"], "Cleveland, Ohio"),
    (&["new", "york"], "the New York police"),
    (&["durham", "north", "carolina"], "Durham, North Carolina"),
    (&["nottingham", "forest"], "football"),
    (&["notts", "county"], "football"),
    (&["derby", "county"], "football"),
    (&["leeds", "united"], "football"),
    (&["manchester", "united"], "football"),
    (&["manchester", "city"], "football"),
    (&["man", "united"], "football"),
    (&["man", "utd"], "football"),
    (&["man", "city"], "football"),
    (&["newcastle", "united"], "football"),
    (&["sheffield", "united"], "football"),
    (&["sheffield", "wednesday"], "football"),
    (&["leicester", "city"], "football"),
    (&["norwich", "city"], "football"),
    (&["cardiff", "city"], "football"),
    (&["swansea", "city"], "football"),
    (&["bristol", "city"], "football"),
    (&["bristol", "rovers"], "football"),
    (&["stoke", "city"], "football"),
    (&["hull", "city"], "football"),
    (&["coventry", "city"], "football"),
    (&["birmingham", "city"], "football"),
    (&["aston", "villa"], "football"),
    (&["ipswich", "town"], "football"),
    (&["luton", "town"], "football"),
    (&["preston", "north", "end"], "football"),
    (&["plymouth", "argyle"], "football"),
    (&["exeter", "city"], "football"),
    (&["oxford", "united"], "football"),
    (&["cambridge", "united"], "football"),
    (&["lincoln", "city"], "football"),
    (&["wolverhampton", "wanderers"], "football"),
    (&["bolton", "wanderers"], "football"),
    (&["blackburn", "rovers"], "football"),
];

/// The fixed word sequences of this module, keyed for one-pass lookup.
#[derive(Debug, Default)]
pub struct WordTables {
    pub lookalikes: Phrases<&'static str>,
    pub out_of_scope: Phrases<&'static str>,
    pub slot_words: Phrases<SlotWord>,
}

impl WordTables {
    pub fn new() -> WordTables {
        let words = |p: &[&str]| p.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let mut t = WordTables::default();
        for (phrase, name) in LOOKALIKES {
            t.lookalikes.add(words(phrase), *name);
        }
        for (phrase, name) in OUT_OF_SCOPE {
            t.out_of_scope.add(words(phrase), *name);
        }
        for (phrase, sw) in SLOT_WORDS {
            t.slot_words
                .add(phrase.split(' ').map(str::to_string).collect(), *sw);
        }
        t
    }
}
