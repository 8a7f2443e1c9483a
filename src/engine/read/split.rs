//! Multi-part questions: "What grade did Essex get for investigating crime
//! and who led the inspection?" is two asks. A question splits at "and",
//! "also", "plus", "then" or the asker's punctuation only where each side
//! holds an ask of its own (a question word, or a cue phrase), and never
//! inside a name ("Avon and Somerset", "police powers and public
//! treatment") or between the forces of a comparison ("Compare Essex and
//! Kent"). At most three parts.

use std::ops::Range;

use super::cues::CueHit;
use super::slots::{Claim, Slots};
use super::tokens::Token;
use crate::engine::intents::Intent;

/// Words that open an ask.
const QUESTION_WORDS: &[&str] = &[
    "what", "whats", "who", "whos", "when", "where", "which", "how", "hows", "why", "did", "does",
    "do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "should", "would",
    "will", "list", "show", "tell", "give",
];

/// Words that join two asks.
const JOINS: &[&str] = &["and", "also", "plus", "then", "but"];

/// Most parts a question is answered in.
pub const MAX_PARTS: usize = 3;

/// The word ranges of a question's parts (one range when it is one ask).
pub fn split(toks: &[Token], slots: &Slots, hits: &[CueHit]) -> Vec<Range<usize>> {
    let n = toks.len();
    let mut cuts: Vec<usize> = Vec::new();
    let mut start = 0;
    for i in 1..n {
        if cuts.len() + 1 >= MAX_PARTS {
            break;
        }
        let join = JOINS.contains(&toks[i].word.as_str());
        if !join && !toks[i].boundary {
            continue;
        }
        if inside_name(slots, i) {
            continue;
        }
        // The right side's first words, past any joining words.
        let mut r = i;
        while r < n && JOINS.contains(&toks[r].word.as_str()) {
            r += 1;
        }
        if r >= n {
            break;
        }
        // A cue asks when some word of its own is free: "an area for
        // improvement" named as a term asks nothing.
        let free_cue = |h: &CueHit| {
            (h.start..h.end).any(|k| {
                h.says(k)
                    && matches!(
                        slots.claims[k],
                        Claim::Free
                            | Claim::Stop
                            | Claim::Filler
                            | Claim::Word
                            | Claim::Grade
                            | Claim::Term
                    )
            })
        };
        // The second ask must open as a question ("… and who led it?"): a
        // noun phrase after "and" is more of the first ask ("… and an area
        // for improvement", "… and Kent").
        let right_asks = QUESTION_WORDS.contains(&toks[r].word.as_str());
        let left_asks = QUESTION_WORDS.contains(&toks[start].word.as_str())
            || hits.iter().any(|h| {
                h.start >= start && h.end <= i && h.weight >= 0.8 && asks(h.intent) && free_cue(h)
            });
        let content = |range: Range<usize>| {
            range
                .clone()
                .filter(|&k| !matches!(slots.claims[k], Claim::Stop))
                .count()
        };
        if right_asks && left_asks && content(start..i) > 0 && content(r..n) > 0 {
            cuts.push(i);
            start = r;
        }
    }
    let mut parts = Vec::new();
    let mut from = 0;
    for &c in &cuts {
        parts.push(from..c);
        from = c;
        while from < n && JOINS.contains(&toks[from].word.as_str()) {
            from += 1;
        }
    }
    parts.push(from..n);
    parts
}

/// Intents whose cues mark an ask of their own (a comparison's "vs" does not).
fn asks(intent: Intent) -> bool {
    !matches!(intent, Intent::Compare | Intent::None | Intent::Topic)
}

/// True when word `i` sits inside a multi-word name or phrase (a phrase's
/// claim covers its joining words: "and" in "Avon and Somerset" or "police
/// and crime commissioner" is part of it).
fn inside_name(slots: &Slots, i: usize) -> bool {
    !matches!(slots.claims[i], Claim::Stop | Claim::Free | Claim::Filler)
}
