//! Scoring readings: for every intent of the table, how well reading the
//! question that way explains it. Evidence is the intent's cue phrases, how
//! well the named things fit what the intent uses (a grade question needs an
//! area; a comparison needs two forces), and, for content words nothing
//! else explains, whether the sources speak of them (intents that answer
//! from passages explain such words; the others are charged for them).
//! `none` competes like any intent: words the sources never use, and cues
//! of things inspections never answer, are its evidence.

use super::super::intents::{Forces, Intent, Use, INTENTS};
use super::cues::CueHit;
use super::slots::{Claim, SlotWord, Slots};
use super::tokens::Token;
use crate::knowledge::Grade;

/// One intent's score for a question part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub intent: Intent,
    pub score: f32,
    /// Share of the content words this reading explains (0..1).
    pub explained: f32,
}

/// What a reading needs to know about the named speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerSide {
    Inspectorate,
    Force,
}

/// Per-token evidence from the sources: `r[k]` in 0..1 for words the
/// passages in scope use (see `Passages::explains`), for every token.
pub struct Evidence<'a> {
    pub r: &'a [f32],
    /// 1 for words the glossary entry that best fits the question holds
    /// (only when no force is named), evidence for a definition.
    pub glossary: &'a [f32],
    pub speaker: Option<SpeakerSide>,
}

/// Weight of a content word no reading explains.
const UNEXPLAINED: f32 = 0.35;
/// Gain of a word the sources use, for intents answering from passages.
const TOPIC_GAIN: f32 = 0.6;
/// Cost of a topic word the sources do not use, for those intents.
const TOPIC_MISS: f32 = 0.3;
/// Gain for `none` of a word the sources never use.
const NONE_GAIN: f32 = 0.4;
/// Gain for a definition of a word its glossary entry holds.
const GLOSSARY_GAIN: f32 = 0.45;
/// How much a non-word (digits, a string no dictionary knows) counts.
const NOISE: f32 = 0.25;

/// Every readable intent's reading, best first.
pub fn score(toks: &[Token], slots: &Slots, hits: &[CueHit], ev: &Evidence) -> Vec<Reading> {
    // Worked out once for every intent: the hits heaviest first, and which
    // intents' cues cover each word.
    let mut sorted: Vec<&CueHit> = hits.iter().collect();
    sorted.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    let mut cued = vec![0u32; toks.len()];
    for h in hits {
        for m in &mut cued[h.start..h.end] {
            *m |= bit(h.intent);
        }
    }
    let mut covered = vec![false; toks.len()];
    let cues = Cues {
        sorted: &sorted,
        cued: &cued,
    };
    let mut out: Vec<Reading> = INTENTS
        .iter()
        .filter(|s| s.readable)
        .map(|spec| one(spec.intent, toks, slots, &cues, &mut covered, ev))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.intent.cmp(&b.intent)));
    out
}

/// The cue hits of a part, shared by every intent's reading.
struct Cues<'a> {
    /// Heaviest (then longest) first.
    sorted: &'a [&'a CueHit],
    /// Per word, the intents whose cue phrases cover it ([`bit`]).
    cued: &'a [u32],
}

fn bit(intent: Intent) -> u32 {
    1 << (intent as u32)
}

/// Greedy non-overlapping cue hits of one intent, heaviest first: their
/// weight; `covered` is set to which words they cover.
fn cue_cover(intent: Intent, cues: &Cues, covered: &mut [bool]) -> f32 {
    covered.iter_mut().for_each(|c| *c = false);
    let mut total = 0.0;
    for h in cues.sorted.iter().filter(|h| h.intent == intent) {
        if covered[h.start..h.end].iter().any(|c| *c) {
            continue;
        }
        covered[h.start..h.end].iter_mut().for_each(|c| *c = true);
        total += h.weight;
    }
    total
}

fn uses(u: Use) -> bool {
    matches!(u, Use::Needs | Use::Takes)
}

fn one(
    intent: Intent,
    toks: &[Token],
    slots: &Slots,
    cues: &Cues,
    covered: &mut [bool],
    ev: &Evidence,
) -> Reading {
    let spec = intent.spec();
    let sl = spec.slots;
    let n = toks.len();
    let cue = cue_cover(intent, cues, covered);
    let other_cue = |k: usize| cues.cued[k] & !bit(intent) != 0;
    let none = intent == Intent::None;
    let topical = uses(sl.topic);
    let mut score = cue;
    let mut content = 0.0f32;
    let mut explained = 0.0f32;
    let mut topic_seen = 0.0f32;

    for k in 0..n {
        let claim = slots.claims[k];
        if matches!(claim, Claim::Stop | Claim::Filler) && !covered[k] {
            continue;
        }
        content += 1.0;
        if covered[k] {
            explained += 1.0;
            continue;
        }
        let r = ev.r.get(k).copied().unwrap_or(0.0);
        // A word this reading could take as a topic: what the sources say of it.
        let as_topic = |score: &mut f32, explained: &mut f32, seen: &mut f32| {
            *score += TOPIC_GAIN * r - TOPIC_MISS * (1.0 - r);
            *explained += r;
            *seen += r;
        };
        match claim {
            Claim::Force | Claim::Group | Claim::Region | Claim::Cycle | Claim::Year => {
                explained += 1.0;
            }
            Claim::Outlet => {
                // What a newspaper printed: findings and quotes it carried.
                if topical {
                    score += 0.4;
                    explained += 1.0;
                } else {
                    score -= 0.3;
                }
            }
            Claim::Scope => {
                if none {
                    score += 2.0;
                    explained += 1.0;
                } else {
                    score -= 0.5;
                }
            }
            Claim::Area | Claim::Keyword => {
                if uses(sl.area) {
                    explained += 1.0;
                } else if topical {
                    // An area's words are better explained by the area; as a
                    // topic they count half.
                    score += 0.5 * (TOPIC_GAIN * r - TOPIC_MISS * (1.0 - r));
                    explained += r;
                    topic_seen += r;
                } else {
                    score -= 0.3;
                }
            }
            Claim::Grade => {
                if uses(sl.grade) || intent == Intent::Overview {
                    explained += 1.0;
                } else {
                    score -= 0.3;
                }
            }
            Claim::Person => {
                if uses(sl.speaker) {
                    explained += 1.0;
                } else if none {
                    score -= 0.3;
                } else {
                    score -= 0.5;
                }
            }
            Claim::Term => {
                if uses(sl.term) {
                    explained += 1.0;
                } else if topical {
                    as_topic(&mut score, &mut explained, &mut topic_seen);
                } else {
                    explained += 0.5;
                }
            }
            Claim::Word => {
                // Offices, the inspectorate, time: every reading may carry them,
                // but an office names whose words are wanted.
                let word_ok = !matches!(sl.forces, Forces::NotAbout) || none;
                if word_ok {
                    explained += 1.0;
                } else {
                    score -= 0.15;
                }
            }
            Claim::Free | Claim::Stop | Claim::Filler => {
                // A word says something only if it is a word: digits and
                // strings no dictionary knows ("zzz", mangled mentions) are noise.
                let t = &toks[k];
                let weight = if t.known && !t.word.chars().all(|c| c.is_ascii_digit()) {
                    1.0
                } else {
                    NOISE
                };
                if none && other_cue(k) {
                    // Another reading's cue is not evidence of nothing asked.
                } else if none {
                    score += weight * (NONE_GAIN * (1.0 - r) - 0.2 * r);
                    explained += 1.0 - r;
                } else if topical && other_cue(k) {
                    // Another reading's cue word is better explained by that
                    // reading; as a topic it counts half (as an area's words do).
                    score += 0.5 * (TOPIC_GAIN * r - TOPIC_MISS * (1.0 - r));
                    explained += r;
                    topic_seen += 0.5 * r;
                } else if topical {
                    as_topic(&mut score, &mut explained, &mut topic_seen);
                } else {
                    score -= weight * UNEXPLAINED;
                }
            }
        }
    }

    // A definition explains what its glossary entry tells.
    let told: f32 = (0..n)
        .filter(|&k| !covered[k])
        .map(|k| {
            // Another reading's cue word ("say", "compare") counts half.
            let g = ev.glossary.get(k).copied().unwrap_or(0.0);
            if other_cue(k) {
                0.5 * g
            } else {
                g
            }
        })
        .sum();
    if intent == Intent::Glossary {
        score += GLOSSARY_GAIN * told;
    }

    // How the named things fit what the intent uses.
    let nf = slots.forces.len();
    let regions = slots.groups.iter().any(|g| !g.regions.is_empty());
    let groups = !slots.groups.is_empty();
    let force_sure = slots.forces.iter().map(|f| f.score).fold(1.0f32, f32::min);
    // Who led inspections a named inspector led needs no force.
    let led_by = intent == Intent::Who && ev.speaker == Some(SpeakerSide::Inspectorate);
    // "What grade did they get?": a force is meant though none is named.
    let referent = nf == 0 && !groups && slots.words.contains(&SlotWord::Referent);
    score += match sl.forces {
        Forces::One if led_by && nf == 0 => 0.0,
        Forces::One => match nf {
            1 => 0.6 * force_sure,
            0 if groups => 0.1,
            0 if referent => -0.2,
            0 => -1.2,
            _ => -0.2,
        },
        Forces::Several => match nf {
            0 => -1.5,
            1 if groups => -0.2,
            1 => -0.9,
            _ => 1.2 * force_sure,
        },
        Forces::Pool => match nf {
            0 if regions => 0.6,
            0 if groups => 0.4,
            0 => 0.3,
            _ => -0.9,
        },
        Forces::Any => match nf {
            0 => 0.0,
            1 => 0.4 * force_sure,
            _ => 0.3,
        },
        Forces::NotAbout => {
            if nf > 0 || groups || referent {
                -0.8
            } else {
                0.0
            }
        }
    };
    if let Some(a) = slots.area {
        score += match sl.area {
            Use::Needs => 0.9 * a.strength,
            Use::Takes => 0.4 * a.strength,
            Use::Ignores => 0.0,
        };
    } else if sl.area == Use::Needs {
        score -= 1.2;
    }
    if let Some(g) = slots.grade {
        let weak = g.grade.needs_improvement() != g.negated;
        score += match (intent, sl.grade) {
            (Intent::Improve, _) if !weak => -0.3,
            (Intent::Strengths, _) if weak && !g.negated => -0.3,
            (_, Use::Needs | Use::Takes) => 0.4,
            _ => 0.0,
        };
    }
    if slots.speaker.is_some() || !slots.people.is_empty() {
        score += match (intent, ev.speaker) {
            (Intent::Quote, _) => 1.0,
            (Intent::Response, Some(SpeakerSide::Force)) => 1.0,
            (Intent::Response, _) => -0.6,
            (Intent::Who, Some(SpeakerSide::Inspectorate)) => 0.4,
            (Intent::Who, _) => -0.4,
            _ => 0.0,
        };
    }
    if sl.term == Use::Needs {
        // "What was PEEL 2021/22?": a cycle alone is a term too.
        let cycle_alone = nf == 0 && !slots.cycles.is_empty() && slots.area.is_none();
        // "Define inadequate": a grade word is the grades entry's term.
        let grade_word = slots.grade.is_some() && cue > 0.0;
        score += if !slots.terms.is_empty() || cycle_alone || grade_word {
            1.2
        } else {
            -1.5
        };
    }
    if sl.topic == Use::Needs && topic_seen < 0.5 {
        score -= 1.0;
    }
    if matches!(sl.forces, Forces::NotAbout) && !(slots.cycles.is_empty() && slots.years.is_empty())
    {
        score -= 0.3;
    }
    for w in &slots.words {
        score += match (w, intent) {
            (SlotWord::Balance, Intent::Overview) => 0.8,
            (SlotWord::Notes, Intent::Overview) => 0.3,
            // "What did they find?" is the inspection; "find about X" is X.
            (SlotWord::Findings, Intent::Overview) => 0.8,
            (SlotWord::Findings, Intent::Topic) => 0.6,
            (SlotWord::Findings, Intent::Quote) => 0.4,
            (SlotWord::Role(_), Intent::Response) => 0.3,
            (SlotWord::Inspector, Intent::Quote | Intent::Who) => 0.2,
            (SlotWord::Since, Intent::Change) if !slots.years.is_empty() => 0.8,
            (SlotWord::Since, Intent::Change) => 0.3,
            _ => 0.0,
        };
    }
    // A reading must be asked for: by its cue phrases, or by the slots only
    // it can use (an area and a force ask for a grade; two forces for a
    // comparison; a force alone for its grades; words the sources hold for
    // what they say). Slots alone never ask for a quote or a date.
    let asked = cue > 0.0
        || match intent {
            // A force alone, or a region alone (which clarifies), asks for grades.
            Intent::Overview => nf == 1 || (nf == 0 && groups),
            Intent::Grade => nf == 1 && slots.area.is_some(),
            Intent::Compare => nf >= 2,
            Intent::Across => nf == 0 && slots.grade.is_some(),
            Intent::Topic => topic_seen >= 0.5,
            Intent::Glossary => {
                (!slots.terms.is_empty()
                    || !slots.cycles.is_empty()
                    || slots.grade.is_some()
                    || told >= 1.5)
                    && nf == 0
            }
            Intent::Quote => {
                slots.speaker.is_some() || !slots.people.is_empty() || slots.asked_speaker.is_some()
            }
            Intent::Change => slots.cycles.len() >= 2,
            Intent::None => true,
            _ => false,
        };
    if !asked {
        score -= 0.8;
    }
    // Two cycles named ("2021/22 vs 2023-25") ask how a force changed.
    if intent == Intent::Change && slots.cycles.len() >= 2 {
        score += 1.0;
    }
    if let Some(g) = slots.grade {
        // "Which forces are inadequate" is about the grade, not a force's weak spots.
        if intent == Intent::Across && g.grade == Grade::Inadequate {
            score += 0.1;
        }
    }
    if none && slots.forces.is_empty() && slots.groups.is_empty() && slots.area.is_none() {
        // Nothing inspections cover is named at all.
        score += 0.3;
    }
    Reading {
        intent,
        score,
        explained: if content > 0.0 {
            (explained / content).clamp(0.0, 1.0)
        } else {
            0.0
        },
    }
}

/// How far to trust the best reading (0..1): how much of the question it
/// explains, how far it leads the next reading, and how sure the names it
/// rests on are (`sure`: 1 for exact names, less for typos and towns).
pub fn confidence(readings: &[Reading], sure: f32) -> f32 {
    let Some(best) = readings.first() else {
        return 0.0;
    };
    let second = readings.get(1).map_or(0.0, |r| r.score);
    let margin = (best.score - second).max(0.0);
    let strength = best.score.max(0.0);
    let reading = 0.3
        + 0.3 * best.explained
        + 0.25 * (margin / (margin + 0.5))
        + 0.15 * (strength / (strength + 1.0));
    (reading * (0.75 + 0.25 * sure.clamp(0.0, 1.0))).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::read_parts;
    use super::*;
    use crate::knowledge::load_embedded;

    fn best(q: &str) -> (Intent, Vec<(Intent, f32)>) {
        let kb = load_embedded().unwrap();
        let ix = super::super::super::index::Index::new(&kb);
        let parts = read_parts(q, &kb, &ix);
        let p = &parts[0];
        (p.query.intent, p.readings.clone())
    }

    #[track_caller]
    fn reads(q: &str, want: Intent) {
        let (got, readings) = best(q);
        assert_eq!(got, want, "{q}: {readings:?}");
    }

    #[test]
    fn score_a_content_word_does_not_override_the_ask() {
        // "improving" is an improve cue, but the inspector's opinion is asked.
        reads(
            "Did the inspector think Derbyshire was capable of improving?",
            Intent::Quote,
        );
        reads(
            "What did the Derbyshire chief constable say about significant challenge and change?",
            Intent::Response,
        );
        reads("What does Derbyshire need to improve?", Intent::Improve);
    }

    #[test]
    fn score_a_saying_verb_before_a_force_only_reports_the_ask() {
        // "say <force> must improve": what was said is the ask.
        reads(
            "what did inspectors say leicestershire must improve",
            Intent::Improve,
        );
        reads(
            "which five areas did HMICFRS say derbyshire had to improve in 2021/22",
            Intent::Improve,
        );
        // Words about a thing, or an opinion, are still asked for.
        reads(
            "what did inspectors say about leicestershire's improvement",
            Intent::Quote,
        );
        reads(
            "Did the inspector think Derbyshire was capable of improving?",
            Intent::Quote,
        );
    }

    #[test]
    fn score_the_verb_not_the_inspectorate_named_decides() {
        // Every finding is the inspectorate's: naming it asks for nothing,
        // the verb does.
        reads(
            "what did inspectors praise at northumbria",
            Intent::Strengths,
        );
        reads("what did inspectors say about northumbria", Intent::Quote);
    }

    #[test]
    fn score_out_of_scope_predicate_beats_the_force_named() {
        reads("Is Kent police corrupt?", Intent::None);
        reads("Should I join the Met?", Intent::None);
        reads("crime rate in Leeds", Intent::None);
        reads("Kent police", Intent::Overview);
    }

    #[test]
    fn score_two_forces_and_an_area_compare() {
        reads(
            "Does Kent match Essex on investigating crime?",
            Intent::Compare,
        );
        reads("Compare Essex and Kent", Intent::Compare);
    }

    #[test]
    fn score_grade_needs_an_area() {
        reads("How was Kent graded for recording crime?", Intent::Grade);
        reads("How was Kent graded?", Intent::Overview);
    }

    #[test]
    fn score_confidence_rises_with_margin_and_cover() {
        let r = |s: f32, e: f32| Reading {
            intent: Intent::Overview,
            score: s,
            explained: e,
        };
        let low = confidence(&[r(1.0, 0.5), r(0.9, 0.5)], 1.0);
        let high = confidence(&[r(2.5, 1.0), r(0.5, 0.5)], 1.0);
        assert!(high > low + 0.3, "{low} {high}");
        assert!((0.0..=1.0).contains(&high));
        // A typo'd name makes the same reading less sure.
        assert!(confidence(&[r(2.5, 1.0), r(0.5, 0.5)], 0.75) < high);
    }
}
